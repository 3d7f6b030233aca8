import fc from "fast-check";
import { analyzeNeed, analyzeSupplier } from "./analyze";
import { InMemoryCorpus } from "./bm25";
import { prepareNeed, rankPrepared, shortlist, textRelevanceOf } from "./score";
import type { NeedDoc, SupplierDoc } from "./types";

// shortlist lets the database layer read capacity, track record and chains for a few candidates only; the
// ranking it leads to must be the ranking of all candidates, whatever those other features turn out to be.
const need: NeedDoc = {
  title: "储能电池热失控早期预警",
  description: "储能电站电池舱内电芯热失控后蔓延很快。希望开发热失控早期预警方法和电池热管理方案。",
  keywords: ["热失控", "储能", "早期预警"],
  chainCode: "NEW_ENERGY",
  kind: "TECH_BREAKTHROUGH",
  regionCode: "411302",
};
const PHRASES = ["锂离子电池热失控机理", "储能电站电池热管理", "液冷散热系统", "电芯温度监测", "早期预警算法", "仔猪营养", "数控机床热误差", "电池回收湿法冶金", "储能安全评估", "热管理材料"];
const CHAINS = ["NEW_ENERGY", "EQUIPMENT", "AGRI_FOOD"];

const supplier = fc.record({
  phrases: fc.subarray(PHRASES, { minLength: 1, maxLength: 4 }),
  chain: fc.constantFrom(...CHAINS),
  capacity: fc.integer({ min: 0, max: 5 }),
  busy: fc.integer({ min: 0, max: 5 }),
  responses: fc.integer({ min: 0, max: 10 }),
  region: fc.constantFrom("411302", "410100", null),
  // decisions on the need's chain (the outcome feature, the only signed one: it widens the bounds both ways)
  // (extremes included: the bounds are reached only in the limit)
  fit: fc.constantFrom(0, 2, 1_000_000),
  misfit: fc.constantFrom(0, 1, 1_000_000),
});

test("ranking the shortlist gives the same top list as ranking every candidate", () => {
  fc.assert(
    fc.property(fc.array(supplier, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (drawn, limit) => {
      const docs: SupplierDoc[] = drawn.map((s) => ({
        kind: "EXPERT",
        name: "专家",
        text: `从事${s.phrases.join("、")}研究。`,
        keywords: s.phrases.slice(0, 2),
        chainCodes: [s.chain],
        regionCode: s.region,
        capacity: s.capacity,
        activeEngagements: s.busy,
        responses: s.responses,
        acceptedResponses: Math.floor(s.responses / 2),
        outcomes: { NEW_ENERGY: { fit: s.fit, misfit: s.misfit } },
      }));
      const candidates = docs.map((doc, i) => ({ key: `EXPERT:${i}`, doc, terms: analyzeSupplier(doc) }));
      const prepared = prepareNeed(need, analyzeNeed(need), new InMemoryCorpus(candidates.map((c) => c.terms)), new Date("2026-01-01"));
      // Some profiles known (scored exactly), the others bounded from text relevance alone.
      const byKey = new Map(candidates.map((c) => [c.key, c]));
      const view = candidates.map((c, i) => (i % 3 === 0 ? { key: c.key, terms: c.terms } : c));
      const short = shortlist(prepared, view, limit).map((c) => ({ ...byKey.get(c.key)!, text: c.text }));
      expect(short.length).toBeLessThanOrEqual(candidates.length);
      // Each comes with its text relevance, which ranking then takes as it is.
      for (const c of short) expect(c.text).toBe(textRelevanceOf(prepared, c.terms));
      expect(rankPrepared(prepared, short, limit)).toEqual(rankPrepared(prepared, candidates, limit));
    }),
    { numRuns: 200 },
  );
});

test("candidates that cannot reach the list are left out", () => {
  const strong = Array.from({ length: 5 }, (_, i) => ({ key: `s${i}`, text: "从事储能电站电池热失控早期预警与热管理研究，开发液冷散热系统。" }));
  const weak = Array.from({ length: 5 }, (_, i) => ({ key: `w${i}`, text: "从事数控机床热误差补偿与电池回收湿法冶金研究，兼顾仔猪营养。储能。" }));
  const candidates = [...strong, ...weak].map(({ key, text }) => {
    const doc: SupplierDoc = { kind: "EXPERT", name: "专家", text, keywords: [], chainCodes: ["NEW_ENERGY"], regionCode: null };
    return { key, doc, terms: analyzeSupplier(doc) };
  });
  const prepared = prepareNeed(need, analyzeNeed(need), new InMemoryCorpus(candidates.map((c) => c.terms)));
  const keys = shortlist(prepared, candidates, 3).map((c) => c.key);
  expect(keys).toEqual(expect.arrayContaining(["s0", "s1", "s2", "s3", "s4"]));
  expect(keys.some((k) => k.startsWith("w"))).toBe(false);
});

test("a weaker text match lifted by its record, above a stronger one rejected everywhere, is kept", () => {
  // Weights where the record counts most (as a fit could propose), texts of every pair of phrases; the strongest, and
  // one whose relevance is 0.15–0.5 of it: a bound of text·W_text .. text (features valued 0..1) leaves it out, yet
  // its record carries it above the rejected one.
  const weights = { text: 0.55, kindFit: 0, industryChain: 0, capacity: 0, track: 0, region: 0, schedule: 0, outcome: 1 };
  const texts = PHRASES.flatMap((a, i) => PHRASES.slice(i + 1).map((b) => `从事${a}、${b}研究。`));
  const docs = texts.map((text): SupplierDoc => ({ kind: "PLATFORM", name: "平台", text, keywords: [], chainCodes: ["NEW_ENERGY"], regionCode: null, platformKind: "OTHER" }));
  const all = docs.map((doc, i) => ({ key: `P:${i}`, doc, terms: analyzeSupplier(doc) }));
  const prepared = prepareNeed(need, analyzeNeed(need), new InMemoryCorpus(all.map((c) => c.terms)), new Date("2026-01-01"), weights);
  const relevance = all.map((c) => textRelevanceOf(prepared, c.terms) ?? 0);
  const strongest = relevance.indexOf(Math.max(...relevance));
  const weaker = relevance.findIndex((r) => r > 0.15 * relevance[strongest] && r < 0.5 * relevance[strongest]);
  expect(weaker).toBeGreaterThanOrEqual(0);
  const pair = [
    { ...all[strongest], doc: { ...all[strongest].doc, outcomes: { NEW_ENERGY: { fit: 0, misfit: 1_000_000 } } } },
    { ...all[weaker], doc: { ...all[weaker].doc, outcomes: { NEW_ENERGY: { fit: 1_000_000, misfit: 0 } } } },
  ];
  const full = rankPrepared(prepared, pair, 1);
  expect(full[0].key).toBe(all[weaker].key);
  // Profiles unknown to the shortlist: only the bounds can keep the weaker one.
  const short = shortlist(prepared, pair.map(({ key, terms }) => ({ key, terms })), 1).map((c) => ({ ...pair.find((p) => p.key === c.key)!, text: c.text }));
  expect(rankPrepared(prepared, short, 1)).toEqual(full);
});
