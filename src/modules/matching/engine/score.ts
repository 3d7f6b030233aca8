// Score composition. Text relevance gates everything: each other feature's weight is multiplied by the text
// value, so a supplier with a weak text match cannot climb on chain, region or kind alone:
//   score = text·W_text + Σ_f value_f · (W_f · text)      (contributions add up to score)
// Every value is in 0..1 but the outcome's (signed, centred on its prior: features.ts outcomeFit), so a score lies
// between text·SCORE_PER_TEXT.min and text·SCORE_PER_TEXT.max. The weights are data (data/feature-weights.json): a
// fit from recorded decisions (npm run learn:weights) changes them only when it is adopted into that file.
import { analyzeNeed } from "./analyze";
import { CONCEPT_PREFIX, dictionaries } from "./dictionaries";
import { bm25, prepareQuery, type PreparedQuery } from "./bm25";
import { explain, matchedTermsOf, relatedLabelsOf } from "./explain";
import { askDisciplines, specialistFactor } from "./specialist";
import { capacityFit, industryChainFit, kindFit, OUTCOME_RANGE, outcomeFit, regionFit, scheduleFit, trackRecord, wantedKinds } from "./features";
import weightsData from "../data/feature-weights.json";
import type { CorpusStats, MatchScore, NeedDoc, RankCandidate, RankedMatch, ScoreComponent, SupplierDoc, SupplierTerms, TermVector } from "./types";

export type Feature = "text" | "kindFit" | "industryChain" | "capacity" | "track" | "region" | "schedule" | "outcome";
export type FeatureWeights = Readonly<Record<Feature, number>>;

/** The weights in use: the file's, as adopted (see its `adopted` note). */
export const FEATURE_WEIGHTS: FeatureWeights = weightsData.weights;

/** Each feature's value range (text's own is 0..1 and it is not gated). */
const VALUE_RANGE: Record<Exclude<Feature, "text">, { min: number; max: number }> = {
  kindFit: { min: 0, max: 1 },
  industryChain: { min: 0, max: 1 },
  capacity: { min: 0, max: 1 },
  track: { min: 0, max: 1 },
  region: { min: 0, max: 1 },
  schedule: { min: 0, max: 1 },
  outcome: OUTCOME_RANGE,
};

/** The lowest and highest score per unit of text relevance the weights allow (the shortlist's exact bounds). */
export function scorePerText(weights: FeatureWeights): { min: number; max: number } {
  let min = weights.text;
  let max = weights.text;
  for (const [feature, range] of Object.entries(VALUE_RANGE)) {
    const w = weights[feature as Feature];
    min += Math.min(w * range.min, w * range.max);
    max += Math.max(w * range.min, w * range.max);
  }
  return { min, max };
}
const SCORE_PER_TEXT = scorePerText(FEATURE_WEIGHTS);

/**
 * Text relevance = BM25 / BM25 of an ideal supplier (one holding every need term), mapped through a saturating
 * curve (a supplier covering TEXT_HALF of the need's weighted vocabulary scores 0.5), times the breadth of the
 * evidence, times the ask factor below.
 */
export const TEXT_HALF = 0.2;
/** Below this relevance (before the ask factor) a candidate is not a match at all: scoreMatch returns null. */
export const TEXT_FLOOR = 0.1;

export function textRelevance(raw: number, selfScore: number): number {
  if (selfScore <= 0 || raw <= 0) return 0;
  const ratio = raw / selfScore;
  return ratio / (ratio + TEXT_HALF);
}

/**
 * When a need states what it asks for, text relevance is scaled by how well the supplier answers the ask:
 * by (1 - FOCUS_SHARE) when it answers none of it, up to 1 when it answers all of it. Multiplicative on purpose:
 * a vague ask ("从结构和控制两方面改进") cannot lift a supplier that is otherwise irrelevant. 0.85 (was 0.7, own set's
 * dev split): the ask now carries the problem's discipline too (data/symptoms.json).
 */
export const FOCUS_SHARE = 0.85;

export interface PreparedNeed {
  need: NeedDoc;
  query: PreparedQuery;
  focus: PreparedQuery | null;
  wantedKinds: Set<string>;
  now: Date;
  weights: FeatureWeights;
  perText: { min: number; max: number };
  /**
   * the disciplines the need's ask names, each with its share of the ask (specialist.ts): a supplier deep in them is
   * preferred to one naming them once
   */
  askDisciplines: ReadonlyMap<string, number>;
  /** The concepts the need did not say (TermVector.related): explanations name them apart. */
  related: ReadonlySet<string>;
}

/**
 * Prepare a need once (IDF of its terms) before scoring it against many suppliers. `weights`: other weights than the
 * adopted ones, for measuring a fit before adopting it (npm run learn:weights, eval/outcomes.ts); the hub never passes any.
 */
