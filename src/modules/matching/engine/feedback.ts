// Pseudo-relevance feedback for paraphrases (issue 29; docs/matching-eval.md, "Sixth round"; the hub ranks every need
// twice with it: match/matching.service.ts). A need that describes its problem in its own words shares few terms with the right supplier, but
// the suppliers it does reach first often agree on the field (a concept or discipline all three hold): the need
// is widened by those, at a small weight, and ranked again. Only concept and discipline ids are taken, never words:
// many profiles are written from templates, and their words agree for reasons that have nothing to do with the need.
import { BIGRAM_PREFIX, CONCEPT_PREFIX } from "./dictionaries";
import { packVector } from "./bm25";
import type { SupplierTerms, TermVector } from "./types";

/** How many of the first ranking's suppliers are asked what the need is about (top 3, all of them agreeing: dev). */
export const FEEDBACK_TOP = 3;

/**
 * The least share of the top suppliers that must hold a concept for it to join the need: all of them. (Until session
 * 19 it read 0.67 and was described as "2 of the top 3", but 2 / 3 is below 0.67: the rule chosen on dev was always
 * all three. Two of three, really, lowers dev hit@1 0.786 → 0.732: docs/matching-eval.md, "Seventh round".)
 */
export const FEEDBACK_AGREEMENT = 1;

export interface FeedbackOptions {
  /** The least share of the top suppliers that must hold a concept for it to join the need (FEEDBACK_AGREEMENT). */
  minShare?: number;
  /** An added concept's weight: this times its share times the need's mean term weight. */
  weight?: number;
  /** Only discipline ids (data/symptoms.json), not every concept. */
  prefix?: string;
}

/**
 * The need's vector widened by the concepts that `top` (the suppliers a first ranking put first, in either form, as
 * the hub caches them) agree on, listed in `related` (the need did not say them: explanations name them apart). The
 * ask (focus) is left alone: widening it lowered dev with the term space. Returns `need` itself when nothing is added.
 */
export function feedbackExpansion(need: TermVector, top: SupplierTerms[], { minShare = FEEDBACK_AGREEMENT, weight = 0.1, prefix = CONCEPT_PREFIX }: FeedbackOptions = {}): TermVector {
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
  const related = [...(need.related ?? [])];
  for (const [term, count] of held) {
    const share = count / top.length;
    // Agreement takes two: a hub with one candidate would otherwise take every concept of it.
    if (share < minShare || count < 2) continue;
    terms[term] = Math.round(weight * share * typical * 1e6) / 1e6;
    related.push(term);
  }
  // Nothing agreed on: the need itself, so that a caller can tell (and skip ranking again).
  return related.length === (need.related?.length ?? 0) ? need : { ...need, terms, related: related.sort() };
}
