import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import type { Prisma } from "../../infra/db/database";
import type { NeedRow, PrismaTypes } from "../../infra/db/rows";
import { badInput, forbidden, notFound } from "../../infra/errors";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { ownsNeed } from "../access";
import { recordAudit } from "../audit";
import type { Notifier } from "../notification";
import { mayReadChallengeDelivery } from "./challenge-access";
import * as notes from "./challenge-notes";
import { ChallengeStage } from "./challenge-stage";
import type { ChallengeReview } from "./challenge.type";
import { loadReview } from "./review-state";
import { requiredText } from "./review-rules";
import type { ChallengeReviewService } from "./review.service";
import { unitOfWork } from "../../infra/db/unit-of-work";

type Tx = PrismaTypes.TransactionClient;

/**
 * After the award: milestones with due dates (set by the enterprise or ADMIN, reported done by the winner's
 * society or ADMIN) and acceptance (验收, ADMIN, once every milestone is done). A passed acceptance makes the
 * award count as paid in programmeStats (stats/deal-stats.ts); a failed one is kept and acceptance can be asked
 * again. Audited and notified (CHALLENGE_PROGRESS) in the transaction of each step.
 */
export class ChallengeDeliveryService {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
    private readonly notifier: Notifier,
    private readonly reviews: ChallengeReviewService,
    private readonly timeZone: string,
  ) {}

  async addMilestone(ctx: Context, needGlobalId: string, input: { title: string; dueOn: Date }) {
    const viewer = actingUser(ctx.viewer);
    const need = await this.reviews.visibleChallenge(viewer, needGlobalId, "needId");
    if (!ownsNeed(viewer, need)) throw forbidden("The challenge's enterprise or ADMIN sets its milestones");
    const title = requiredText(input.title, "input.title", "A milestone's title");
    if (title.length > 200) throw badInput("input.title", "title must be at most 200 characters");
    if (input.dueOn.getTime() <= Date.now()) throw badInput("input.dueOn", "A milestone is due in the future");
    const row = await this.write(async (tx) => {
      const review = await awarded(tx, need, "needId");
      const row = await tx.challengeMilestone.create({ data: { dealId: review.dealId!, title, dueOn: input.dueOn, createdById: viewer.userId } });
      await recordAudit(tx, ctx, "challenge.milestone.add", { type: "TechNeed", id: need.id }, { milestoneId: row.id, title, dueOn: input.dueOn });
      return { value: row, events: await this.notifier.notify(tx, [notes.milestoneAdded(need, title, input.dueOn, this.timeZone, review.winnerSocietyId!)]) };
    });
    return milestoneView(row);
  }

  async completeMilestone(ctx: Context, milestoneGlobalId: string, note: string) {
    const viewer = actingUser(ctx.viewer);
    const id = idOf("ChallengeMilestone", milestoneGlobalId, "id");
    const milestone = id === null ? null : await this.prisma.challengeMilestone.findUnique({ where: { id }, include: { deal: { include: { need: true, response: true } } } });
    const winnerSocietyId = milestone?.deal.response?.societyId ?? null;
    if (!milestone || !mayReadChallengeDelivery(viewer, { enterpriseId: milestone.deal.need.enterpriseId, winnerSocietyId })) throw notFound("Milestone");
    if (!(viewer.role === "ADMIN" || (viewer.role === "SOCIETY" && viewer.societyId === winnerSocietyId))) {
      throw forbidden("The winner's society or ADMIN reports a milestone done");
    }
    const text = requiredText(note, "note", "What was delivered");
    const { need } = milestone.deal;
    const row = await this.write(async (tx) => {
      await awarded(tx, need, "id");
      const at = new Date();
      const moved = await tx.challengeMilestone.updateMany({ where: { id: milestone.id, doneAt: null }, data: { doneAt: at, doneNote: text } });
      if (!moved.count) throw badInput("id", "The milestone is done already");
      await recordAudit(tx, ctx, "challenge.milestone.done", { type: "TechNeed", id: need.id }, { milestoneId: milestone.id });
      const row = await tx.challengeMilestone.findUniqueOrThrow({ where: { id: milestone.id } });
      return { value: row, events: await this.notifier.notify(tx, [notes.milestoneDone(need, milestone.title)]) };
    });
    return milestoneView(row);
  }

  /** ADMIN, once every milestone is done (there is at least one). */
  async accept(ctx: Context, needGlobalId: string, passed: boolean, note: string): Promise<ChallengeReview> {
    const viewer = actingUser(ctx.viewer);
    const need = await this.reviews.visibleChallenge(viewer, needGlobalId, "needId");
    const text = requiredText(note, "note", "An acceptance opinion");
    await this.write(async (tx) => {
      const review = await awarded(tx, need, "needId");
      const milestones = await tx.challengeMilestone.findMany({ where: { dealId: review.dealId! } });
      if (!milestones.length) throw badInput("needId", "The award has no milestones: its enterprise sets them first");
      const open = milestones.filter((m) => m.doneAt === null);
      if (open.length) throw badInput("needId", `${open.length} milestone(s) are not done: ${open.map((m) => m.title).join("、")}`);
      const row = await tx.challengeAcceptance.create({ data: { dealId: review.dealId!, passed, note: text, decidedById: viewer.userId } });
      await recordAudit(tx, ctx, "challenge.accept", { type: "TechNeed", id: need.id }, { acceptanceId: row.id, dealId: review.dealId, passed });
      return { value: null, events: await this.notifier.notify(tx, [notes.acceptanceDecided(need, passed, review.winnerSocietyId!)]) };
    });
    return loadReview(this.prisma, need);
  }

  milestones(dealId: number) {
    return this.prisma.challengeMilestone.findMany({ where: { dealId }, orderBy: [{ dueOn: "asc" }, { id: "asc" }] }).then((rows) => rows.map(milestoneView));
  }

  acceptances(dealId: number) {
    return this.prisma.challengeAcceptance.findMany({ where: { dealId }, orderBy: { id: "asc" } }).then((rows) => rows.map((a) => ({ passed: a.passed, note: a.note, decidedAt: a.createdAt })));
  }

  private async write<T>(work: (tx: Tx) => Promise<{ value: T; events: HubEvent[] }>): Promise<T> {
    return unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      const { value, events } = await work(tx);
      emit(...events);
      return value;
    });
  }
}

/** The review of an awarded challenge not yet accepted; BAD_USER_INPUT at any other stage. */
async function awarded(tx: Tx, need: NeedRow, field: string): Promise<ChallengeReview> {
  const review = await loadReview(tx, need);
  if (review.stage !== ChallengeStage.AWARDED) throw badInput(field, `The challenge is at ${review.stage}: milestones and acceptance follow the award, until acceptance passes`);
  return review;
}

function milestoneView(m: { id: number; title: string; dueOn: Date; doneAt: Date | null; doneNote: string | null }) {
  return { id: toGlobalId("ChallengeMilestone", m.id), title: m.title, dueOn: m.dueOn, doneAt: m.doneAt, doneNote: m.doneNote, overdue: m.doneAt === null && m.dueOn.getTime() < Date.now() };
}
