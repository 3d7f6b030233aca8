// The feature weights learned from the own set's labels (learn-rank.ts), chosen and validated on the dev split only:
// cross-validation split by need (leave one need out by default) says whether a fit ranks needs it has not seen
// better than the weights in use. Test and the sample are measured only for the weights a run proposes.
import { InMemoryCorpus } from "../bm25";
import { FEATURE_WEIGHTS, rankSuppliers, type FeatureWeights } from "../score";
import { fitRanking, rankWith, type LabelledNeed, type RankFit } from "../learn-rank";
import { mean, metricsFor, sampleNeedDoc, sampleSuppliers, type EvalResult, type MatchingSample, type NeedMetrics, type SampleNeed, type SupplierEntry } from "./evaluate";
import { measure } from "./outcomes";
import { ownSplit, type OwnSet } from "./own-set";

/** Each need of `set` with every candidate the engine scores (above the relevance floor), in the order `weights` rank them. */
export function labelledNeeds(set: MatchingSample, suppliers: SupplierEntry[], weights: FeatureWeights = FEATURE_WEIGHTS): LabelledNeed[] {
  const corpus = new InMemoryCorpus(suppliers.map((s) => s.terms));
  return set.needs.map((n) => ({
    key: n.key,
    candidates: rankSuppliers(sampleNeedDoc(set, n), suppliers, corpus, undefined, undefined, weights).map((r) => ({
      key: r.key,
      breakdown: r.match.breakdown,
      gain: n.relevant.includes(r.key) ? 1 : n.partial.includes(r.key) ? 0.5 : 0,
    })),
  }));
}

export interface CrossValidation {
  l2: number;
  folds: number;
  inUse: EvalResult["overall"];
  fitted: EvalResult["overall"];
  /** Needs whose first right supplier moved: rank with the weights in use → with the fold's fit. */
  moved: Array<{ need: string; inUse: number | null; fitted: number | null }>;
  /** Folds whose fit was refused (text not the largest weight): ranked with the weights in use. */
  refused: number;
}

/** `folds` folds split by need (need i in fold i mod folds); each fold ranked with a fit on the others. */
export function crossValidate(needs: SampleNeed[], labelled: LabelledNeed[], { l2 = 1e-2, top = 50, folds = labelled.length, inUse = FEATURE_WEIGHTS } = {}): CrossValidation {
  const before: NeedMetrics[] = [];
  const after: NeedMetrics[] = [];
  let refused = 0;
  for (let fold = 0; fold < folds; fold++) {
    const training = labelled.filter((_, i) => i % folds !== fold);
    const weights = fitRanking(training, { l2, top, inUse }).weights;
    if (!weights) refused++;
    labelled.forEach((l, i) => {
      if (i % folds !== fold) return;
      const need = needs.find((n) => n.key === l.key)!;
      before.push(metricsFor(need, rankWith(inUse, l)));
      after.push(metricsFor(need, rankWith(weights ?? inUse, l)));
    });
  }
  const moved = before
    .map((b, i) => ({ need: b.key, inUse: b.firstRelevantRank, fitted: after[i].firstRelevantRank }))
    .filter((m) => m.inUse !== m.fitted);
  return { l2, folds, inUse: mean(before), fitted: mean(after), moved, refused };
}

/**
 * The least cross-validated MRR gain that counts when hit@1 is equal: about half a need moving from second to first
 * place on the dev split (0.5 / 56 = 0.009). Smaller gains are the fit rearranging deep ranks, within noise.
 */
export const MIN_MRR_GAIN = 0.005;

/** A fit is adopted only when cross-validation ranks the unseen needs better: hit@1 not lower, and hit@1 or MRR higher. */
export function raises(cv: CrossValidation): boolean {
  const { inUse, fitted } = cv;
  const eps = 1e-9;
  if (fitted.hit1 < inUse.hit1 - eps || fitted.mrr < inUse.mrr - eps) return false;
  return fitted.hit1 > inUse.hit1 + eps || fitted.mrr >= inUse.mrr + MIN_MRR_GAIN;
}

