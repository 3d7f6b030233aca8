// Re-weighting the score's features from recorded decisions (issue 29, idea 4): a logistic regression of "the need's
// side found the supplier fitting" on the breakdown, in process (Newton's method on at most eight features: no outside
// model). The learned weights are a proposal: the engine uses data/feature-weights.json, changed only when a fit is
// adopted into it (npm run learn:weights -- --adopt).
import { FEATURE_WEIGHTS, type Feature, type FeatureWeights } from "./score";
import type { ScoreComponent } from "./types";

export const FEATURES: readonly Feature[] = ["text", "kindFit", "industryChain", "capacity", "track", "region", "schedule", "outcome"];

/** One decision: the match's breakdown as scored, whether the need's side found it fitting, and when it decided. */
export interface Decision {
  breakdown: ScoreComponent[];
  fit: boolean;
  at: Date;
}

/**
 * The inputs whose weighted sum is the score: text relevance itself, and every other feature's value times text
 * relevance (the gating of score.ts). So a learned coefficient is directly comparable with a weight of the file.
 */
export function featureInputs(breakdown: ScoreComponent[]): number[] {
  const value = new Map(breakdown.map((c) => [c.feature, c.value]));
  const text = value.get("text") ?? 0;
  return FEATURES.map((f) => (f === "text" ? text : (value.get(f) ?? 0) * text));
}

export interface LogisticFit {
  bias: number;
  coefficients: number[];
  iterations: number;
}

/**
 * L2-regularised logistic regression by Newton's method (the bias is not penalised). `l2` keeps the fit finite on
 * separable data and pulls features the decisions say little about towards 0. `sampleWeights`: how much each row
 * counts (1 each by default; learn-rank.ts gives each need's pairs 1 in total).
 */
export function fitLogistic(x: number[][], y: number[], { l2 = 1e-2, maxIterations = 50, tolerance = 1e-10, sampleWeights = undefined as number[] | undefined } = {}): LogisticFit {
  const d = (x[0]?.length ?? 0) + 1; // bias first
  let w = new Array<number>(d).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [1, ...x[i]];
      const p = sigmoid(dot(w, row));
      const n = sampleWeights?.[i] ?? 1;
      const r = n * p * (1 - p);
      for (let a = 0; a < d; a++) {
        gradient[a] += n * (p - y[i]) * row[a];
        for (let b = 0; b < d; b++) hessian[a][b] += r * row[a] * row[b];
      }
    }
    for (let a = 1; a < d; a++) {
      gradient[a] += l2 * w[a];
      hessian[a][a] += l2;
    }
    hessian[0][0] += 1e-9; // a constant input column would leave the system singular
    const step = solve(hessian, gradient);
    w = w.map((v, a) => v - step[a]);
    if (Math.max(...step.map(Math.abs)) < tolerance) break;
  }
  return { bias: w[0], coefficients: w.slice(1), iterations };
}

/** Area under the ROC curve: the chance that a fitting decision scores above a misfit (ties count half). */
export function auc(scores: number[], labels: boolean[]): number {
  let pairs = 0;
  let wins = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!labels[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j]) continue;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return pairs ? wins / pairs : NaN;
}

/** What a set of weights scores a decision (the score as the engine composes it). */
export function scoreWith(weights: FeatureWeights, inputs: number[]): number {
  return FEATURES.reduce((s, f, i) => s + weights[f] * inputs[i], 0);
}

/**
 * A fit as engine weights: the coefficients scaled so that those of the features valued 0..1 add up to 1, as the
 * hand-set ones do (the ranking depends only on their ratios; the scale keeps scores in the range people know).
 * `held`: features the decisions could not tell apart from text (see `heldFeatures`), which keep their weight in use
 * and leave the others the rest of the 1. Null when the fit gives text relevance no positive weight: gating needs
 * it, and such a fit is not to be adopted.
 */
