import { analyzeNeed, analyzeSupplier } from "./analyze";
import { InMemoryCorpus, prepareQuery } from "./bm25";
import { DISCIPLINE_PREFIX } from "./dictionaries";
import { prepareNeed, rankSuppliers } from "./score";
import { askDisciplines, DEPTH_HALF, DEPTH_SHARE, specialistFactor } from "./specialist";
import type { NeedDoc, SupplierDoc, TermVector } from "./types";

const need: NeedDoc = {
  title: "减速机运行异响问题",
  description: "公司生产工业减速机。近期出厂的减速机运行时有明显异响和抖动，客户投诉较多。希望找到异响的来源并提出解决办法。",
  keywords: ["减速机", "异响"],
  chainCode: "EQUIPMENT",
  kind: "TECH_BREAKTHROUGH",
  regionCode: null,
};
const expert = (key: string, text: string, keywords: string[]) => {
  const doc: SupplierDoc = { kind: "EXPERT", name: key, text, keywords, chainCodes: ["EQUIPMENT"], regionCode: null, capacity: 3, activeEngagements: 0 };
  return { key, doc, terms: analyzeSupplier(doc) };
};
// The specialist: the whole profile is the field the symptom belongs to (振动噪声).
const specialist = expert("specialist", "教授 长期从事机械振动与噪声控制研究，擅长模态分析、传递路径分析和减振降噪。", ["振动噪声", "NVH", "降噪"]);
// The mentioner: the product's words, and the problem once among many others (how template-built profiles read).
const mentioner = expert(
  "mentioner",
  "高级工程师 从事减速机、齿轮箱、工业减速机和传动装置的设计与制造，在减速机齿轮磨损、减速机漏油、异响、减速机温升等问题的解决上积累了丰富经验。",
  ["减速机", "齿轮箱", "传动装置"],
);
const filler = [
  expert("f1", "从事中药配方颗粒质量标准研究。", ["配方颗粒"]),
  expert("f2", "从事熔喷非织造布驻极研究。", ["驻极体"]),
  expert("f3", "从事电池回收湿法冶金研究。", ["湿法冶金"]),
  expert("f4", "从事仔猪营养与肠道健康研究。", ["仔猪营养"]),
];
const candidates = [specialist, mentioner, ...filler];
const corpus = new InMemoryCorpus(candidates.map((c) => c.terms));
const needTerms = analyzeNeed(need);
const discipline = `${DISCIPLINE_PREFIX}振动噪声`;

describe("specialist over mentioner", () => {
  it("the need's ask names the symptom's discipline, and both suppliers hold it", () => {
    expect(Object.keys(needTerms.focus ?? {})).toContain(discipline);
    expect(specialist.terms.terms[discipline]).toBeGreaterThan(0);
    expect(mentioner.terms.terms[discipline]).toBeGreaterThan(0);
  });

  it("ranks the supplier deep in the asked discipline above the one that names the product and mentions the problem", () => {
    const ranked = rankSuppliers(need, candidates, corpus, undefined, needTerms).map((r) => r.key);
    expect(ranked.indexOf("specialist")).toBeLessThan(ranked.indexOf("mentioner"));
    expect(ranked.indexOf("mentioner")).toBeGreaterThanOrEqual(0); // still a match, only lower
  });

  it("grows with the mass of the asked discipline, and leaves needs without one alone", () => {
    const prepared = prepareNeed(need, needTerms, corpus);
    expect([...prepared.askDisciplines]).toEqual([[discipline, 1]]);
    const deep = specialistFactor(prepared.askDisciplines, prepared.focus, specialist.terms);
    const shallow = specialistFactor(prepared.askDisciplines, prepared.focus, mentioner.terms);
    const none = specialistFactor(prepared.askDisciplines, prepared.focus, filler[0]!.terms);
    expect(deep).toBeGreaterThan(shallow);
    expect(shallow).toBeGreaterThan(none);
    expect(none).toBeCloseTo(1 - DEPTH_SHARE, 12);
    expect(deep).toBeLessThan(1);
    expect(specialistFactor(new Map(), prepared.focus, specialist.terms)).toBe(1);
  });
});

describe("each asked discipline counts by its weight in the ask", () => {
  const vibration = `${DISCIPLINE_PREFIX}振动噪声`;
  const wear = `${DISCIPLINE_PREFIX}摩擦磨损与润滑`;

  it("shares are relative to the heaviest asked discipline; other ask terms are not disciplines", () => {
    const shares = askDisciplines({ [vibration]: 2, [wear]: 0.5, 噪声: 1 });
    expect([...shares]).toEqual([[vibration, 1], [wear, 0.25]]);
    expect(askDisciplines(undefined).size).toBe(0);
  });

  it("leaves out a discipline no supplier holds before taking shares (it would shrink the others')", () => {
    const supplier: TermVector = { terms: { [wear]: 3, 噪声: 1 }, length: 10 };
    const corpus = new InMemoryCorpus([supplier]);
    const terms: TermVector = { terms: { 噪声: 1, [vibration]: 2, [wear]: 0.5 }, length: 3, focus: { [vibration]: 2, [wear]: 0.5, 噪声: 1 } };
    expect([...prepareNeed(need, terms, corpus).askDisciplines]).toEqual([[wear, 1]]);
  });

  it("prefers the supplier deep in the discipline the ask is mostly about to one as deep in a discipline it touches", () => {
    // A need asking mostly about noise, and once about wear: two suppliers of the same depth, one in each field.
    const ask = { [vibration]: 2, [wear]: 0.4, 噪声: 1 };
    const deepInNoise: TermVector = { terms: { [vibration]: 6, 噪声: 1 }, length: 10 };
    const deepInWear: TermVector = { terms: { [wear]: 6, 噪声: 1 }, length: 10 };
    const corpus = new InMemoryCorpus([deepInNoise, deepInWear]);
    const focus = prepareQuery(ask, corpus);
    const shares = askDisciplines(ask);
    const noise = specialistFactor(shares, focus, deepInNoise);
    const wearOnly = specialistFactor(shares, focus, deepInWear);
    expect(noise).toBeGreaterThan(wearOnly);
    // The noise specialist counts in full, the wear specialist at its discipline's share (0.2 of its mass).
    expect(noise).toBeCloseTo(1 - DEPTH_SHARE + (DEPTH_SHARE * 6) / (6 + DEPTH_HALF), 12);
    expect(wearOnly).toBeCloseTo(1 - DEPTH_SHARE + (DEPTH_SHARE * 1.2) / (1.2 + DEPTH_HALF), 12);
  });
});
