// Pseudo-relevance feedback in an evaluation (docs/matching-eval.md, "Sixth round"): each need is ranked once, widened
// by what its top suppliers agree on (feedback.ts), and evaluate() ranks it again with the widened vector:
//   evaluate(set, extra, feedbackNeedTerms([...sampleSuppliers(set), ...extra]))  (top 3, 2 of them agreeing, weight 0.1)
import { analyzeNeed } from "../analyze";
import { InMemoryCorpus } from "../bm25";
import { feedbackExpansion, type FeedbackOptions } from "../feedback";
import { rankSuppliers } from "../score";
import type { NeedDoc, TermVector } from "../types";
import type { SupplierEntry } from "./evaluate";

export function feedbackNeedTerms(suppliers: SupplierEntry[], { top = 3, ...options }: FeedbackOptions & { top?: number } = {}): (need: NeedDoc) => TermVector {
  const corpus = new InMemoryCorpus(suppliers.map((s) => s.terms));
  const terms = new Map(suppliers.map((s) => [s.key, s.terms]));
  return (need) => {
    const vector = analyzeNeed(need);
    const first = rankSuppliers(need, suppliers, corpus, top, vector);
    return feedbackExpansion(vector, first.map((r) => terms.get(r.key)!), options);
  };
}
