import { ownSupplierRows } from "../supplier";
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
  own.push(...ownSupplierRows(viewer).map((match) => ({ match })));
  // Responses are a society's, with their experts.
  if (viewer.societyId) own.push({ response: { societyId: viewer.societyId } });
  if (viewer.expertId) own.push({ response: { experts: { some: { expertId: viewer.expertId } } } });
  return own.length ? { OR: own } : { id: -1 };
}