export function weightsFromFit(fit: LogisticFit, held: ReadonlySet<Feature> = new Set(), inUse: FeatureWeights = FEATURE_WEIGHTS): FeatureWeights | null {
  const text = fit.coefficients[FEATURES.indexOf("text")];
  if (!(text > 0)) return null;
  const kept = [...held].reduce((s, f) => s + (f === "outcome" ? 0 : Math.abs(inUse[f])), 0);
  const scale = FEATURES.reduce((s, f, i) => s + (f === "outcome" || held.has(f) ? 0 : Math.abs(fit.coefficients[i])), 0) / Math.max(1e-9, 1 - kept);
  return Object.fromEntries(FEATURES.map((f, i) => [f, held.has(f) ? inUse[f] : round(fit.coefficients[i] / scale)])) as unknown as FeatureWeights;
}

/**
 * Features whose value hardly varies among the decisions (capacity and schedule are 1 for nearly every supplier a need
 * side looks at): gated by text, their input is text again, so a fit cannot tell their weight from text's and splits
 * it at random. They are left out of the fit and keep their weights in use.
 */
export function heldFeatures(decisions: Array<Pick<Decision, "breakdown">>, minSpread = 0.01): Set<Feature> {
  const held = new Set<Feature>();
  for (const f of FEATURES) {
    if (f === "text") continue;
    const values = decisions.map((d) => d.breakdown.find((c) => c.feature === f)?.value ?? 0);
    const avg = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
    const spread = Math.sqrt(values.reduce((s, v) => s + (v - avg) ** 2, 0) / Math.max(1, values.length));
    if (spread < minSpread) held.add(f);
  }
  return held;
}

export interface TimeSplitReport {
  earlier: number;
  later: number;
  /** Coefficients by feature (held features: 0, not fitted). */
  fit: LogisticFit;
  held: Feature[];
  weights: FeatureWeights | null;
  /** AUC on the later decisions: the weights in use, and the fitted ones. */
  aucInUse: number;
  aucFitted: number;
}

/**
 * Fit on the earlier `share` of the decisions (by time), measure on the later ones: how well each set of weights
 * orders the later decisions (AUC). A fit worth adopting orders them better than the weights in use.
 */
export function fitOnTimeSplit(decisions: Decision[], { share = 0.7, l2 = 1e-2, inUse = FEATURE_WEIGHTS } = {}): TimeSplitReport {
  const sorted = [...decisions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const cut = Math.round(sorted.length * share);
  const earlier = sorted.slice(0, cut);
  const later = sorted.slice(cut);
  const held = heldFeatures(earlier);
  const free = FEATURES.map((f, i) => [f, i] as const).filter(([f]) => !held.has(f));
  const reduced = fitLogistic(
    earlier.map((d) => free.map(([, i]) => featureInputs(d.breakdown)[i])),
    earlier.map((d) => (d.fit ? 1 : 0)),
    { l2 },
  );
  const coefficients = FEATURES.map(() => 0);
  free.forEach(([, i], j) => (coefficients[i] = reduced.coefficients[j]));
  const fit = { ...reduced, coefficients };
  const weights = weightsFromFit(fit, held, inUse);
  const laterInputs = later.map((d) => featureInputs(d.breakdown));
  const labels = later.map((d) => d.fit);
  const fitted = (inputs: number[]) => fit.coefficients.reduce((s, c, i) => s + c * inputs[i], 0);
  return {
    earlier: earlier.length,
    later: later.length,
    fit,
    held: [...held],
    weights,
    aucInUse: auc(laterInputs.map((i) => scoreWith(inUse, i)), labels),
    aucFitted: auc(laterInputs.map(fitted), labels),
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const round = (v: number) => Math.round(v * 1e4) / 1e4;

/** Solves A·x = b (Gaussian elimination with partial pivoting; A is small and positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col] || 1e-12;
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / p;
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / (m[r][r] || 1e-12);
  }
  return x;
}
