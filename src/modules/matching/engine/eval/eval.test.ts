// Quality check on the labelled sample (test/fixtures/matching-sample.json): prints hit@1, MRR, P@3, R@5 and
// nDCG@5 overall, on the hard needs n7–n16 and per need, and fails when the engine falls back towards plain BM25
// (hit@1 0.31, MRR 0.52–0.56, nDCG@5 0.61–0.68 overall; no right supplier first on n7–n16).
import sample from "../../../../../test/fixtures/matching-sample.json";
import traps from "../../../../../test/fixtures/matching-sample-traps.json";
import { evaluate, formatEval, type MatchingSample } from "./evaluate";
import { makeDistractors } from "./distractors";

const data = sample as unknown as MatchingSample;

describe("matching sample", () => {
  const result = evaluate(data);

  it("prints the metrics", () => {
    console.log(`matching sample, ${data.needs.length} needs against all sample suppliers\n${formatEval(result)}`);
    expect(result.perNeed).toHaveLength(16);
  });

  it("beats plain BM25 clearly overall", () => {
    expect(result.overall.hit1).toBeGreaterThanOrEqual(0.8);
    expect(result.overall.mrr).toBeGreaterThanOrEqual(0.9);
    expect(result.overall.ndcg5).toBeGreaterThanOrEqual(0.9);
    expect(result.overall.recall5).toBeGreaterThanOrEqual(0.95);
  });

  it("ranks a right supplier first on most of the hard needs (BM25: none)", () => {
    expect(result.hard.hit1).toBeGreaterThanOrEqual(0.75);
    expect(result.hard.mrr).toBeGreaterThanOrEqual(0.85);
  });

  it("finds every need's right suppliers in its top five", () => {
    for (const r of result.perNeed) expect({ need: r.key, firstRelevantRank: r.firstRelevantRank! <= 5 }).toEqual({ need: r.key, firstRelevantRank: true });
  });
});

describe("traps: wrong suppliers that share distinctive words with a need", () => {
  const result = evaluate(data);
  // Known miss, kept visible rather than hidden: n10's posting names the machine (立式加工中心, 主轴) far more often
  // than the cause, which it only paraphrases (开机预热, 尺寸漂移, 昼夜温差 → 热误差); the spindle expert e25 still
  // edges out the thermal-error expert e24. See the engine README.
  const KNOWN_MISSES = new Set<string>([]);
  const cases = Object.entries(traps as Record<string, Record<string, string[]>>).flatMap(([needKey, byTrap]) =>
    Object.keys(byTrap).map((trapKey) => [needKey, trapKey] as const),
  );

  it.each(cases)("%s: trap %s ranks below the best right supplier", (needKey, trapKey) => {
    const need = data.needs.find((n) => n.key === needKey)!;
    const ranking = result.rankings[needKey]!;
    const best = Math.min(...need.relevant.map((k) => (ranking.indexOf(k) < 0 ? Infinity : ranking.indexOf(k))));
    const trap = ranking.indexOf(trapKey) < 0 ? Infinity : ranking.indexOf(trapKey);
    if (KNOWN_MISSES.has(`${needKey}:${trapKey}`)) {
      // Fails loudly once fixed, so that the exception is removed.
      expect(trap).toBeLessThan(best);
      return;
    }
    expect(trap).toBeGreaterThan(best);
  });
});

describe("with 2,000 demo-like distractor suppliers in the corpus", () => {
  it("still ranks the right suppliers near the top", () => {
    const result = evaluate(data, makeDistractors(2000));
    console.log(`matching sample + 2,000 synthetic distractors\n${formatEval(result)}`);
    // The distractors are short profiles stuffed with dictionary terms (harsher than real data); the floor is still
    // well above plain BM25 without any distractors (hit@1 0.31, MRR 0.52–0.56).
    expect(result.overall.mrr).toBeGreaterThanOrEqual(0.75);
    expect(result.overall.hit1).toBeGreaterThanOrEqual(0.6);
  });
});
