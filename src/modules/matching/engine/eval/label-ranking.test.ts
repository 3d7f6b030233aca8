import { FEATURE_WEIGHTS } from "../score";
import { FEATURES } from "../learn-weights";
import type { LabelledNeed } from "../learn-rank";
import { prng } from "../prng";
import { crossValidate, MIN_MRR_GAIN, raises, type CrossValidation } from "./label-ranking";
import type { SampleNeed } from "./evaluate";

const metrics = (hit1: number, mrr: number) => ({ hit1, mrr, precision3: 0, recall5: 0, ndcg5: 0 });
const cv = (inUse: [number, number], fitted: [number, number]): CrossValidation =>
  ({ l2: 0.01, folds: 5, inUse: metrics(...inUse), fitted: metrics(...fitted), moved: [], refused: 0 });

describe("adopting weights learned from labels", () => {
  it("only when cross-validation raises hit@1, or MRR by the least gain with hit@1 held, and lowers neither", () => {
    expect(raises(cv([0.75, 0.8], [0.77, 0.8]))).toBe(true);
    expect(raises(cv([0.75, 0.8], [0.75, 0.8 + MIN_MRR_GAIN]))).toBe(true);
    expect(raises(cv([0.75, 0.8], [0.75, 0.8 + MIN_MRR_GAIN / 2]))).toBe(false); // deep ranks rearranged: noise
    expect(raises(cv([0.75, 0.8], [0.75, 0.8]))).toBe(false);
    expect(raises(cv([0.75, 0.8], [0.77, 0.79]))).toBe(false);
    expect(raises(cv([0.75, 0.8], [0.73, 0.85]))).toBe(false);
  });

  const value = (text: number, chain: number) =>
    FEATURES.map((feature) => ({ feature, value: feature === "text" ? text : feature === "industryChain" ? chain : feature === "outcome" ? 0 : 0.5, weight: 0, contribution: 0 }));
  const sampleNeeds = (labelled: LabelledNeed[]) => labelled.map((l) => ({ key: l.key, relevant: [`r${l.key.slice(1)}`], partial: [] }) as unknown as SampleNeed);

  it("cross-validates by need: each need ranked once, by a fit on the others", () => {
    // The right supplier is told apart by its chain, which the weights in use barely count.
    const random = prng(41);
    const labelled: LabelledNeed[] = Array.from({ length: 20 }, (_, n) => ({
      key: `n${n}`,
      candidates: [
        { key: `w${n}`, gain: 0, breakdown: value(0.62, 0) },
        { key: `r${n}`, gain: 1, breakdown: value(0.5 + 0.05 * random(), 1) },
        ...Array.from({ length: 5 }, (_, i) => ({ key: `x${n}-${i}`, gain: 0, breakdown: value(0.3 * random(), random()) })),
      ],
    }));
    const result = crossValidate(sampleNeeds(labelled), labelled, { folds: 5, l2: 1e-3 });
    expect(result.inUse.hit1).toBe(0); // text alone puts the wrong supplier first
    expect(result.fitted.hit1).toBe(1);
    expect(result.moved).toHaveLength(20);
    expect(result.refused).toBe(0);
    expect(FEATURE_WEIGHTS.industryChain).toBeLessThan(0.1);
  });

  it("never lets a fold's own labels into its fit", () => {
    // Even needs want the chain weighed, odd needs want it not: a fit on one half ranks the other half wrong.
    const labelled: LabelledNeed[] = Array.from({ length: 20 }, (_, n) => {
      const [right, wrong] = n % 2 === 0 ? [value(0.5, 1), value(0.62, 0)] : [value(0.62, 0), value(0.5, 1)];
      return { key: `n${n}`, candidates: [{ key: `r${n}`, gain: 1, breakdown: right }, { key: `w${n}`, gain: 0, breakdown: wrong }] };
    });
    expect(crossValidate(sampleNeeds(labelled), labelled, { folds: 2, l2: 1e-3 }).fitted.hit1).toBe(0);
  });
});
