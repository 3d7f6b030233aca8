/**
 * The access rules' functions, for the modules that apply row rules themselves. Who may call each operation and read
 * each private field is declared in policy.table.ts (applied to the schema by src/schema/apply-policy.ts). Lists
 * apply the `readable*` Prisma fragments in SQL, so totalCount and filters never count what the caller may not see;
 * single things answer NOT_FOUND exactly as for a missing id.
 */
export { readableNeeds, readableMatches, ownsNeed, mayReadBudget, mayReadNeedEnterprise } from "./need-access";
export { readableResponses } from "./response-access";
export { mayReadUser, asSignedIn } from "./people-access";
