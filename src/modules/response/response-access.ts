import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import type { PrismaTypes } from "../../infra/db/rows";

/**
 * Responses (and their proposals) are seen by the responding society, the need's enterprise, ADMIN and
 * ANALYST; other societies do not learn who else responded.
 */
export function readableResponses(viewer: Viewer): PrismaTypes.ResponseWhereInput {
  if (viewer.kind === "anonymous") return { id: -1 };
  if (seesEverything(viewer)) return {};
  const own: PrismaTypes.ResponseWhereInput[] = [];
  if (viewer.societyId) own.push({ societyId: viewer.societyId });
  if (viewer.enterpriseId) own.push({ need: { enterpriseId: viewer.enterpriseId } });
  if (viewer.expertId) own.push({ experts: { some: { expertId: viewer.expertId } } });
  return own.length ? { OR: own } : { id: -1 };
}

export function mayReadResponse(viewer: Viewer, response: { societyId: number }, need: { enterpriseId: number }, expertIds: number[]): boolean {
  if (viewer.kind === "anonymous") return false;
  if (seesEverything(viewer)) return true;
  return (
    (viewer.societyId !== null && viewer.societyId === response.societyId) ||
    (viewer.enterpriseId !== null && viewer.enterpriseId === need.enterpriseId) ||
    (viewer.expertId !== null && expertIds.includes(viewer.expertId))
  );
}
