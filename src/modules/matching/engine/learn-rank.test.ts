import { FEATURE_WEIGHTS, type Feature } from "./score";
import { featureInputs, FEATURES, scoreWith } from "./learn-weights";
import { fitRanking, rankingPairs, rankWith, type LabelledCandidate, type LabelledNeed } from "./learn-rank";
import { prng } from "./prng";

/** A candidate whose features are `values` (text required); capacity, track and schedule constant as in the labelled sets. */
function candidate(key: string, gain: number, values: Partial<Record<Feature, number>>): LabelledCandidate {
  const all: Record<string, number> = { capacity: 1, track: 0.6, schedule: 1, region: 0.4, industryChain: 1, kindFit: 0.5, outcome: 0, ...values };
  return { key, gain, breakdown: FEATURES.map((feature) => ({ feature, value: all[feature], weight: 0, contribution: 0 })) };
}

/**
 * Needs whose right supplier is told from the wrong ones by text and by `signal` (it has more of it), while `noise`
 * favours the wrong ones: a fit must weigh the signal and give the noise nothing.
 */
function needs(count: number, signal: Feature, noise: Feature, seed = 3): LabelledNeed[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, n) => {
    const right = candidate(`r${n}`, 1, { text: 0.5 + 0.2 * random(), [signal]: 0.6 + 0.4 * random(), [noise]: 0.2 * random() });
    const wrong = Array.from({ length: 12 }, (_, w) =>
      candidate(`w${n}-${w}`, 0, { text: 0.4 + 0.3 * random(), [signal]: 0.7 * random(), [noise]: 0.5 + 0.5 * random() }),
    );
    return { key: `n${n}`, candidates: [right, ...wrong] };
  });
}

describe("ranking fit on labelled needs", () => {
  it("weighs what tells the right supplier from the wrong ones, and ranks it first", () => {
    const data = needs(40, "industryChain", "region");
    const fit = fitRanking(data, { l2: 1e-3 });
    const w = fit.weights!;
    expect(w).not.toBeNull();
    expect(w.industryChain).toBeGreaterThan(FEATURE_WEIGHTS.industryChain);
    // Far more right suppliers first than with the weights in use (4 of 40; text alone barely tells them apart).
    const first = (weights: typeof w) => data.filter((n) => rankWith(weights, n)[0] === n.candidates[0].key).length;
    expect(first(FEATURE_WEIGHTS)).toBeLessThan(10);
    expect(first(w)).toBeGreaterThanOrEqual(first(FEATURE_WEIGHTS) + 10);
  });

  it("recovers the weights that chose the right suppliers (in the file's terms, adding up to 1)", () => {
    // The right supplier of each need is drawn by a choice model over the score with known weights.
    const truth = { ...FEATURE_WEIGHTS, text: 0.45, kindFit: 0.25, industryChain: 0.15, region: 0.02 };
    const random = prng(23);
    const gumbel = () => -Math.log(-Math.log(Math.max(1e-12, random())));
    const data: LabelledNeed[] = Array.from({ length: 400 }, (_, n) => {
      const pool = Array.from({ length: 10 }, (_, i) => candidate(`c${n}-${i}`, 0, { text: 0.3 + 0.5 * random(), kindFit: random(), industryChain: random() }));
      const utility = pool.map((c) => 60 * scoreWith(truth, featureInputs(c.breakdown)) + gumbel());
      const right = utility.indexOf(Math.max(...utility));
      return { key: `n${n}`, candidates: pool.map((c, i) => ({ ...c, gain: i === right ? 1 : 0 })) };
    });
    const w = fitRanking(data, { l2: 1e-4 }).weights!;
    expect(w.text).toBeCloseTo(truth.text, 1);
    expect(w.kindFit).toBeCloseTo(truth.kindFit, 1);
    expect(w.industryChain).toBeCloseTo(truth.industryChain, 1);
    expect(Math.abs(w.kindFit - truth.kindFit)).toBeLessThan(0.04);
  });

  it("never gives a feature a negative weight: one that favours wrong suppliers is fixed at 0", () => {
    const fit = fitRanking(needs(40, "industryChain", "region"), { l2: 1e-3 });
    expect(fit.dropped).toContain("region");
    expect(fit.weights!.region).toBe(0);
    for (const f of FEATURES) expect(fit.weights![f]).toBeGreaterThanOrEqual(0);
  });

  it("keeps text the largest weight: a feature the labels would weigh above it is tied to it", () => {
    // Text barely tells right from wrong here; kind does, strongly.
    const random = prng(11);
    const data: LabelledNeed[] = Array.from({ length: 40 }, (_, n) => ({
      key: `n${n}`,
      candidates: [
        candidate(`r${n}`, 1, { text: 0.5 + 0.1 * random(), kindFit: 1 }),
        ...Array.from({ length: 8 }, (_, w) => candidate(`w${n}-${w}`, 0, { text: 0.5 + 0.12 * random(), kindFit: 0.2 })),
      ],
    }));
    const fit = fitRanking(data, { l2: 1e-3 });
    expect(fit.tied).toContain("kindFit");
    const w = fit.weights!;
    for (const f of FEATURES) if (f !== "text" && f !== "outcome") expect(w[f]).toBeLessThanOrEqual(w.text);
  });

  it("holds features with no spread at their weights in use, leaves the outcome alone, and adds up to 1 as the hand-set weights", () => {
    const fit = fitRanking(needs(30, "kindFit", "region"), { l2: 1e-2 });
    expect(fit.held.sort()).toEqual(["capacity", "industryChain", "schedule", "track"]);
    const w = fit.weights!;
    for (const f of ["capacity", "industryChain", "schedule", "track", "outcome"] as const) expect(w[f]).toBe(FEATURE_WEIGHTS[f]);
    const sum = FEATURES.filter((f) => f !== "outcome").reduce((s, f) => s + w[f], 0);
    expect(sum).toBeCloseTo(1, 3);
  });

  it("pairs each right supplier with the wrong ones of the top only, each need weighing 1", () => {
    const need: LabelledNeed = {
      key: "n",
      candidates: [candidate("w1", 0, { text: 0.9 }), candidate("p", 0.5, { text: 0.8 }), candidate("r", 1, { text: 0.7 }), candidate("w2", 0, { text: 0.6 }), candidate("w3", 0, { text: 0.5 })],
    };
    const { x, y, weight } = rankingPairs([need], (inputs) => [inputs[FEATURES.indexOf("text")]], 4);
    expect(x.map((r) => Number(r[0].toFixed(2)))).toEqual([-0.2, 0.2, 0.1, -0.1]); // r−w1, w1−r, r−w2, w2−r: w3 is below the top 4, p is partial
    expect(y).toEqual([1, 0, 1, 0]);
    expect(weight.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it("refuses a fit whose labels reverse the score itself (text counting against the right supplier)", () => {
    const random = prng(17);
    const data: LabelledNeed[] = Array.from({ length: 20 }, (_, n) => ({
      key: `n${n}`,
      candidates: [
        candidate(`r${n}`, 1, { text: 0.2 + 0.1 * random() }),
        ...Array.from({ length: 6 }, (_, w) => candidate(`w${n}-${w}`, 0, { text: 0.6 + 0.3 * random() })),
      ],
    }));
    expect(fitRanking(data, { l2: 1e-3 }).weights).toBeNull();
  });
});
