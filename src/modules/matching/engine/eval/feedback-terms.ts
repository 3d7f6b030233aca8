// Pseudo-relevance feedback in an evaluation (docs/matching-eval.md, "Sixth round"): each need is ranked once, widened
// by what its top suppliers agree on (feedback.ts), and evaluate() ranks it again with the widened vector:
//   evaluate(set, extra, feedbackNeedTerms([...sampleSuppliers(set), ...extra]))  (all of the top 3 agreeing, weight 0.1)
// `candidatesOf` ranks the first pass among the hub's candidates (eval/candidates.ts) instead of every supplier.
import { analyzeNeed } from "../analyze";
import { InMemoryCorpus } from "../bm25";
import { feedbackExpansion, type FeedbackOptions } from "../feedback";
import { rankSuppliers } from "../score";
import type { NeedDoc, TermVector } from "../types";
import type { SupplierEntry } from "./evaluate";

export interface FeedbackEvalOptions extends FeedbackOptions {
  top?: number;
  candidatesOf?: (need: NeedDoc, ranked: TermVector) => SupplierEntry[];
}

export function feedbackNeedTerms(suppliers: SupplierEntry[], { top = 3, candidatesOf, ...options }: FeedbackEvalOptions = {}): (need: NeedDoc) => TermVector {
  const corpus = new InMemoryCorpus(suppliers.map((s) => s.terms));
  const terms = new Map(suppliers.map((s) => [s.key, s.terms]));
  return (need) => {
    const vector = analyzeNeed(need);
    const first = rankSuppliers(need, candidatesOf?.(need, vector) ?? suppliers, corpus, top, vector);
    return feedbackExpansion(vector, first.map((r) => terms.get(r.key)!), options);
  };
}
