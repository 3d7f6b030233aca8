/** The access module's public face: what other modules may import (docs/boundaries.md). */
export { invitedSide, readableInvitations } from "./invitation-access";
export { needSideOrStaff, ownsNeed, readableMatches, readableNeeds, readableNeedsSql, type NeedCondition } from "./need-access";
export { asSignedIn, mayReadUser, readableResponses } from "./policy";
export { ROW_RULE_OF_TYPE, ROW_RULE_READS, type RowRule, type ViewerReads } from "./row-rules";
