// Learning the feature weights from labelled needs (issue 29): a pairwise ranking fit (RankNet with the engine's own
// linear score). Recorded decisions could not teach the weights (they were made on text-ranked lists, so they cannot
// separate on text); labels can: for each need, every right supplier should score above each wrong one among the
// need's top candidates. The pairs are fitted by the L2-regularised logistic regression of learn-weights.ts on the
// input differences, each need weighing the same in total, with the domain's signs kept (no feature may count against
// a supplier) by an active set, and text kept the largest weight.
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
  /** L2 penalty on the coefficients (each need's pairs weigh 1 in total). */
  l2?: number;
  /** The wrong suppliers a need's right ones are paired with: its best `top` by the weights in use. */
  top?: number;
  inUse?: FeatureWeights;
}

export interface RankFit {
  /** Fitted coefficients by feature (0 for held and dropped features). */
  coefficients: number[];
  /** Features the candidates cannot tell from text (constant value): they keep the weight in use. */
  held: Feature[];
  /** Features a free fit gave a negative coefficient: fixed at 0 (the domain says more is never worse). */
  dropped: Feature[];
  /** Features a free fit weighed above text: tied to text's weight. */
  tied: Feature[];
  /** The fit as engine weights (see weightsFromRanking); null when text would get no positive weight. */
  weights: FeatureWeights | null;
  pairs: number;
}

/**
 * Every (right, wrong) pair of each need, the wrong ones among its best `top`: input differences, each need weighing 1.
 * Each column sums the inputs of a group of features (features sharing one coefficient).
 */
export function rankingPairs(needs: LabelledNeed[], columns: number[][], top: number): { x: number[][]; y: number[]; weight: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  const weight: number[] = [];
  for (const need of needs) {
    const right = need.candidates.filter((c) => c.gain >= 1);
    const wrong = need.candidates.slice(0, top).filter((c) => c.gain === 0);
    if (right.length === 0 || wrong.length === 0) continue;
    const share = 1 / (right.length * wrong.length);
    for (const r of right) {
      const ri = featureInputs(r.breakdown);
      for (const w of wrong) {
        const wi = featureInputs(w.breakdown);
        const d = columns.map((g) => g.reduce((s, i) => s + ri[i] - wi[i], 0));
        // Both orientations: the bias stays 0 and the fit is a ranking model.
        x.push(d, d.map((v) => -v));
        y.push(1, 0);
        weight.push(share / 2, share / 2);
      }
    }
  }
  return { x, y, weight };
}

/**
 * Fits the weights to the needs' labels. Features whose value does not vary among the candidates are held (their input
 * is text again). The others are fitted under the domain's constraints, by an active set: a feature that comes out
 * negative is fixed at 0 (more of it is never worse), one that comes out above text is tied to text's weight (a
 * supplier must not win on kind or chain over one that answers the need better), and the rest are refitted.
 */
export function fitRanking(needs: LabelledNeed[], { l2 = 1e-2, top = 50, inUse = FEATURE_WEIGHTS }: RankFitOptions = {}): RankFit {
  const candidates = needs.flatMap((n) => n.candidates.slice(0, top));
  const held = heldFeatures(candidates);
  held.delete("outcome"); // no labelled candidate carries decisions: the outcome feature is left as it is
  const fixed = new Set<Feature>([...held, "outcome"]);
  const dropped: Feature[] = [];
  const tied: Feature[] = [];
  const textAt = FEATURES.indexOf("text");
  for (;;) {
    // Column 0 is text with the features tied to it (one shared coefficient); then each free feature.
    const free = FEATURES.map((f, i) => [f, i] as const).filter(([f]) => f !== "text" && !fixed.has(f) && !tied.includes(f));
    const groups = [[textAt, ...tied.map((f) => FEATURES.indexOf(f))], ...free.map(([, i]) => [i])];
    const { x, y, weight } = rankingPairs(needs, groups, top);
    const fit = fitLogistic(x, y, { l2, sampleWeights: weight });
    const coefficients = FEATURES.map(() => 0);
    groups.forEach((g, j) => g.forEach((i) => (coefficients[i] = fit.coefficients[j])));
    const worst = (bad: (c: number) => boolean, by: (c: number) => number) =>
      free.filter(([, i]) => bad(coefficients[i])).sort((a, b) => by(coefficients[a[1]]) - by(coefficients[b[1]]))[0]?.[0];
    const negative = worst((c) => c < 0, (c) => c);
    const aboveText = worst((c) => c > coefficients[textAt], (c) => -c);
    if (negative) {
      fixed.add(negative);
      dropped.push(negative);
    } else if (aboveText) {
      tied.push(aboveText);
    } else {
      const weights = weightsFromRanking(coefficients, held, meanValues(candidates, held), inUse);
      return { coefficients, held: [...held], dropped, tied, weights, pairs: x.length / 2 };
    }
  }
}

/**
 * Coefficients as engine weights, adding up to 1 over the features valued 0..1 as the hand-set ones do. A held
 * feature keeps its weight in use: its input was text times its (constant) value, so the fitted text coefficient
 * stands for text's weight plus the held ones' and is reduced by them; the ranking is then the fit's. A feature tied
 * to text in the fit is capped at text's weight here (text loses the held features' share; the others are scaled
 * back to the sum), so text stays the largest weight in the file, as the domain wants. Null when text would get none.
 */
export function weightsFromRanking(coefficients: number[], held: ReadonlySet<Feature>, heldMean: Map<Feature, number>, inUse: FeatureWeights = FEATURE_WEIGHTS): FeatureWeights | null {
  const kept = [...held].reduce((s, f) => s + inUse[f], 0);
  const keptAsText = [...held].reduce((s, f) => s + inUse[f] * (heldMean.get(f) ?? 1), 0);
  const fittedFeatures = FEATURES.filter((f) => f !== "outcome" && !held.has(f));
  const fitted = fittedFeatures.reduce((s, f) => s + coefficients[FEATURES.indexOf(f)], 0);
  if (!(fitted > 0)) return null;
  const raw = new Map(fittedFeatures.map((f) => [f, (coefficients[FEATURES.indexOf(f)] / fitted) * (1 - kept + keptAsText)]));
  const text = raw.get("text")! - keptAsText;
  if (!(text > 0)) return null;
  raw.set("text", text);
  for (const f of fittedFeatures) raw.set(f, Math.min(raw.get(f)!, text));
  const sum = [...raw.values()].reduce((s, v) => s + v, 0);
  return Object.fromEntries(
    FEATURES.map((f) => [f, raw.has(f) ? round((raw.get(f)! * (1 - kept)) / sum) : inUse[f]]),
  ) as unknown as FeatureWeights;
}

/** A need's candidates ranked by `weights` (score, then key: the engine's order). */
export function rankWith(weights: FeatureWeights, need: LabelledNeed): string[] {
  return need.candidates
    .map((c) => ({ key: c.key, score: scoreWith(weights, featureInputs(c.breakdown)) }))
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((c) => c.key);
}

function meanValues(candidates: LabelledCandidate[], features: Iterable<Feature>): Map<Feature, number> {
  const mean = new Map<Feature, number>();
  for (const f of features) {
    const values = candidates.map((c) => c.breakdown.find((b) => b.feature === f)?.value ?? 0);
    mean.set(f, values.reduce((s, v) => s + v, 0) / Math.max(1, values.length));
  }
  return mean;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
