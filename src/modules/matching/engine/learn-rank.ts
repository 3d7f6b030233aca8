// Learning the feature weights from labelled needs (issue 29): a pairwise ranking fit (RankNet with the engine's own
// linear score). Recorded decisions could not teach the weights (they were made on text-ranked lists, so they cannot
// separate on text); labels can: for each need, every right supplier should score above each wrong one among the
// need's top candidates. The pairs are fitted by the L2-regularised logistic regression of learn-weights.ts on score
// differences, each need weighing the same in total, directly in the weights of the file (adding up to 1, as the
// hand-set ones do), with the domain's constraints kept by an active set: no feature counts against a supplier, and
// none outweighs text.
import { FEATURE_WEIGHTS, type Feature, type FeatureWeights } from "./score";
import { featureInputs, FEATURES, fitLogistic, heldFeatures, scoreWith } from "./learn-weights";
import type { ScoreComponent } from "./types";

/** A candidate of a labelled need, as the engine scored it: `gain` 1 for a right supplier, 0.5 partial, 0 wrong. */
export interface LabelledCandidate {
  key: string;
  breakdown: ScoreComponent[];
  gain: number;
}

/** A labelled need's candidates, in the order the weights in use rank them (best first). */
export interface LabelledNeed {
  key: string;
  candidates: LabelledCandidate[];
}

export interface RankFitOptions {
  /** L2 penalty on the fitted coefficients (each need's pairs weigh 1 in total). */
  l2?: number;
  /** The wrong suppliers a need's right ones are paired with: its best `top` by the weights in use. */
  top?: number;
  inUse?: FeatureWeights;
}

export interface RankFit {
  /** Features the candidates cannot tell from text (no spread in value): they keep the weight in use. */
  held: Feature[];
  /** Features a free fit weighed negative: fixed at 0 (the domain says more of them is never worse). */
  dropped: Feature[];
  /** Features a free fit weighed above text: tied to text's weight. */
  tied: Feature[];
  /** The fit as engine weights; null when it would give text no positive weight or reverse the ranking. */
  weights: FeatureWeights | null;
  pairs: number;
}

/** Which features are fitted, which share text's weight, and which keep a fixed weight (held, dropped, outcome). */
interface Design {
  free: Feature[];
  tied: Feature[];
  fixed: Map<Feature, number>;
  /** what the free, tied and text weights add up to: 1 less the held ones' (the outcome is not counted, as in the file) */
  budget: number;
}

/**
 * A candidate's row in the weights' own terms. With text's weight eliminated through the budget
 * (w_text = (budget − Σ free w) / (1 + |tied|)), the score is λ·(base + Σ_free w_f·z_f), so a logistic fit's coefficients
 * are (λ, λ·w_f): the weights come out as w_f = b_f / λ, exactly, with no scale to guess.
 */
function designRow(inputs: number[], d: Design): number[] {
  const text = inputs[FEATURES.indexOf("text")];
  const value = (f: Feature) => inputs[FEATURES.indexOf(f)];
  const share = (text + d.tied.reduce((s, f) => s + value(f), 0)) / (1 + d.tied.length);
  let base = d.budget * share;
  for (const [f, w] of d.fixed) base += w * value(f);
  return [base, ...d.free.map((f) => value(f) - share)];
}

/**
 * Every (right, wrong) pair of each need, the wrong ones among its best `top`: row differences, each need weighing 1,
 * in both orientations (the bias stays 0: a ranking model).
 */
export function rankingPairs(needs: LabelledNeed[], row: (inputs: number[]) => number[], top: number): { x: number[][]; y: number[]; weight: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  const weight: number[] = [];
  for (const need of needs) {
    const right = need.candidates.filter((c) => c.gain >= 1);
    const wrong = need.candidates.slice(0, top).filter((c) => c.gain === 0);
    if (right.length === 0 || wrong.length === 0) continue;
    const share = 1 / (right.length * wrong.length);
    const wrongRows = wrong.map((w) => row(featureInputs(w.breakdown)));
    for (const r of right) {
      const rr = row(featureInputs(r.breakdown));
      for (const wr of wrongRows) {
        const d = rr.map((v, i) => v - wr[i]);
        x.push(d, d.map((v) => -v));
        y.push(1, 0);
        weight.push(share / 2, share / 2);
      }
    }
  }
  return { x, y, weight };
}

/**
 * Fits the weights to the needs' labels. Features whose value does not vary among the candidates are held at their
 * weights in use (a fit cannot tell them from text), and so is the outcome (no labelled candidate carries decisions).
 * The others are fitted; one that comes out negative is fixed at 0, one that comes out above text is tied to text's
 * weight, and the rest are refitted, until the weights keep both rules.
 */
export function fitRanking(needs: LabelledNeed[], { l2 = 1e-2, top = 50, inUse = FEATURE_WEIGHTS }: RankFitOptions = {}): RankFit {
  const held = heldFeatures(needs.flatMap((n) => n.candidates.slice(0, top)));
  held.delete("outcome");
  const fixed = new Map<Feature, number>([...[...held].map((f) => [f, inUse[f]] as const), ["outcome", inUse.outcome]]);
  const budget = 1 - [...held].reduce((s, f) => s + inUse[f], 0);
  const dropped: Feature[] = [];
  const tied: Feature[] = [];
  for (;;) {
    const free = FEATURES.filter((f) => f !== "text" && !fixed.has(f) && !tied.includes(f));
    const design: Design = { free, tied, fixed, budget };
    const { x, y, weight } = rankingPairs(needs, (inputs) => designRow(inputs, design), top);
    const [lambda, ...b] = fitLogistic(x, y, { l2, sampleWeights: weight }).coefficients;
    const result = { held: [...held], dropped, tied, pairs: x.length / 2 };
    if (!(lambda > 0)) {
      // Text counts against the right suppliers here, or some feature outweighs it without bound: tie the strongest
      // such feature to text and refit; with none left, the labels reverse the score itself and nothing is adopted.
      const strongest = free.map((f, i) => [f, b[i]] as const).filter(([, v]) => v > 0).sort((p, q) => q[1] - p[1])[0];
      if (!strongest) return { ...result, weights: null };
      tied.push(strongest[0]);
      continue;
    }
    const w = new Map(free.map((f, i) => [f, b[i] / lambda]));
    const text = (budget - [...w.values()].reduce((s, v) => s + v, 0)) / (1 + tied.length);
    const negative = free.filter((f) => w.get(f)! < 0).sort((p, q) => w.get(p)! - w.get(q)!)[0];
    const aboveText = free.filter((f) => w.get(f)! > text).sort((p, q) => w.get(q)! - w.get(p)!)[0];
    if (negative) {
      fixed.set(negative, 0);
      dropped.push(negative);
    } else if (aboveText) {
      tied.push(aboveText);
    } else {
      if (!(text > 0)) return { ...result, weights: null };
      const weights = Object.fromEntries(
        FEATURES.map((f) => [f, round(f === "text" || tied.includes(f) ? text : w.has(f) ? w.get(f)! : fixed.get(f)!)]),
      ) as unknown as FeatureWeights;
      return { ...result, weights };
    }
  }
}

/** A need's candidates ranked by `weights` (score, then key: the engine's order). */
export function rankWith(weights: FeatureWeights, need: LabelledNeed): string[] {
  return need.candidates
    .map((c) => ({ key: c.key, score: scoreWith(weights, featureInputs(c.breakdown)) }))
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((c) => c.key);
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
