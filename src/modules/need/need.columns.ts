import type { GraphQLResolveInfo } from "graphql";
import { columnsFor, selectedFields, selectsAnywhere } from "../../context/selection";
import type { NeedRow } from "../../infra/db/rows";

export type NeedColumn = keyof NeedRow;

/**
 * The columns each field of `TechNeed` reads (need.resolver.ts, need.type.ts, workflow/timers.ts): keep them in
 * step. A field missing here makes its selections read whole rows (selection.ts), slower but never wrong.
 */
const NEED_FIELD_COLUMNS: Readonly<Record<string, readonly NeedColumn[]>> = {
  id: ["id"],
  title: ["title"],
  description: ["description"],
  kind: ["kind"],
  status: ["status"],
  visibility: ["visibility"],
  keywords: ["keywords"],
  deadline: ["deadline"],
  isChallenge: ["isChallenge"],
  createdAt: ["createdAt"],
  enterprise: ["enterpriseId"],
  industryChain: ["chainCode"],
  budgetMin: ["budgetMin", "visibility", "enterpriseId"],
  budgetMax: ["budgetMax", "visibility", "enterpriseId"],
  challengeAward: ["challengeAward"],
  challengeReview: ["id", "isChallenge", "enterpriseId", "status", "submissionDeadline"],
  matches: ["id"],
  responses: ["id"],
  submissionDeadline: ["isChallenge", "submissionDeadline"],
  acceptingResponses: ["status", "isChallenge", "submissionDeadline"],
  challengeWinner: ["id", "isChallenge"],
  isStale: ["id", "status", "openedAt", "firstResponseAt"],
  timers: ["enterpriseId", "openedAt", "firstResponseAt", "firstDecisionAt", "dockedAt", "resolvedAt", "closedAt", "expiredAt"],
  history: ["id", "enterpriseId"],
  deals: ["id"],
  invitations: ["id"],
  teaser: ["visibility", "teaser", "chainCode", "kind", "enterpriseId"],
};

// What the access rules look at, read whatever the selection: a partial row never lacks them.
const ALWAYS: readonly NeedColumn[] = ["id", "enterpriseId", "visibility", "status"];

/** How a list of needs should read its rows, from the selection of the connection being resolved. */
export interface NeedRead {
  /** The columns to read, or null for whole rows. */
  columns: NeedColumn[] | null;
  /** Whole rows only: whether to read the description (most of a need's bytes). */
  withDescription: boolean;
}

export function needRead(info: GraphQLResolveInfo): NeedRead {
  return { columns: columnsFor(selectedFields(info, ["edges", "node"]), NEED_FIELD_COLUMNS, ALWAYS), withDescription: selectsAnywhere(info, "description") };
}
