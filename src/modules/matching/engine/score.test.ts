import { analyzeNeed, analyzeSupplier } from "./analyze";
import { InMemoryCorpus } from "./bm25";
import { FEATURE_WEIGHTS, FOCUS_SHARE, rankSuppliers, scoreMatch, TEXT_FLOOR } from "./score";
import { DEPTH_SHARE } from "./specialist";
import type { NeedDoc, SupplierDoc } from "./types";

const need: NeedDoc = {
  title: "储能电池热失控早期预警",
  description: "储能电站电池舱内电芯热失控后蔓延很快。希望开发热失控早期预警方法和电池热管理方案。",
  keywords: ["热失控", "储能", "早期预警"],
  chainCode: "NEW_ENERGY",
  kind: "TECH_BREAKTHROUGH",
  regionCode: "411302",
};
const expert = (over: Partial<SupplierDoc>): SupplierDoc => ({
  kind: "EXPERT", name: "专家", text: "", keywords: [], chainCodes: ["EQUIPMENT"], regionCode: null, capacity: 3, activeEngagements: 0, ...over,
});

// A strong text match registered under another chain and another region ...
const strong = expert({
  text: "教授 从事锂离子电池热失控机理与预警研究，开发了液冷散热系统。",
  keywords: ["热失控", "电池安全"], chainCodes: ["AGRI_FOOD"], regionCode: "410100",
});
// ... and a weak one in the need's chain and county, with a kind that fits as well.
const weak = expert({
  text: "教授 从事储能电站电池热管理与液冷系统设计，熟悉电芯温度监测。", keywords: ["储能", "热管理"],
  chainCodes: ["NEW_ENERGY"], regionCode: "411302",
});
const unrelated = expert({ text: "研究员 从事仔猪营养与肠道健康研究。", keywords: ["仔猪营养", "肠道健康"], chainCodes: ["AGRI_FOOD"] });
const filler = [
  expert({ text: "从事数控机床热误差补偿研究。", keywords: ["热误差"] }),
  expert({ text: "从事中药配方颗粒质量标准研究。", keywords: ["配方颗粒"] }),
  expert({ text: "从事熔喷非织造布驻极研究。", keywords: ["驻极体"] }),
  expert({ text: "从事电池回收湿法冶金研究。", keywords: ["湿法冶金"] }),
];
const suppliers = [strong, weak, unrelated, ...filler];
const vectors = suppliers.map(analyzeSupplier);
const corpus = new InMemoryCorpus(vectors);
const needTerms = analyzeNeed(need);
const score = (s: SupplierDoc) => scoreMatch(need, needTerms, s, analyzeSupplier(s), corpus);

