import type { Prisma } from "../../infra/db/database";
import type { NeedRow, PrismaTypes } from "../../infra/db/rows";
import { toGlobalId } from "../../infra/relay/global-id";
import { ChallengeStage } from "./challenge-stage";
import type { ChallengeNotice, ChallengeReview } from "./challenge.type";

type Db = Prisma | PrismaTypes.TransactionClient;

/** Solutions that are still in the running: scored, ranked, proposed. */
export const ELIGIBLE = ["SUBMITTED", "SHORTLISTED", "ACCEPTED"] as const;

/** The current notice of a challenge: the newest one not withdrawn. */
export async function currentNotice(db: Db, needId: number): Promise<ChallengeNotice | null> {
  const row = await db.challengeNotice.findFirst({
    where: { needId, withdrawnAt: null },
    orderBy: { id: "desc" },
    include: { response: { select: { societyId: true } }, _count: { select: { objections: { where: { status: "OPEN" } } } } },
  });
  if (!row) return null;
  return {
    id: row.id,
    needId: row.needId,
    responseId: row.responseId,
    societyId: row.response.societyId,
    weightedTotal: Number(row.weightedTotal),
    workingDays: row.workingDays,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    withdrawnAt: row.withdrawnAt,
    openObjections: row._count.objections,
  };
}

/** The challenge's award (a deal not voided), if any. */
export function awardOf(db: Db, needId: number) {
  return db.deal.findFirst({ where: { needId, mode: "CHALLENGE_AWARD", voidedAt: null }, orderBy: { id: "desc" }, include: { response: { select: { societyId: true } } } });
}

/** Everything a challenge's review shows, read at `now`; the stage follows from the rows. */
export async function loadReview(db: Db, need: NeedRow, now = new Date()): Promise<ChallengeReview> {
  const [criteria, notice, award] = await Promise.all([
    db.challengeCriterion.findMany({ where: { needId: need.id }, orderBy: { position: "asc" } }),
    currentNotice(db, need.id),
    awardOf(db, need.id),
  ]);
  const accepted = award ? await db.challengeAcceptance.findFirst({ where: { dealId: award.id, passed: true }, orderBy: { id: "asc" } }) : null;
  return {
    needId: need.id,
    enterpriseId: need.enterpriseId,
    dealId: award?.id ?? null,
    winnerSocietyId: award?.response?.societyId ?? null,
    stage: stageOf(need, notice !== null, award !== null, accepted !== null, now),
    criteria: criteria.map((c) => ({ id: toGlobalId("ChallengeCriterion", c.id), name: c.name, weight: c.weight })),
    notice,
    acceptedAt: accepted?.createdAt ?? null,
  };
}

export function stageOf(need: Pick<NeedRow, "status" | "submissionDeadline">, noticed: boolean, awarded: boolean, accepted: boolean, now: Date): ChallengeStage {
  if (accepted) return ChallengeStage.ACCEPTED;
  if (awarded) return ChallengeStage.AWARDED;
  if (need.status === "DRAFT") return ChallengeStage.SUBMISSIONS;
  if (need.status !== "OPEN" && need.status !== "IN_DOCKING") return ChallengeStage.CLOSED;
  if (noticed) return ChallengeStage.NOTICE;
  if (need.submissionDeadline && need.submissionDeadline.getTime() > now.getTime()) return ChallengeStage.SUBMISSIONS;
  return ChallengeStage.REVIEW;
}
