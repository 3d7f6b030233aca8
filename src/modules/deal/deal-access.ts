import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import type { PrismaTypes } from "../../infra/db/rows";

/**
 * Who sees a deal (amounts included): the need's enterprise, ADMIN, ANALYST, and the parties on the supplier
 * side: the responding society and its offered experts, or the matched expert, platform or society (and the
 * society of a matched expert). Workflow rule beside the deal module; every deal door filters with it in SQL.
 */
export function readableDeals(viewer: Viewer): PrismaTypes.DealWhereInput {
  if (viewer.kind === "anonymous") return { id: -1 };
  // A voided deal (recorded in error) is seen by nobody; its audit rows keep what it was.
  return { AND: [{ voidedAt: null }, partiesOf(viewer)] };
}

function partiesOf(viewer: Viewer): PrismaTypes.DealWhereInput {
  if (viewer.kind === "anonymous") return { id: -1 };
  if (seesEverything(viewer)) return {};
  const own: PrismaTypes.DealWhereInput[] = [];
  if (viewer.enterpriseId) own.push({ need: { enterpriseId: viewer.enterpriseId } });
  if (viewer.societyId) {
    const societyId = viewer.societyId;
    own.push({ response: { societyId } }, { match: { societyId } }, { match: { expert: { memberships: { some: { societyId } } } } });
  }
  if (viewer.expertId) own.push({ match: { expertId: viewer.expertId } }, { response: { experts: { some: { expertId: viewer.expertId } } } });
  if (viewer.platformId) own.push({ match: { platformId: viewer.platformId } });
  return own.length ? { OR: own } : { id: -1 };
}
