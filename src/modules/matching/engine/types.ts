// Public types of the matching engine. Pure data: no GraphQL, no Prisma.

/** A kind of supplier (the hub's registry, modules/supplier/kinds.ts, lists them): the engine branches only on
 * what a document carries (a platform kind, member texts, capacity), so a new kind needs nothing here. */
export type SupplierKind = string;
export type NeedKind = "TECH_BREAKTHROUGH" | "TECH_TRANSFER" | "CONSULTING" | "TALENT" | "JOINT_RD" | "PILOT_TEST";
export type PlatformKind =
  | "NATIONAL_KEY_LAB"
  | "PROVINCIAL_LAB"
  | "TECH_INNOVATION_CENTER"
  | "INDUSTRY_RESEARCH_INSTITUTE"
  | "PILOT_BASE"
  | "INCUBATOR"
  | "EXPERT_WORKSTATION"
  | "OTHER";

export interface NeedDoc {
  title: string;
  description: string;
  keywords: string[];
  chainCode: string;
  kind: NeedKind;
  regionCode: string | null;
  budgetMin?: number | null;
  budgetMax?: number | null;
  deadline?: Date | null;
}

export interface SupplierDoc {
  kind: SupplierKind;
  name: string;
  /** expert: title + affiliation + expertise; platform: capabilities; society: name + disciplines */
  text: string;
  /** expert keywords; platform: []; society: disciplines */
  keywords: string[];
  /** society only: its experts' expertise + keywords */
  memberTexts?: string[];
  chainCodes: string[];
  regionCode: string | null;
  platformKind?: PlatformKind;
  /** How the reason names the kind (e.g. 学会组织, 高校院所); none for experts and platforms (named otherwise). */
  kindLabel?: string;
  /** The kind's fit per need kind, for kinds the prior table (kind-priors.json) does not list. */
  kindPriors?: Partial<Record<NeedKind, number>>;
  /** experts: slots, and slots in use */
  capacity?: number;
  activeEngagements?: number;
  /** past behaviour (smoothed, so newcomers are not punished) */
  responses?: number;
  acceptedResponses?: number;
  /**
   * Decisions recorded on its past matches, by the chain of the need (the hub reads them; the engine only counts):
   * `fit` = the need's side invited, contacted, accepted or docked it; `misfit` = rejected as OUT_OF_SCOPE by the
   * need's side, or an invitation it declined as OUT_OF_SCOPE. Other reasons (budget, capacity …) are not about fit.
   */
  outcomes?: Record<string, ChainOutcome>;
}

/** What the hub recorded about one supplier on one chain (SupplierDoc.outcomes). */
export interface ChainOutcome {
  fit: number;
  misfit: number;
}

/**
 * Analysed text of one document. `terms` maps a term key to its weighted term frequency. Keys are opaque
 * strings: a word ("热失控"), a concept id ("~热管理"), or a character bigram ("#散热"). `length` is the
 * document length used by BM25's length normalisation.
 */
export interface TermVector {
  terms: Record<string, number>;
  length: number;
  /**
   * Needs only: the terms of what the posting asks for (希望… / what the company lacks), without its own product.
   * Scored as a second query so that a supplier that answers the ask beats one that only shares the product.
   * Store it with the vector (it is small); absent for suppliers.
   */
  focus?: Record<string, number>;
  /**
   * Needs only: the concept ids among `terms` that the need did not say, added because most of its first-ranked
   * suppliers hold them (feedback.ts). Explanations name them apart; store them with the vector.
   */
  related?: string[];
}

/** Statistics over the supplier collection (for need → supplier scoring). */
export interface CorpusStats {
  documentCount: number;
  averageLength: number;
  documentFrequency(term: string): number;
}

export interface ScoreComponent {
  feature: string;
  value: number;
  weight: number;
  contribution: number;
}

export interface MatchScore {
  score: number;
  breakdown: ScoreComponent[];
  matchedTerms: string[];
  reason: string;
}

/**
 * A supplier's vector packed for scoring against many needs (packVector): its terms in for-in order, their weights,
 * and each term's bit in a query's filter. Made once per supplier and cached across needs, where the object form
 * (a dictionary-mode object of about sixty terms, each weight a boxed number) took three times the memory.
 */
export interface PackedVector {
  keys: string[];
  weights: number[];
  bits: Uint16Array;
  length: number;
}

/** What scoring reads of a supplier: either form (a TermVector is packed on first use, once). */
export type SupplierTerms = TermVector | PackedVector;

export interface RankCandidate {
  key: string;
  doc: SupplierDoc;
  terms: SupplierTerms;
  /** Its text relevance (textRelevanceOf), when the caller has it already (shortlist gives it): not computed again. */
  text?: number;
}

export interface RankedMatch {
  key: string;
  match: MatchScore;
  rank: number;
}
