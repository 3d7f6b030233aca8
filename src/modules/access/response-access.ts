import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import type { PrismaTypes } from "../../infra/db/rows";
import { readableNeeds } from "./need-access";

/**
 * Responses (and so their proposals) are seen by the responding society, the experts it offered, the need's
 * enterprise, ADMIN and ANALYST, the review panel of a 揭榜挂帅 challenge, and only while the need itself is readable; other societies do not learn who
 * else responded or what they proposed. Every response door (need.responses, node(id:), responseReceived,
 * deals) filters with this fragment in SQL.
 */
export function readableResponses(viewer: Viewer): PrismaTypes.ResponseWhereInput {
  if (viewer.kind === "anonymous") return { id: -1 };
  if (seesEverything(viewer)) return {};
  const own: PrismaTypes.ResponseWhereInput[] = [];
  if (viewer.societyId) own.push({ societyId: viewer.societyId });
  if (viewer.enterpriseId) own.push({ need: { enterpriseId: viewer.enterpriseId } });
  if (viewer.expertId) {
    own.push({ experts: { some: { expertId: viewer.expertId } } });
    // 揭榜挂帅: a panelist reads the solutions of the challenges they review (modules/challenge).
    own.push({ need: { challengePanel: { some: { expertId: viewer.expertId } } } });
  }
  return own.length ? { OR: own, need: readableNeeds(viewer) } : { id: -1 };
}
