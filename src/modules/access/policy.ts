/**
 * The hub's access policy in one place: who may see or change what (issue 4). Lists apply the `readable*`
 * Prisma fragments in SQL, so totalCount and filters never count what the caller may not see; single things
 * answer NOT_FOUND exactly as for a missing id; private fields use the `mayRead*` predicates.
 */
export { readableNeeds, readableMatches, ownsNeed, mayReadBudget, mayReadNeedEnterprise } from "./need-access";
export { readableResponses } from "./response-access";
export { mayReadUser, asSignedIn, mayReadExpertContact, mayReadAudit } from "./people-access";