describe("score composition", () => {
  it("has contributions that add up to the score, each value × weight", () => {
    for (const s of [strong, weak]) {
      const m = score(s)!;
      expect(m).not.toBeNull();
      const sum = m.breakdown.reduce((acc, c) => acc + c.contribution, 0);
      expect(Math.abs(sum - m.score)).toBeLessThan(1e-9);
      for (const c of m.breakdown) expect(Math.abs(c.value * c.weight - c.contribution)).toBeLessThan(1e-12);
      expect(m.score).toBeGreaterThan(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });

  it("reports every feature, with the non-text weights scaled by the text value (gating)", () => {
    const m = score(strong)!;
    const features = m.breakdown.map((c) => c.feature);
    expect(features).toEqual(expect.arrayContaining(["text", "industryChain", "region", "capacity", "track", "kindFit", "schedule"]));
    const text = m.breakdown.find((c) => c.feature === "text")!;
    expect(text.weight).toBe(FEATURE_WEIGHTS.text);
    const chain = m.breakdown.find((c) => c.feature === "industryChain")!;
    expect(chain.weight).toBeCloseTo(FEATURE_WEIGHTS.industryChain * text.value, 12);
  });

  it("does not let a weak-text same-chain same-region supplier beat a strong-text other-chain one", () => {
    const s = score(strong)!;
    const w = score(weak)!;
    expect(w).not.toBeNull();
    // Same chain, same county: the other features favour the weak supplier; text decides.
    expect(w.breakdown.find((c) => c.feature === "text")!.value).toBeLessThan(s.breakdown.find((c) => c.feature === "text")!.value);
    expect(w.breakdown.find((c) => c.feature === "industryChain")!.value).toBe(1);
    expect(w.breakdown.find((c) => c.feature === "region")!.value).toBe(1);
    expect(s.breakdown.find((c) => c.feature === "region")!.value).toBeLessThan(1);
    expect(s.score).toBeGreaterThan(w.score);
    // A plain weighted sum (features not gated by text) would have put the weak one first: the case is real.
    const plainSum = (m: typeof s) =>
      m.breakdown.reduce((acc, c) => acc + c.value * FEATURE_WEIGHTS[c.feature as keyof typeof FEATURE_WEIGHTS], 0);
    expect(plainSum(w)).toBeGreaterThan(plainSum(s));
  });

  it("returns null below the relevance floor", () => {
    expect(score(unrelated)).toBeNull();
    // Every returned match has at least the floor, less what a missed ask and a missed asked discipline can take away.
    for (const s of suppliers) {
      const m = score(s);
      if (m) expect(m.breakdown.find((c) => c.feature === "text")!.value).toBeGreaterThanOrEqual(TEXT_FLOOR * (1 - FOCUS_SHARE) * (1 - DEPTH_SHARE) - 1e-12);
    }
  });

  it("returns null when only character bigrams overlap", () => {
    const bigramOnly = expert({ text: "研究热失败分析" }); // shares bigrams (热失) but no word or concept
    const bv = analyzeSupplier(bigramOnly);
    const overlap = Object.keys(needTerms.terms).filter((k) => bv.terms[k] !== undefined);
    expect(overlap.length).toBeGreaterThan(0);
    expect(overlap.every((k) => k.startsWith("#"))).toBe(true);
    const c = new InMemoryCorpus([...vectors, bv]);
    expect(scoreMatch(need, needTerms, bigramOnly, analyzeSupplier(bigramOnly), c)).toBeNull();
  });

  it("ranks an expert with every slot busy below the same expert with free slots", () => {
    const busy = { ...strong, activeEngagements: 3 };
    expect(score(busy)!.score).toBeLessThan(score(strong)!.score);
  });
});

describe("rankSuppliers", () => {
  const candidates = suppliers.map((doc, i) => ({ key: `k${i}`, doc, terms: vectors[i]! }));

  it("orders by score, numbers ranks from 1, drops non-matches and honours the limit", () => {
    const ranked = rankSuppliers(need, candidates, corpus);
    expect(ranked[0]!.key).toBe("k0");
    expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.match.score).toBeGreaterThanOrEqual(ranked[i]!.match.score);
    expect(ranked.map((r) => r.key)).not.toContain("k2");
    expect(rankSuppliers(need, candidates, corpus, 1)).toHaveLength(1);
  });

  it("breaks ties by key so that every instance returns the same order", () => {
    const twins = [
      { key: "b", doc: strong, terms: vectors[0]! },
      { key: "a", doc: strong, terms: vectors[0]! },
    ];
    expect(rankSuppliers(need, twins, corpus).map((r) => r.key)).toEqual(["a", "b"]);
  });
});

describe("the outcome feature in the score", () => {
  const need: NeedDoc = { title: "储能电站热失控预警", description: "希望开发储能电池热失控预警方法。", keywords: ["热失控", "储能"], chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", regionCode: null };
  const doc: SupplierDoc = { kind: "EXPERT", name: "x", text: "从事储能电池热失控预警研究", keywords: ["热失控", "储能"], chainCodes: ["NEW_ENERGY"], regionCode: null };
  const terms = analyzeSupplier(doc);
  const corpus = new InMemoryCorpus([terms]);
  const score = (outcomes?: SupplierDoc["outcomes"]) => scoreMatch(need, analyzeNeed(need), { ...doc, outcomes }, terms, corpus)!;
  it("lowers after OUT_OF_SCOPE decisions, lifts after fitting ones, by at most the weight's half of text relevance", () => {
    const plain = score();
    const text = plain.breakdown.find((c) => c.feature === "text")!.value;
    const once = score({ NEW_ENERGY: { fit: 0, misfit: 1 } });
    const often = score({ NEW_ENERGY: { fit: 0, misfit: 1000 } });
    const liked = score({ NEW_ENERGY: { fit: 3, misfit: 0 } });
    expect(once.score).toBeLessThan(plain.score);
    expect(plain.score - once.score).toBeCloseTo(0.1 * FEATURE_WEIGHTS.outcome * text, 12);
    expect(plain.score - often.score).toBeLessThanOrEqual(0.5 * FEATURE_WEIGHTS.outcome * text + 1e-12);
    expect(liked.score).toBeGreaterThan(plain.score);
    // contributions still add up to the score
    expect(often.breakdown.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(often.score, 12);
  });
});
