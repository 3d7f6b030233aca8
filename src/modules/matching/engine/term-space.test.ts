import { analyzeNeed, analyzeSupplier } from "./analyze";
import { InMemoryCorpus } from "./bm25";
import { rankSuppliers } from "./score";
import { expandNeedTerms, learnNeighbours, learnTermSpace, nearestTerms } from "./term-space";
import type { NeedDoc, SupplierDoc } from "./types";

// A small corpus of its own (not from the labelled sets): two fields, each described by two vocabularies that never
// share a document. Dairy fermentation: 乳酸菌/发酵剂 in some texts, 酸奶/凝乳 in others, both beside 菌种/酸度.
// Welding: 焊缝/熔池 and 焊接接头/电弧, both beside 焊丝/气孔.
const field = (shared: string[], own: string[], i: number) => [...shared, own[i % own.length]!, `样本${i}`];
const documents = [
  ...Array.from({ length: 6 }, (_, i) => field(["菌种", "酸度", "乳酸菌", "发酵剂"], ["活菌数", "冷链"], i)),
  ...Array.from({ length: 6 }, (_, i) => field(["菌种", "酸度", "酸奶", "凝乳"], ["乳清析出", "口感"], i)),
  ...Array.from({ length: 6 }, (_, i) => field(["焊丝", "气孔", "焊缝", "熔池"], ["裂纹", "夹渣"], i)),
  ...Array.from({ length: 6 }, (_, i) => field(["焊丝", "气孔", "焊接接头", "电弧"], ["飞溅", "熔深"], i)),
  ...Array.from({ length: 40 }, (_, i) => [`其他${i}`, `主题${i}`]),
];

describe("term space (PPMI + truncated SVD)", () => {
  const options = { minCount: 3, maxShare: 0.3, dimensions: 3, neighbours: 12, minCosine: 0.5 };
  const table = nearestTerms(learnTermSpace(documents, options), options);

  it("brings together terms that share contexts without ever occurring together", () => {
    expect(documents.some((d) => d.includes("乳酸菌") && d.includes("酸奶"))).toBe(false);
    expect(table["乳酸菌"]?.map(([t]) => t)).toContain("酸奶");
    expect(table["焊缝"]?.map(([t]) => t)).toContain("焊接接头");
  });

  it("keeps the two fields apart", () => {
    const fermentation = new Set(["菌种", "酸度", "乳酸菌", "发酵剂", "酸奶", "凝乳", "活菌数", "冷链", "乳清析出", "口感"]);
    for (const term of ["焊缝", "熔池", "焊接接头", "电弧"]) for (const [other] of table[term] ?? []) expect(fermentation.has(other)).toBe(false);
  });

  it("is deterministic for a seed", () => {
    expect(nearestTerms(learnTermSpace(documents, options), options)).toEqual(table);
  });

  it("widens a need's terms at a low weight and leaves its own terms and its ask alone", () => {
    const vector = { terms: { 乳酸菌: 2 }, focus: { 乳酸菌: 1 }, length: 1 };
    const expanded = expandNeedTerms(vector, table, 0.1);
    expect(expanded.terms["乳酸菌"]).toBe(2);
    expect(expanded.terms["酸奶"]).toBeGreaterThan(0);
    expect(expanded.terms["酸奶"]).toBeLessThanOrEqual(0.2);
    expect(expanded.terms["焊缝"]).toBeUndefined();
    expect(expanded.focus).toEqual({ 乳酸菌: 1 });
  });

  it("brings a supplier met only in other words into a need's list", () => {
    // Learned from analysed profiles and needs, as the hub would: 橘皮 (a painter's word for a wavy film) and 流平
    // (the coatings discipline) never occur in one text, but both sit beside 涂膜, 表面张力 and 流平剂. Neither is
    // in the dictionaries (data/), so without the term space the need and the right supplier share no term.
    const supplier = (name: string, text: string): SupplierDoc => ({ kind: "EXPERT", name, text, keywords: [], chainCodes: ["NEW_MATERIALS"], regionCode: null });
    const suppliers = [
      supplier("A", "研究涂料流平与表面张力调控，擅长流平剂选型"),
      supplier("B", "研究喷漆生产线自动化，擅长喷漆机器人轨迹规划"),
      supplier("C", "研究家具设计与人体工程，擅长实木家具结构"),
    ];
    const texts = [
      ...Array.from({ length: 4 }, (_, i) => `涂膜的流平不好，表面张力，流平剂，第${i}批`),
      ...Array.from({ length: 4 }, (_, i) => `涂膜有橘皮，表面张力，流平剂，第${i}批`),
      ...Array.from({ length: 30 }, (_, i) => `无关主题${i}号，其他领域${i}号`),
    ];
    const vectors = suppliers.map(analyzeSupplier);
    const table = learnNeighbours([...vectors, ...texts.map((t) => analyzeSupplier(supplier("x", t)))], { minCount: 3, maxShare: 0.3, dimensions: 3, minCosine: 0.5, neighbours: 12 });
    expect(table["橘皮"]?.map(([t]) => t)).toContain("流平");

    const need: NeedDoc = { title: "家具喷漆后漆面像橘皮", description: "客户反映漆面有橘皮，返工多。希望消除橘皮。", keywords: ["橘皮"], chainCode: "NEW_MATERIALS", kind: "TECH_BREAKTHROUGH", regionCode: null };
    const corpus = new InMemoryCorpus(vectors);
    const candidates = suppliers.map((doc, i) => ({ key: doc.name, doc, terms: vectors[i]! }));
    const plain = rankSuppliers(need, candidates, corpus, undefined, analyzeNeed(need)).map((r) => r.key);
    const widened = rankSuppliers(need, candidates, corpus, undefined, expandNeedTerms(analyzeNeed(need), table)).map((r) => r.key);
    // A nudge, not a rewrite: the widened terms weigh a tenth of the need's own, so the supplier answering in other
    // words joins the list (it was not in it) without overtaking those sharing the need's own words.
    expect(plain).toEqual(["B", "C"]);
    expect(widened).toEqual(["B", "C", "A"]);
  });
});
