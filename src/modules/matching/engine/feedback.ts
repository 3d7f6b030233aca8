// Pseudo-relevance feedback for paraphrases (issue 29; measured, not wired into the hub: docs/matching-eval.md,
// "Sixth round"). A need that describes its problem in its own words shares few terms with the right supplier, but
// the suppliers it does reach first often agree on the field (a concept or discipline most of them hold): the need
// is widened by those, at a small weight, and ranked again. Only concept and discipline ids are taken, never words:
// many profiles are written from templates, and their words agree for reasons that have nothing to do with the need.
import { BIGRAM_PREFIX, CONCEPT_PREFIX } from "./dictionaries";
import { packVector } from "./bm25";
import type { SupplierTerms, TermVector } from "./types";

export interface FeedbackOptions {
  /** The least share of the top suppliers that must hold a concept for it to join the need. */
  minShare?: number;
  /** An added concept's weight: this times its share times the need's mean term weight. */
  weight?: number;
  /** Only discipline ids (data/symptoms.json), not every concept. */
  prefix?: string;
}

/**
 * The need's vector widened by the concepts that `top` (the suppliers a first ranking put first, in either form, as
 * the hub caches them) agree on. The ask (focus) is left alone: widening it lowered dev with the term space.
 */
export function feedbackExpansion(need: TermVector, top: SupplierTerms[], { minShare = 0.67, weight = 0.1, prefix = CONCEPT_PREFIX }: FeedbackOptions = {}): TermVector {
  if (top.length === 0) return need;
  const held = new Map<string, number>();
  for (const supplier of top) {
    for (const term of packVector(supplier).keys) {
      if (!term.startsWith(prefix) || term.startsWith(BIGRAM_PREFIX) || term in need.terms) continue;
      held.set(term, (held.get(term) ?? 0) + 1);
    }
  }
  const values = Object.values(need.terms);
  const typical = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  const terms = { ...need.terms };
  for (const [term, count] of held) {
    const share = count / top.length;
    if (share >= minShare) terms[term] = Math.round(weight * share * typical * 1e6) / 1e6;
  }
  return { ...need, terms };
}
