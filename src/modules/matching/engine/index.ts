// The matching engine: pure TypeScript, no GraphQL and no database access. The API layer stores the vectors
// from analyzeNeed/analyzeSupplier and corpus statistics, and calls scoreMatch/rankSuppliers.
export type {
  SupplierKind,
  NeedKind,
  PlatformKind,
  NeedDoc,
  SupplierDoc,
  TermVector,
  PackedVector,
  SupplierTerms,
  CorpusStats,
  ScoreComponent,
  MatchScore,
  RankCandidate,
  RankedMatch,
  ChainOutcome,
} from "./types";
export { publicReason, OUTCOME_NOTE_PREFIX } from "./explain";
export { outcomeFit } from "./features";
export { analyzeNeed, analyzeSupplier } from "./analyze";
export { analysisFingerprint, ANALYSIS_VERSION } from "./fingerprint";
export { InMemoryCorpus, packVector } from "./bm25";
export { scoreMatch, rankSuppliers, rankPrepared, prepareNeed, scorePrepared, shortlist, textRelevanceOf, FEATURE_WEIGHTS, TEXT_FLOOR } from "./score";
export type { PreparedNeed, Feature, FeatureWeights } from "./score";
export { warmUpSegmenter } from "./tokenizer";
export { feedbackExpansion, FEEDBACK_TOP } from "./feedback";
export { learnTermSpace, nearestTerms, learnNeighbours, expandNeedTerms, termSpaceDocument, TERM_SPACE_DEFAULTS, EXPANSION_WEIGHT } from "./term-space";
export type { NeighbourTable, TermSpace, TermSpaceOptions } from "./term-space";