export function prepareNeed(need: NeedDoc, needTerms: TermVector, corpus: CorpusStats, now: Date = new Date(), weights: FeatureWeights = FEATURE_WEIGHTS): PreparedNeed {
  const focus = needTerms.focus ? prepareQuery(needTerms.focus, corpus) : null;
  // Only disciplines some supplier holds: one no profile names would scale every supplier alike (and, the heaviest,
  // would make the others' shares look small).
  const held = Object.fromEntries(Object.entries(needTerms.focus ?? {}).filter(([t]) => focus?.byTerm.has(t)));
  const disciplines = askDisciplines(held);
  return {
    need,
    query: prepareQuery(needTerms.terms, corpus),
    focus: focus && focus.selfScore > 0 ? focus : null,
    askDisciplines: disciplines,
    related: new Set(needTerms.related),
    wantedKinds: wantedKinds(need),
    now,
    weights,
    perText: weights === FEATURE_WEIGHTS ? SCORE_PER_TEXT : scorePerText(weights),
  };
}

/**
 * Breadth of evidence. A match that rests on one or two ideas (a short profile that happens to name the need's key
 * word) is discounted against one that meets the need on many: u/(u+EVIDENCE_HALF), scaled so that
 * EVIDENCE_FULL distinct pieces of evidence or more count fully. Half at 2 (was 6, chosen on the own set's dev split):
 * a keyword-dense profile meets a need on many product words, and breadth must not outweigh answering the problem.
 */
export const EVIDENCE_HALF = 2;
export const EVIDENCE_FULL = 6;

export function evidenceBreadth(units: number): number {
  const full = EVIDENCE_FULL / (EVIDENCE_FULL + EVIDENCE_HALF);
  return Math.min(1, units / (units + EVIDENCE_HALF) / full);
}

/**
 * Distinct pieces of evidence: each matched concept counts once, and each matched word that none of the matched
 * concepts already covers (白雾 + its concepts are one piece of evidence, not three).
 */
export function evidenceUnits(matchedKeys: string[]): number {
  const { conceptsOfTerm } = dictionaries();
  const concepts = new Set(matchedKeys.filter((k) => k.startsWith(CONCEPT_PREFIX)));
  let units = concepts.size;
  for (const k of matchedKeys) {
    if (k.startsWith(CONCEPT_PREFIX)) continue;
    if (!(conceptsOfTerm.get(k)?.some((c) => concepts.has(c)) ?? false)) units++;
  }
  return units;
}

type FeatureValues = Record<Exclude<Feature, "text">, number>;

interface Scored {
  score: number;
  breakdown: ScoreComponent[];
  values: FeatureValues;
}

/**
 * Text relevance alone (what gates every other feature), from the supplier's vector only: null below the floor.
 * Callers that must fetch more about a supplier (capacity, track record …) ask this first and fetch only for
 * those that pass: most candidates do not.
 */
export function textRelevanceOf(prepared: PreparedNeed, supplierTerms: SupplierTerms): number | null {
  const { query, focus } = prepared;
  const { raw, wordMatched, matchedKeys } = bm25(query, supplierTerms, false);
  // Bigrams alone (no shared word or concept) are too weak a sign to call it a match.
  if (!wordMatched) return null;
  // Relevance to the whole need, discounted when it rests on few distinct pieces of evidence. Below the floor the
  // supplier is not a match at all.
  let text = textRelevance(raw, query.selfScore);
  if (text < TEXT_FLOOR) return null; // breadth only lowers it: most candidates stop here, cheaply
  text *= evidenceBreadth(evidenceUnits(matchedKeys));
  if (text < TEXT_FLOOR) return null;
  if (focus) {
    const askRel = textRelevance(bm25(focus, supplierTerms, false).raw, focus.selfScore);
    text *= 1 - FOCUS_SHARE + FOCUS_SHARE * askRel;
    // Among the suppliers answering the ask's discipline, the specialist before the one that mentions it.
    text *= specialistFactor(prepared.askDisciplines, focus, supplierTerms);
  }
  return text;
}

// Rounding room for the bounds below (a sum of products may land a few ulps off the exact value).
const BOUND_SLACK = 1e-9;

/**
 * The candidates that can still reach the top `limit`, judged from text relevance alone. A score lies between
 * text·SCORE_PER_TEXT.min (every other feature at its worst) and text·SCORE_PER_TEXT.max (at its best); for a candidate
 * whose profile the caller knows already (`doc`, e.g. from its cache) it is computed exactly. A candidate whose best
 * case is below the `limit`-th best worst case cannot enter the list. Exact: ranking the shortlist gives the top
 * `limit` of all. Callers fetch the other features' inputs (capacity, track record, chains, recorded decisions) for
 * the shortlisted candidates they do not know yet. Each comes with its text relevance, which ranking them
 * (rankPrepared) then need not compute again. Knowing profiles matters since the outcome feature widened the bounds
 * (it is signed): without them the shortlist of a programme-scale need grew by two fifths.
 */
