import type { Context } from "../../context/context";
import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import { ownsNeed } from "../access";
import { ChallengeStage } from "./challenge-stage";
import type { ChallengeReview, SolutionScore } from "./challenge.type";

/**
 * Who reads what of a 揭榜挂帅 review (declared in access/policy.table.ts): the panel and the running ranking are for
 * those who review (ADMIN, ANALYST, the panelists); the ranking is published with the notice; milestones and
 * acceptance are the award's parties'; a score names its panelist to ADMIN, ANALYST and that panelist only.
 */
export function reviewsChallenge(viewer: Viewer, needId: number, ctx: Context): Promise<boolean> {
  return ctx.services.challengeReviews.insider(viewer, needId);
}

const PUBLISHED: ChallengeStage[] = [ChallengeStage.NOTICE, ChallengeStage.AWARDED, ChallengeStage.ACCEPTED];

export async function mayReadChallengeRanking(viewer: Viewer, review: ChallengeReview, ctx: Context): Promise<boolean> {
  return PUBLISHED.includes(review.stage) || reviewsChallenge(viewer, review.needId, ctx);
}

export function mayReadChallengeDelivery(viewer: Viewer, review: Pick<ChallengeReview, "enterpriseId" | "winnerSocietyId">): boolean {
  if (viewer.kind === "anonymous") return false;
  return seesEverything(viewer) || ownsNeed(viewer, review) || (review.winnerSocietyId !== null && viewer.societyId === review.winnerSocietyId);
}

export function mayReadScorePanelist(viewer: Viewer, score: SolutionScore): boolean {
  if (viewer.kind === "anonymous") return false;
  return seesEverything(viewer) || (score.expertId !== 0 && viewer.expertId === score.expertId);
}
