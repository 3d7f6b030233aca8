/** The match module's public face: what other modules may import (docs/boundaries.md). */
export { corpusFromJson, POSTINGS_HEAD_PER_QUOTA, rerank } from "./match-index";
export type { CorpusStatsJson } from "./match-index";
export { matchRead } from "./match.loaders";
export { statusEvent } from "./match.service";
export { Match, Supplier } from "./match.type";
export { analyseNewNeed } from "./matching.service";
export type { MatchingService } from "./matching.service";
export { indexAndMatchSuppliers } from "./bulk-matching";
export { recordedDecisions } from "./supplier-outcomes";