export function shortlist<T extends { terms: SupplierTerms; doc?: SupplierDoc }>(prepared: PreparedNeed, candidates: T[], limit: number): Array<T & { text: number }> {
  const { perText } = prepared;
  const relevant = candidates.flatMap((candidate) => {
    const text = textRelevanceOf(prepared, candidate.terms);
    if (text === null) return [];
    const exact = candidate.doc ? scoreValue(prepared, candidate.doc, text) : null;
    return [{ candidate: { ...candidate, text }, low: exact ?? text * perText.min, high: exact ?? text * perText.max }];
  });
  if (relevant.length <= limit) return relevant.map((r) => r.candidate);
  const worstCases = relevant.map((r) => r.low).sort((a, b) => b - a);
  const bar = worstCases[limit - 1] - BOUND_SLACK;
  return relevant.filter((r) => r.high >= bar).map((r) => r.candidate);
}

/**
 * The score alone, without building its breakdown (shortlist computes it for every known candidate): equal to
 * scoreOnly's up to rounding, which the shortlist's bound slack absorbs.
 */
function scoreValue(prepared: PreparedNeed, supplier: SupplierDoc, text: number): number {
  const { need, weights } = prepared;
  return (
    text *
    (weights.text +
      weights.kindFit * kindFit(need, supplier, prepared.wantedKinds) +
      weights.industryChain * industryChainFit(need.chainCode, supplier.chainCodes ?? []) +
      weights.capacity * capacityFit(supplier) +
      weights.track * trackRecord(supplier) +
      weights.region * regionFit(need.regionCode, supplier.regionCode) +
      weights.schedule * scheduleFit(need, supplier, prepared.now) +
      weights.outcome * outcomeFit(need.chainCode, supplier))
  );
}

/** The score without the explanation: what ranking needs. Null below the relevance floor. `known`: the text relevance, if computed already. */
function scoreOnly(prepared: PreparedNeed, supplier: SupplierDoc, supplierTerms: SupplierTerms, known?: number): Scored | null {
  const text = known ?? textRelevanceOf(prepared, supplierTerms);
  if (text === null) return null;
  const { need } = prepared;
  const values: FeatureValues = {
    kindFit: kindFit(need, supplier, prepared.wantedKinds),
    industryChain: industryChainFit(need.chainCode, supplier.chainCodes ?? []),
    capacity: capacityFit(supplier),
    track: trackRecord(supplier),
    region: regionFit(need.regionCode, supplier.regionCode),
    schedule: scheduleFit(need, supplier, prepared.now),
    outcome: outcomeFit(need.chainCode, supplier),
  };
  const { weights } = prepared;
  const breakdown: ScoreComponent[] = [
    { feature: "text", value: text, weight: weights.text, contribution: text * weights.text },
  ];
  for (const [feature, value] of Object.entries(values)) {
    const weight = weights[feature as keyof FeatureValues] * text; // gated by text relevance
    breakdown.push({ feature, value, weight, contribution: value * weight });
  }
  let score = 0;
  for (const c of breakdown) score += c.contribution;
  return { score, breakdown, values };
}

function withExplanation(prepared: PreparedNeed, supplier: SupplierDoc, supplierTerms: SupplierTerms, scored: Scored): MatchScore {
  const contributions = bm25(prepared.query, supplierTerms, true).contributions;
  // What the need said and what its first-ranked suppliers added are named apart: the reason never claims the need
  // said a concept it did not.
  const matchedTerms = matchedTermsOf(contributions.filter((c) => !prepared.related.has(c.term)));
  const related = prepared.related.size ? relatedLabelsOf(contributions.filter((c) => prepared.related.has(c.term))) : [];
  return {
    score: scored.score,
    breakdown: scored.breakdown,
    matchedTerms,
    reason: explain(prepared.need, supplier, matchedTerms, scored.values, related),
  };
}

/** Score one supplier for a prepared need, with breakdown, matched terms and reason. Null below the floor. */
export function scorePrepared(prepared: PreparedNeed, supplier: SupplierDoc, supplierTerms: SupplierTerms): MatchScore | null {
  const scored = scoreOnly(prepared, supplier, supplierTerms);
  return scored ? withExplanation(prepared, supplier, supplierTerms, scored) : null;
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
  weights?: FeatureWeights,
): RankedMatch[] {
  return rankPrepared(prepareNeed(need, needTerms ?? analyzeNeed(need), corpus, undefined, weights), candidates, limit);
}

/** rankSuppliers for a need prepared once (the caller may have gated candidates with textRelevanceOf). */
export function rankPrepared(prepared: PreparedNeed, candidates: RankCandidate[], limit?: number): RankedMatch[] {
  const scored: Array<{ candidate: RankCandidate; scored: Scored }> = [];
  for (const candidate of candidates) {
    const s = scoreOnly(prepared, candidate.doc, candidate.terms, candidate.text);
    if (s) scored.push({ candidate, scored: s });
  }
  // Deterministic order on every instance: score, then key.
  scored.sort((a, b) => b.scored.score - a.scored.score || (a.candidate.key < b.candidate.key ? -1 : a.candidate.key > b.candidate.key ? 1 : 0));
  const top = limit !== undefined ? scored.slice(0, Math.max(0, limit)) : scored;
  // Explanations only for what is returned.
  return top.map((s, i) => ({
    key: s.candidate.key,
    match: withExplanation(prepared, s.candidate.doc, s.candidate.terms, s.scored),
    rank: i + 1,
  }));
}
