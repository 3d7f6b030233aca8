// Learning from outcomes, evaluated on a time split (issue 29, idea 4). Neither labelled set records decisions, so
// they are SIMULATED FROM THE LABELS: the dev needs are posted first, in file order, and each need's side "decides"
// on its top five (invites the right suppliers, rejects the others as OUT_OF_SCOPE; partial ones are left alone);
// then the test needs are posted and measured. What the dev decisions teach reaches the test needs only through the
// outcome feature (per supplier and chain), and, for a fit, through the weights learned from the dev decisions.
import { InMemoryCorpus } from "../bm25";
import { FEATURE_WEIGHTS, rankSuppliers, type FeatureWeights } from "../score";
import { featureInputs, FEATURES, fitOnTimeSplit, type Decision, type TimeSplitReport } from "../learn-weights";
import type { ChainOutcome, SupplierDoc } from "../types";
import { mean, metricsFor, sampleNeedDoc, sampleSuppliers, type EvalResult, type MatchingSample, type NeedMetrics, type SupplierEntry } from "./evaluate";
import { ownSplit, type OwnSet } from "./own-set";

/** Decisions by supplier key, then chain. */
export type RecordedOutcomes = Map<string, Record<string, ChainOutcome>>;

export const DECIDED_TOP = 5;

function withOutcomes(suppliers: SupplierEntry[], outcomes: RecordedOutcomes): SupplierEntry[] {
  return suppliers.map((s) => {
    const o = outcomes.get(s.key);
    return o ? { ...s, doc: { ...s.doc, outcomes: o } as SupplierDoc } : s;
  });
}

function record(outcomes: RecordedOutcomes, key: string, chain: string, fit: boolean) {
  const byChain = outcomes.get(key) ?? {};
  const o = byChain[chain] ?? { fit: 0, misfit: 0 };
  byChain[chain] = fit ? { fit: o.fit + 1, misfit: o.misfit } : { fit: o.fit, misfit: o.misfit + 1 };
  outcomes.set(key, byChain);
}

/**
 * Posts `set`'s needs in order, each ranked with the decisions recorded so far, and records its side's decisions on
 * its top `DECIDED_TOP`. Returns the decisions (with the breakdown they were scored with, for a fit) and the record.
 */
export function simulateDecisions(set: MatchingSample, suppliers: SupplierEntry[], outcomes: RecordedOutcomes = new Map(), weights: FeatureWeights = FEATURE_WEIGHTS, start = 0): { decisions: Decision[]; outcomes: RecordedOutcomes } {
  const corpus = new InMemoryCorpus(suppliers.map((s) => s.terms));
  const decisions: Decision[] = [];
  set.needs.forEach((n, i) => {
    const need = sampleNeedDoc(set, n);
    const top = rankSuppliers(need, withOutcomes(suppliers, outcomes), corpus, DECIDED_TOP, undefined, weights);
    for (const r of top) {
      if (n.partial.includes(r.key)) continue;
      const fit = n.relevant.includes(r.key);
      decisions.push({ breakdown: r.match.breakdown, fit, at: new Date(Date.UTC(2026, 0, 1) + (start + i) * 86_400_000) });
      record(outcomes, r.key, need.chainCode, fit);
    }
  });
  return { decisions, outcomes };
}

/** The set's needs ranked against the suppliers carrying `outcomes`, with `weights`, measured on the labels. */
export function measure(set: MatchingSample, suppliers: SupplierEntry[], outcomes: RecordedOutcomes, weights: FeatureWeights = FEATURE_WEIGHTS): EvalResult {
  const corpus = new InMemoryCorpus(suppliers.map((s) => s.terms));
  const candidates = withOutcomes(suppliers, outcomes);
  const perNeed: NeedMetrics[] = [];
  const rankings: Record<string, string[]> = {};
  for (const n of set.needs) {
    const ranking = rankSuppliers(sampleNeedDoc(set, n), candidates, corpus, undefined, undefined, weights).map((r) => r.key);
    rankings[n.key] = ranking;
    perNeed.push(metricsFor(n, ranking));
  }
  return { overall: mean(perNeed), hard: mean([]), perNeed, rankings };
}

export interface OutcomeEvaluation {
  dev: { needs: number; decisions: number; fits: number; misfits: number };
  test: { without: EvalResult; with: EvalResult; fitted: EvalResult | null };
  /** Test needs with a right supplier that dev decisions marked as out of scope on the need's chain: the cost. */
  hurt: Array<{ need: string; supplier: string; misfit: number; fit: number; rankWithout: number | null; rankWith: number | null }>;
  hurtMetrics: { without: EvalResult["overall"]; with: EvalResult["overall"] };
  sample: { without: EvalResult; with: EvalResult };
  /** The logistic fit on the dev decisions (earlier), measured on the test needs' decisions (later). */
  fit: TimeSplitReport;
}

