/** The engagement module's public face: what other modules may import (docs/boundaries.md). */
export {
  ENGAGED_MATCH_STATUSES,
  assertAvailable,
  capacityCacheRefresh,
  engagedNeeds,
  needEngagedSql,
  newCapacityCache,
  refreshCapacityCache,
  unavailability,
  unavailableExpertsCtes,
  whyUnavailable,
  type CapacityCache,
} from "./engagement";
