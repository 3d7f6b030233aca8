// Score composition. Text relevance gates everything: each other feature's weight is multiplied by the text
// value, so a supplier with a weak text match cannot climb on chain, region or kind alone. With weights summing
// to 1 and every value in 0..1:
//   score = text·W_text + Σ_f value_f · (W_f · text)      (contributions add up to score; score ≤ text ≤ 1)
import { analyzeNeed } from "./analyze";
import { bm25, prepareQuery, type PreparedQuery } from "./bm25";
import { explain, matchedTermsOf } from "./explain";
import { capacityFit, industryChainFit, kindFit, regionFit, scheduleFit, trackRecord } from "./features";
import { BIGRAM_PREFIX } from "./dictionaries";
import type { CorpusStats, MatchScore, NeedDoc, RankCandidate, RankedMatch, ScoreComponent, SupplierDoc, TermVector } from "./types";

export const FEATURE_WEIGHTS = {
  text: Number(process.env.WT ?? 0.55),
  kindFit: Number(process.env.WK ?? 0.15),
  industryChain: Number(process.env.WC ?? 0.12),
  capacity: 0.06,
  track: 0.05,
  region: 0.04,
  schedule: 0.03,
} as const;

/**
 * Text relevance = BM25 / BM25 of an ideal supplier (one holding every need term), mapped through a saturating
 * curve: a supplier covering TEXT_HALF of the need's weighted vocabulary scores 0.5.
 */
export const TEXT_HALF = 0.2;
/** Below this text value a candidate is not a match at all. */
export const TEXT_FLOOR = 0.08;

export function textRelevance(raw: number, selfScore: number): number {
  if (selfScore <= 0 || raw <= 0) return 0;
  const ratio = raw / selfScore;
  return ratio / (ratio + TEXT_HALF);
}

/** Share of the text value that comes from the ask (focus) query when the need states one. */
export const FOCUS_SHARE = Number(process.env.PHI ?? 0.35);

export interface PreparedNeed {
  need: NeedDoc;
  query: PreparedQuery;
  focus: PreparedQuery | null;
  now: Date;
}

/** Prepare a need once (IDF of its terms) before scoring it against many suppliers. */
export function prepareNeed(need: NeedDoc, needTerms: TermVector, corpus: CorpusStats, now: Date = new Date()): PreparedNeed {
  const focus = needTerms.focus ? prepareQuery(needTerms.focus, corpus) : null;
  return { need, query: prepareQuery(needTerms.terms, corpus), focus: focus && focus.selfScore > 0 ? focus : null, now };
}

export function scorePrepared(prepared: PreparedNeed, supplier: SupplierDoc, supplierTerms: TermVector): MatchScore | null {
  const { need, query, focus } = prepared;
  const { raw, contributions } = bm25(query, supplierTerms);
  let text = textRelevance(raw, query.selfScore);
  if (focus) {
    const askRaw = bm25(focus, supplierTerms).raw;
    const askRel = textRelevance(askRaw, focus.selfScore);
    text = process.env.MODE === "mul" ? text * (1 - FOCUS_SHARE + FOCUS_SHARE * askRel) : (1 - FOCUS_SHARE) * text + FOCUS_SHARE * askRel;
  }
  if (text < TEXT_FLOOR) return null;
  // Bigrams alone (no shared word or concept) are too weak a sign to call it a match.
  if (!contributions.some((c) => !c.term.startsWith(BIGRAM_PREFIX))) return null;

  const values: Record<Exclude<keyof typeof FEATURE_WEIGHTS, "text">, number> = {
    kindFit: kindFit(need, supplier),
    industryChain: industryChainFit(need.chainCode, supplier.chainCodes ?? []),
    capacity: capacityFit(supplier),
    track: trackRecord(supplier),
    region: regionFit(need.regionCode, supplier.regionCode),
    schedule: scheduleFit(need, supplier, prepared.now),
  };
  const breakdown: ScoreComponent[] = [
    { feature: "text", value: text, weight: FEATURE_WEIGHTS.text, contribution: text * FEATURE_WEIGHTS.text },
  ];
  for (const [feature, value] of Object.entries(values)) {
    const weight = FEATURE_WEIGHTS[feature as keyof typeof values] * text; // gated by text relevance
    breakdown.push({ feature, value, weight, contribution: value * weight });
  }
  let score = 0;
  for (const c of breakdown) score += c.contribution;
  const matchedTerms = matchedTermsOf(contributions);
  return { score, breakdown, matchedTerms, reason: explain(need, supplier, matchedTerms, values) };
}

export function scoreMatch(
  need: NeedDoc,
  needTerms: TermVector,
  supplier: SupplierDoc,
  supplierTerms: TermVector,
  corpus: CorpusStats,
): MatchScore | null {
  return scorePrepared(prepareNeed(need, needTerms, corpus), supplier, supplierTerms);
}

export function rankSuppliers(
  need: NeedDoc,
  candidates: RankCandidate[],
  corpus: CorpusStats,
  limit?: number,
  needTerms?: TermVector,
): RankedMatch[] {
  const prepared = prepareNeed(need, needTerms ?? analyzeNeed(need), corpus);
  const scored: Array<{ key: string; match: MatchScore }> = [];
  for (const c of candidates) {
    const match = scorePrepared(prepared, c.doc, c.terms);
    if (match) scored.push({ key: c.key, match });
  }
  // Deterministic order on every instance: score, then key.
  scored.sort((a, b) => b.match.score - a.match.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const top = limit !== undefined ? scored.slice(0, Math.max(0, limit)) : scored;
  return top.map((s, i) => ({ key: s.key, match: s.match, rank: i + 1 }));
}