/**
 * The whole evaluation: dev decisions → the test split with and without them (and with weights fitted on them), the
 * sample as the second check (only the shared distractors, `demo:` keys, carry decisions into it: its own suppliers
 * are other people), and the cost.
 */
export function evaluateOutcomes(own: OwnSet, sample: MatchingSample, distractors: SupplierEntry[]): OutcomeEvaluation {
  const dev = ownSplit(own, "dev") as unknown as MatchingSample;
  const test = ownSplit(own, "test") as unknown as MatchingSample;
  const suppliers = [...sampleSuppliers(own as unknown as MatchingSample), ...distractors];
  const learned = simulateDecisions(dev, suppliers);
  const without = measure(test, suppliers, new Map());
  const withOutcome = measure(test, suppliers, learned.outcomes);
  // The later decisions: the test needs' sides deciding on what they were shown (with the dev decisions in force).
  const later = simulateDecisions(test, suppliers, new Map(learned.outcomes), FEATURE_WEIGHTS, dev.needs.length).decisions;
  const all = [...learned.decisions, ...later];
  const fit = fitOnTimeSplit(all, { share: learned.decisions.length / all.length });
  const fitted = fit.weights ? measure(test, suppliers, learned.outcomes, fit.weights) : null;

  const hurt: OutcomeEvaluation["hurt"] = [];
  for (const n of test.needs) {
    for (const key of n.relevant) {
      const o = learned.outcomes.get(key)?.[n.industryChainCode];
      if (!o || o.misfit === 0) continue;
      const rank = (r: EvalResult) => {
        const i = r.rankings[n.key].indexOf(key);
        return i < 0 ? null : i + 1;
      };
      hurt.push({ need: n.key, supplier: key, misfit: o.misfit, fit: o.fit, rankWithout: rank(without), rankWith: rank(withOutcome) });
    }
  }
  const hurtNeeds = new Set(hurt.map((h) => h.need));
  const on = (r: EvalResult) => mean(r.perNeed.filter((m) => hurtNeeds.has(m.key)));

  const shared = new Map([...learned.outcomes].filter(([key]) => key.startsWith("demo:")));
  const sampleSuppliersAll = [...sampleSuppliers(sample), ...distractors];
  return {
    dev: {
      needs: dev.needs.length,
      decisions: learned.decisions.length,
      fits: learned.decisions.filter((d) => d.fit).length,
      misfits: learned.decisions.filter((d) => !d.fit).length,
    },
    test: { without, with: withOutcome, fitted },
    hurt,
    hurtMetrics: { without: on(without), with: on(withOutcome) },
    sample: { without: measure(sample, sampleSuppliersAll, new Map()), with: measure(sample, sampleSuppliersAll, shared) },
    fit,
  };
}

export function formatOutcomeEvaluation(e: OutcomeEvaluation): string {
  const f = (x: number) => x.toFixed(3);
  const row = (label: string, m: EvalResult["overall"]) => `${label.padEnd(44)} ${f(m.hit1)}  ${f(m.mrr)}  ${f(m.ndcg5)}`;
  const lines = [
    `decisions SIMULATED FROM THE LABELS: ${e.dev.needs} dev needs, top ${DECIDED_TOP} each: ${e.dev.decisions} decisions (${e.dev.fits} invited, ${e.dev.misfits} rejected OUT_OF_SCOPE)`,
    `${"".padEnd(44)} hit@1  MRR    nDCG@5`,
    row("test split, without the outcome feature", e.test.without.overall),
    row("test split, with the dev decisions", e.test.with.overall),
    ...(e.test.fitted ? [row("test split, dev decisions + fitted weights", e.test.fitted.overall)] : ["fitted weights: none (text weight not positive)"]),
    row("sample, without", e.sample.without.overall),
    row("sample, with the decisions on shared suppliers", e.sample.with.overall),
    `cost: ${e.hurt.length} right supplier(s) of ${new Set(e.hurt.map((h) => h.need)).size} test need(s) were rejected on a dev need of the same chain`,
    ...e.hurt.map((h) => `  ${h.need} ${h.supplier}: ${h.misfit} rejected, ${h.fit} invited on the chain; rank ${h.rankWithout ?? "-"} → ${h.rankWith ?? "-"}`),
    row("  those needs, without", e.hurtMetrics.without),
    row("  those needs, with", e.hurtMetrics.with),
    `logistic fit on ${e.fit.earlier} dev decisions (earlier), measured on ${e.fit.later} test-need decisions (later): AUC weights in use ${f(e.fit.aucInUse)}, fitted ${f(e.fit.aucFitted)}`,
    `coefficients: ${Object.entries(e.fit.fit.coefficients).map(([i, c]) => `${FEATURES[Number(i)]} ${c.toFixed(2)}`).join(", ")} (held at the weights in use, not identifiable: ${e.fit.held.join(", ") || "none"})`,
    `fitted weights: ${e.fit.weights ? JSON.stringify(e.fit.weights) : "none"}`,
  ];
  return lines.join("\n");
}

export { featureInputs };