export interface LabelLearning {
  devNeeds: number;
  grid: CrossValidation[];
  /** The grid's best by cross-validated hit@1, then MRR. */
  chosen: CrossValidation;
  /** The fit on every dev need at the chosen L2: the weights a run proposes. */
  fit: RankFit;
  adoptable: boolean;
}

export const L2_GRID = [1e-3, 1e-2, 1e-1, 1];

/** Fits on the own set's dev split at each L2 of the grid, cross-validates each, and fits the best on all of dev. */
export function learnFromLabels(own: OwnSet, distractors: SupplierEntry[], { grid = L2_GRID, top = 50, folds = 0 } = {}): LabelLearning {
  const dev = ownSplit(own, "dev") as unknown as MatchingSample;
  const labelled = labelledNeeds(dev, [...sampleSuppliers(own as unknown as MatchingSample), ...distractors]);
  const runs = grid.map((l2) => crossValidate(dev.needs, labelled, { l2, top, folds: folds || labelled.length }));
  const chosen = [...runs].sort((a, b) => b.fitted.hit1 - a.fitted.hit1 || b.fitted.mrr - a.fitted.mrr)[0];
  const fit = fitRanking(labelled, { l2: chosen.l2, top });
  return { devNeeds: labelled.length, grid: runs, chosen, fit, adoptable: fit.weights !== null && raises(chosen) };
}

/** Test split and sample, ranked with `weights` and with the weights in use (for the rows a run reports, never to choose). */
export function measureProposal(own: OwnSet, sample: MatchingSample, distractors: SupplierEntry[], weights: FeatureWeights) {
  const test = ownSplit(own, "test") as unknown as MatchingSample;
  const ownAll = [...sampleSuppliers(own as unknown as MatchingSample), ...distractors];
  const sampleAll = [...sampleSuppliers(sample), ...distractors];
  return {
    test: { inUse: measure(test, ownAll, new Map()).overall, proposed: measure(test, ownAll, new Map(), weights).overall },
    sample: { inUse: measure(sample, sampleAll, new Map()).overall, proposed: measure(sample, sampleAll, new Map(), weights).overall },
  };
}

export function formatLabelLearning(l: LabelLearning): string {
  const f = (m: EvalResult["overall"]) => `${m.hit1.toFixed(3)} / ${m.mrr.toFixed(3)} / ${m.ndcg5.toFixed(3)}`;
  const moved = (cv: CrossValidation) => cv.moved.map((m) => `${m.need} ${m.inUse ?? "-"} → ${m.fitted ?? "-"}`).join(", ") || "none";
  const { fit } = l;
  return [
    `labels of the own set's dev split: ${l.devNeeds} needs, each right supplier paired with the wrong ones of the need's top candidates (${fit.pairs} pairs)`,
    `cross-validated (folds split by need), hit@1 / MRR / nDCG@5: weights in use ${f(l.chosen.inUse)}`,
    ...l.grid.map((cv) => `  L2 ${cv.l2}: fitted ${f(cv.fitted)}${cv.refused ? ` (${cv.refused} folds refused)` : ""}; first right supplier moved: ${moved(cv)}`),
    `fit on all ${l.devNeeds} dev needs at L2 ${l.chosen.l2}:`,
    `  held at the weights in use (no spread among the candidates): ${fit.held.join(", ") || "none"}; outcome: no labelled decisions, left as it is`,
    `  fixed at 0 (came out negative): ${fit.dropped.join(", ") || "none"}; tied to text (came out above it): ${fit.tied.join(", ") || "none"}`,
    `weights in use: ${JSON.stringify(FEATURE_WEIGHTS)}`,
    `fitted weights: ${fit.weights ? JSON.stringify(fit.weights) : "none (text would get no positive weight)"}`,
    l.adoptable
      ? "cross-validation raises dev hit@1 or MRR: may be adopted (--adopt)"
      : `not to be adopted: cross-validation does not raise dev hit@1, nor MRR by ${MIN_MRR_GAIN} with hit@1 held`,
  ].join("\n");
}
