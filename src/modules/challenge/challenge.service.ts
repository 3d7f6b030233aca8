import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import type { Prisma } from "../../infra/db/database";
import { badInput } from "../../infra/errors";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { idOf } from "../../infra/relay/global-id";
import { amountOf, type AwardChallengeInput, type DealRow, type DealService } from "../deal";
import type { ResponseService } from "../response";
import { unitOfWork } from "../../infra/db/unit-of-work";
import type { PrismaTypes } from "../../infra/db/rows";
import { recordAudit } from "../audit";
import { currentNotice } from "./review-state";

/**
 * The award waits for the notice (公示): it was published for this very solution, has ended, was not withdrawn
 * and has no objection open. Checked inside the award's transaction.
 */
async function requireNoticeEnded(tx: Prisma | PrismaTypes.TransactionClient, needId: number, responseId: number): Promise<void> {
  const notice = await currentNotice(tx, needId);
  if (!notice) throw badInput("input.responseId", "No notice (公示) of a proposed winner is in force: the panel reviews, ADMIN publishes the notice, then awards");
  if (notice.responseId !== responseId) throw badInput("input.responseId", "The notice proposes another solution");
  if (notice.endsAt.getTime() > Date.now()) throw badInput("input.responseId", `The notice runs until ${notice.endsAt.toISOString()}: award afterwards`);
  if (notice.openObjections) throw badInput("input.responseId", `${notice.openObjections} objection(s) to the notice are open: ADMIN resolves them first`);
}

/** What a 揭榜挂帅 loser is told: the challenge was solved by another solution. */
const OTHER_WINNER = "揭榜挂帅已由其他方案揭榜";

/**
 * 揭榜挂帅: a challenge need takes solutions (responses) until its submission deadline; then a panel reviews them and
 * ADMIN publishes the top one in a notice (review.service.ts); once the notice has ended with no objection open,
 * ADMIN awards it: that response is ACCEPTED, the other open ones are DECLINED (ALREADY_SOLVED), the award is
 * recorded as a deal and the need is RESOLVED, in one transaction. Milestones and acceptance follow (delivery.service.ts).
 */
export class ChallengeService {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
    private readonly responses: ResponseService,
    private readonly deals: DealService,
  ) {}

  async award(ctx: Context, input: AwardChallengeInput): Promise<DealRow> {
    const viewer = actingUser(ctx.viewer);
    const winner = await this.responses.visibleResponse(viewer, idOf("Response", input.responseId, "input.responseId"));
    const { need } = winner;
    if (!need.isChallenge) throw badInput("input.responseId", "The need is not a 揭榜挂帅 challenge");
    if (need.submissionDeadline && need.submissionDeadline.getTime() > Date.now()) {
      throw badInput("input.responseId", `Submissions are open until ${need.submissionDeadline.toISOString()}`);
    }
    if (!["OPEN", "IN_DOCKING"].includes(need.status)) throw badInput("input.responseId", `The challenge is ${need.status}`);
    await requireNoticeEnded(this.prisma, need.id, winner.id); // again inside the transaction
    if (winner.status !== "SHORTLISTED") throw badInput("input.responseId", `The response is ${winner.status}: only a SHORTLISTED (screened) solution can win`);
    const contractSigned = input.contractSigned ?? false;
    const amount = amountOf(input.value, input.amount, "input.value", "input.amount");
    const award = amountOf(input.awardValue, input.awardValue == null ? (input.awardAmount ?? need.challengeAward) : input.awardAmount, "input.awardValue", "input.awardAmount");
    const deal = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      await requireNoticeEnded(tx, need.id, winner.id);
      const events: HubEvent[] = [];
      const won = await this.responses.applyMove(tx, ctx, winner, "ACCEPTED", { code: null, text: null });
      events.push(...won.events);
      const others = await tx.response.findMany({ where: { needId: need.id, id: { not: winner.id }, status: { in: ["SUBMITTED", "SHORTLISTED"] } } });
      for (const other of others) events.push(...(await this.responses.applyMove(tx, ctx, other, "DECLINED", { code: "ALREADY_SOLVED", text: OTHER_WINNER })).events);
      const { deal, events: told } = await this.deals.createInTx(tx, ctx, {
        need,
        responseId: winner.id,
        matchId: null,
        mode: "CHALLENGE_AWARD",
        contractSigned,
        signedOn: contractSigned ? new Date() : null,
        amount,
        award,
        summary: input.summary.trim(),
      });
      events.push(...told, ...(await this.deals.advanceNeed(tx, ctx, need, true, new Date())));
      await recordAudit(tx, ctx, "challenge.award", { type: "TechNeed", id: need.id }, { dealId: deal.id, responseId: winner.id, awardValue: award.value });
      emit(...events);
      return deal;
    });
    return deal;
  }
}
