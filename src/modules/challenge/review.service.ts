import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { NeedRow, PrismaTypes, ResponseRow } from "../../infra/db/rows";
import { badInput, conflictOnDuplicate, forbidden, notFound } from "../../infra/errors";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { ownsNeed, readableNeeds } from "../access";
import { readableResponses } from "../access";
import { recordAudit } from "../audit";
import type { Audience, Notifier } from "../notification";
import type { ResponseService } from "../response";
import * as notes from "./challenge-notes";
import { ChallengeStage } from "./challenge-stage";
import type { ChallengeNotice, ChallengeReview, SolutionRank } from "./challenge.type";
import { ELIGIBLE, currentNotice, loadReview } from "./review-state";
import { DEFAULT_NOTICE_WORKING_DAYS, MAX_NOTICE_WORKING_DAYS, MAX_SCORE, checkedCriteria, noticeEnd, rankSolutions, requiredText, type CriterionInput } from "./review-rules";
import { unitOfWork } from "../../infra/db/unit-of-work";

type Tx = PrismaTypes.TransactionClient;

/**
 * 揭榜挂帅 review, after the submissions close (programme.graphql extension "揭榜挂帅 to its end"):
 * - the enterprise (or ADMIN) sets weighted criteria, summing to 100, until the first score is given;
 * - ADMIN appoints the review panel; an expert in conflict of interest is refused, with the reason: employed by the
 *   challenge's enterprise, a conflict declared with it or an exclusion by it (conflict module), a member of a
 *   society that submitted a solution, or offered on a solution;
 * - panelists score every solution on every criterion (0–10); the weighted totals rank them;
 * - ADMIN publishes the top-ranked solution in a notice (公示) of N working days; any signed-in user who may read
 *   the challenge lodges objections during it; ADMIN resolves them, and an upheld one withdraws the notice (back to
 *   review). The award (challenge.service.ts) waits for the end of the notice with no objection open.
 * Every step is audited and notified (CHALLENGE_PROGRESS), in the transaction that makes it.
 */
export class ChallengeReviewService {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
    private readonly notifier: Notifier,
    private readonly responses: ResponseService,
    private readonly timeZone: string,
  ) {}

  /** The challenge the viewer may read (NOT_FOUND otherwise, as for an unknown id); BAD_USER_INPUT when not a challenge. */
  async visibleChallenge(viewer: Viewer, needGlobalId: string, field: string): Promise<NeedRow> {
    const id = idOf("TechNeed", needGlobalId, field);
    const need = id === null ? null : await this.prisma.techNeed.findFirst({ where: { id, AND: [readableNeeds(viewer)] } });
    if (!need) throw notFound("Need");
    if (!need.isChallenge) throw badInput(field, "The need is not a 揭榜挂帅 challenge");
    return need;
  }

  review(need: NeedRow): Promise<ChallengeReview> {
    return loadReview(this.prisma, need);
  }

  async setCriteria(ctx: Context, needGlobalId: string, criteria: CriterionInput[]): Promise<NeedRow> {
    const viewer = actingUser(ctx.viewer);
    const need = await this.visibleChallenge(viewer, needGlobalId, "needId");
    if (!ownsNeed(viewer, need)) throw forbidden("The challenge's enterprise or ADMIN sets its criteria");
    const checked = checkedCriteria(criteria);
    await this.write(async (tx) => {
      const review = await loadReview(tx, need);
      requireStage(review, [ChallengeStage.SUBMISSIONS, ChallengeStage.REVIEW], "needId", "Criteria are set before the notice");
      const scored = await tx.solutionScore.count({ where: { criterion: { needId: need.id } } });
      if (scored) throw badInput("criteria", "The panel has begun scoring: the criteria can no longer change");
      await tx.challengeCriterion.deleteMany({ where: { needId: need.id } });
      await tx.challengeCriterion.createMany({ data: checked.map((c, position) => ({ needId: need.id, position, ...c })) });
      await recordAudit(tx, ctx, "challenge.criteria", { type: "TechNeed", id: need.id }, { criteria: checked });
      return { value: null, events: await this.notifier.notify(tx, [notes.criteriaSet(need, checked.length)]) };
    });
    return need;
  }

  async appoint(ctx: Context, needGlobalId: string, expertGlobalId: string): Promise<{ expertId: number; appointedAt: Date; scoredSolutions: number }> {
    const viewer = actingUser(ctx.viewer);
    const need = await this.visibleChallenge(viewer, needGlobalId, "needId");
    const expertId = idOf("Expert", expertGlobalId, "expertId");
    const expert = expertId === null ? null : await this.prisma.expert.findUnique({ where: { id: expertId } });
    if (!expert) throw notFound("Expert");
    if (!expert.active) throw badInput("expertId", `${expert.name} is inactive`);
    const row = await this.write(async (tx) => {
      requireStage(await loadReview(tx, need), [ChallengeStage.REVIEW], "needId", "The panel is appointed once submissions close and before the notice");
      const reason = await conflictOfInterest(tx, need, expert.id);
      if (reason) throw badInput("expertId", `${expert.name} has a conflict of interest: ${reason}`);
      const row = await tx.challengePanelist
        .create({ data: { needId: need.id, expertId: expert.id, appointedById: viewer.userId } })
        .catch(conflictOnDuplicate("expertId", `${expert.name} is on the panel already`));
      await recordAudit(tx, ctx, "challenge.panel.appoint", { type: "TechNeed", id: need.id }, { expertId: expert.id });
      return { value: row, events: await this.notifier.notify(tx, [notes.panelistAppointed(need, expert.id)]) };
    });
    return { expertId: expert.id, appointedAt: row.createdAt, scoredSolutions: 0 };
  }

  /** Before the notice only; the panelist's scores go with them. */
  async removePanelist(ctx: Context, needGlobalId: string, expertGlobalId: string): Promise<boolean> {
    const viewer = actingUser(ctx.viewer);
    const need = await this.visibleChallenge(viewer, needGlobalId, "needId");
    const expertId = idOf("Expert", expertGlobalId, "expertId") ?? -1;
    await this.write(async (tx) => {
      requireStage(await loadReview(tx, need), [ChallengeStage.REVIEW], "needId", "The panel changes before the notice only");
      const gone = await tx.challengePanelist.deleteMany({ where: { needId: need.id, expertId } });
      if (!gone.count) throw badInput("expertId", "The expert is not on the challenge's panel");
      const scores = await tx.solutionScore.deleteMany({ where: { expertId, response: { needId: need.id } } });
      await recordAudit(tx, ctx, "challenge.panel.remove", { type: "TechNeed", id: need.id }, { expertId, scoresRemoved: scores.count });
      return { value: null, events: await this.notifier.notify(tx, [notes.panelistRemoved(need, expertId)]) };
    });
    return true;
  }

  /** A panelist scores one solution on every criterion (again, to correct it, until the notice). */
  async score(ctx: Context, input: { responseId: string; scores: Array<{ criterionId: string; score: number }>; comment?: string | null }) {
    const viewer = actingUser(ctx.viewer);
    const responseId = idOf("Response", input.responseId, "input.responseId");
    const response = responseId === null ? null : await this.prisma.response.findFirst({ where: { id: responseId, AND: [readableResponses(viewer)] }, include: { need: true } });
    if (!response) throw notFound("Response");
    const { need } = response;
    if (!need.isChallenge) throw badInput("input.responseId", "The response is not a solution to a 揭榜挂帅 challenge");
    const expertId = viewer.expertId;
    const seat = expertId ? await this.prisma.challengePanelist.findUnique({ where: { needId_expertId: { needId: need.id, expertId } } }) : null;
    if (!seat || !expertId) throw forbidden("Only the challenge's review panel scores its solutions");
    if (!(ELIGIBLE as readonly string[]).includes(response.status) || response.status === "ACCEPTED") throw badInput("input.responseId", `The solution is ${response.status}: only solutions in the running are scored`);
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > 2000) throw badInput("input.comment", "comment must be at most 2000 characters");
    const criteria = await this.prisma.challengeCriterion.findMany({ where: { needId: need.id } });
    if (!criteria.length) throw badInput("input.responseId", "The challenge has no criteria yet: its enterprise sets them first");
    const given = new Map<number, number>();
    input.scores.forEach((s, i) => {
      const id = idOf("ChallengeCriterion", s.criterionId, `input.scores.${i}.criterionId`);
      if (id === null || !criteria.some((c) => c.id === id)) throw badInput(`input.scores.${i}.criterionId`, "Not a criterion of this challenge");
      if (given.has(id)) throw badInput(`input.scores.${i}.criterionId`, "A criterion is scored once");
      if (!Number.isInteger(s.score) || s.score < 0 || s.score > MAX_SCORE) throw badInput(`input.scores.${i}.score`, `A score is a whole number from 0 to ${MAX_SCORE}`);
      given.set(id, s.score);
    });
    const missing = criteria.filter((c) => !given.has(c.id));
    if (missing.length) throw badInput("input.scores", `Score every criterion: ${missing.map((c) => c.name).join("、")} missing`);
    const rows = await this.write(async (tx) => {
      requireStage(await loadReview(tx, need), [ChallengeStage.REVIEW], "input.responseId", "Solutions are scored between the close of submissions and the notice");
      await tx.solutionScore.deleteMany({ where: { responseId: response.id, expertId } });
      await tx.solutionScore.createMany({ data: [...given].map(([criterionId, score]) => ({ responseId: response.id, expertId, criterionId, score, comment })) });
      await recordAudit(tx, ctx, "challenge.score", { type: "Response", id: response.id }, { expertId, scores: Object.fromEntries(given) });
      const done = await scoredSolutions(tx, need.id, expertId, criteria.length);
      const open = await tx.response.count({ where: { needId: need.id, status: { in: ["SUBMITTED", "SHORTLISTED"] } } });
      const expert = await tx.expert.findUniqueOrThrow({ where: { id: expertId }, select: { name: true } });
      const events = done === open ? await this.notifier.notify(tx, [notes.scoringDone(need, { id: expertId, name: expert.name })]) : [];
      const rows = await tx.solutionScore.findMany({ where: { responseId: response.id, expertId }, orderBy: { criterionId: "asc" } });
      return { value: rows, events };
    });
    return rows.map(scoreView);
  }

  /** The ranking of the challenge's solutions in the running. */
  async ranking(needId: number, db: Prisma | Tx = this.prisma): Promise<SolutionRank[]> {
    const [responses, criteria, scores] = await Promise.all([
      db.response.findMany({ where: { needId, status: { in: [...ELIGIBLE] } }, select: { id: true, societyId: true } }),
      db.challengeCriterion.findMany({ where: { needId } }),
      db.solutionScore.findMany({ where: { response: { needId } }, select: { responseId: true, expertId: true, criterionId: true, score: true } }),
    ]);
    const society = new Map(responses.map((r) => [r.id, r.societyId]));
    return rankSolutions(responses.map((r) => r.id), new Map(criteria.map((c) => [c.id, c.weight])), scores).map((r) => ({ ...r, societyId: society.get(r.responseId)! }));
  }

  async publishNotice(ctx: Context, needGlobalId: string, responseGlobalId: string | null | undefined, workingDays: number | null | undefined): Promise<ChallengeNotice> {
    const viewer = actingUser(ctx.viewer);
    const need = await this.visibleChallenge(viewer, needGlobalId, "needId");
    const days = workingDays ?? DEFAULT_NOTICE_WORKING_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_NOTICE_WORKING_DAYS) throw badInput("workingDays", `A notice lasts 1 to ${MAX_NOTICE_WORKING_DAYS} working days`);
    const named = responseGlobalId ? idOf("Response", responseGlobalId, "responseId") : null;
    if (responseGlobalId && named === null) throw badInput("responseId", "responseId must be a solution's ID");
    await this.write(async (tx) => {
      requireStage(await loadReview(tx, need), [ChallengeStage.REVIEW], "needId", "A notice is published after the review, once");
      const panel = await tx.challengePanelist.findMany({ where: { needId: need.id } });
      if (!panel.length) throw badInput("needId", "The challenge has no review panel");
      const criteria = await tx.challengeCriterion.count({ where: { needId: need.id } });
      const running = await tx.response.findMany({ where: { needId: need.id, status: { in: ["SUBMITTED", "SHORTLISTED"] } } });
      if (!running.length) throw badInput("needId", "No solution is in the running");
      for (const p of panel) {
        const done = await scoredSolutions(tx, need.id, p.expertId, criteria);
        if (done < running.length) throw badInput("needId", `The review is not complete: a panelist has scored ${done} of ${running.length} solutions`);
      }
      const ranking = await this.ranking(need.id, tx);
      const top = ranking.filter((r) => r.rank === 1);
      let winner = top[0]!;
      if (named !== null) {
        const pick = top.find((r) => r.responseId === named);
        if (!pick) throw badInput("responseId", "Only a top-ranked solution can be proposed");
        winner = pick;
      } else if (top.length > 1) {
        throw badInput("responseId", `${top.length} solutions share the top rank: name the one proposed`);
      }
      const response = running.find((r) => r.id === winner.responseId)!;
      const events: HubEvent[] = [];
      if (response.status === "SUBMITTED") events.push(...(await this.responses.applyMove(tx, ctx, response, "SHORTLISTED", { code: null, text: null })).events);
      const startsAt = new Date();
      const endsAt = noticeEnd(startsAt, days, this.timeZone);
      const notice = await tx.challengeNotice.create({
        data: { needId: need.id, responseId: response.id, weightedTotal: winner.weightedTotal.toFixed(2), workingDays: days, startsAt, endsAt, publishedById: viewer.userId },
      });
      await recordAudit(tx, ctx, "challenge.notice.publish", { type: "TechNeed", id: need.id }, { noticeId: notice.id, responseId: response.id, weightedTotal: winner.weightedTotal, workingDays: days, endsAt });
      const society = await tx.society.findUniqueOrThrow({ where: { id: response.societyId }, select: { name: true } });
      events.push(...(await this.notifier.notify(tx, [notes.noticePublished(need, society.name, endsAt, this.timeZone, concerned(running, panel))])));
      return { value: null, events };
    });
    return (await currentNotice(this.prisma, need.id))!;
  }

  /** Any signed-in user who may read the challenge, while its notice runs. */
  async lodgeObjection(ctx: Context, needGlobalId: string, text: string) {
    const viewer = actingUser(ctx.viewer);
    const need = await this.visibleChallenge(viewer, needGlobalId, "needId");
    const body = requiredText(text, "text", "An objection's text");
    const row = await this.write(async (tx) => {
      const notice = await currentNotice(tx, need.id);
      const now = Date.now();
      if (!notice || notice.startsAt.getTime() > now || notice.endsAt.getTime() <= now) throw badInput("needId", "Objections are lodged while the challenge's notice runs");
      const row = await tx.challengeObjection.create({ data: { noticeId: notice.id, lodgedById: viewer.userId, text: body } });
      await recordAudit(tx, ctx, "challenge.objection.lodge", { type: "TechNeed", id: need.id }, { objectionId: row.id, noticeId: notice.id });
      return { value: row, events: await this.notifier.notify(tx, [notes.objectionLodged(need)]) };
    });
    return objectionView(row);
  }

  /** ADMIN: an upheld objection withdraws the notice (the review resumes); a dismissed one leaves it. */
  async resolveObjection(ctx: Context, objectionGlobalId: string, uphold: boolean, resolution: string) {
    actingUser(ctx.viewer);
    const id = idOf("ChallengeObjection", objectionGlobalId, "id");
    const objection = id === null ? null : await this.prisma.challengeObjection.findUnique({ where: { id }, include: { notice: { include: { need: true } } } });
    if (!objection) throw notFound("Objection");
    const text = requiredText(resolution, "resolution", "A resolution");
    const { need } = objection.notice;
    const row = await this.write(async (tx) => {
      const at = new Date();
      const moved = await tx.challengeObjection.updateMany({
        where: { id: objection.id, status: "OPEN" },
        data: { status: uphold ? "UPHELD" : "DISMISSED", resolution: text, resolvedAt: at, resolvedById: ctx.viewer.kind === "user" ? ctx.viewer.userId : null },
      });
      if (!moved.count) throw badInput("id", `The objection is ${objection.status} already`);
      let withdrawnTo: Audience[] = [];
      if (uphold && objection.notice.withdrawnAt === null) {
        await tx.challengeNotice.update({ where: { id: objection.noticeId }, data: { withdrawnAt: at } });
        const running = await tx.response.findMany({ where: { needId: need.id, status: { in: ["SUBMITTED", "SHORTLISTED"] } } });
        withdrawnTo = concerned(running, await tx.challengePanelist.findMany({ where: { needId: need.id } }));
      }
      await recordAudit(tx, ctx, "challenge.objection.resolve", { type: "TechNeed", id: need.id }, { objectionId: objection.id, upheld: uphold, noticeWithdrawn: withdrawnTo.length > 0 });
      const row = await tx.challengeObjection.findUniqueOrThrow({ where: { id: objection.id } });
      return { value: row, events: await this.notifier.notify(tx, notes.objectionResolved(need, objection.lodgedById, uphold, text, withdrawnTo)) };
    });
    return objectionView(row);
  }

  /** The notice's objections the viewer may read: all for ADMIN and ANALYST, one's own for others. */
  objections(viewer: Viewer, noticeId: number) {
    if (viewer.kind === "anonymous") return Promise.resolve([]);
    const where = seesEverything(viewer) ? { noticeId } : { noticeId, lodgedById: viewer.userId };
    return this.prisma.challengeObjection.findMany({ where, orderBy: { id: "asc" } }).then((rows) => rows.map(objectionView));
  }

  /** The panel with how far each panelist got. */
  async panel(needId: number) {
    const [panel, criteria] = await Promise.all([
      this.prisma.challengePanelist.findMany({ where: { needId }, orderBy: { id: "asc" } }),
      this.prisma.challengeCriterion.count({ where: { needId } }),
    ]);
    return Promise.all(panel.map(async (p) => ({ expertId: p.expertId, appointedAt: p.createdAt, scoredSolutions: await scoredSolutions(this.prisma, needId, p.expertId, criteria) })));
  }

  /**
   * A solution's scores as the viewer may read them: ADMIN and ANALYST all; a panelist their own (never another
   * panelist's); once the notice is published, the solution's own readers (its society, the enterprise) all of them,
   * without the panelists' names. Null for everyone else.
   */
  async scoresOf(viewer: Viewer, response: ResponseRow) {
    if (viewer.kind === "anonymous") return null;
    if (seesEverything(viewer)) return (await this.prisma.solutionScore.findMany({ where: { responseId: response.id }, orderBy: [{ expertId: "asc" }, { criterionId: "asc" }] })).map(scoreView);
    const seat = viewer.expertId ? await this.prisma.challengePanelist.findUnique({ where: { needId_expertId: { needId: response.needId, expertId: viewer.expertId } } }) : null;
    if (seat) return (await this.prisma.solutionScore.findMany({ where: { responseId: response.id, expertId: seat.expertId }, orderBy: { criterionId: "asc" } })).map(scoreView);
    const published = await this.prisma.challengeNotice.count({ where: { needId: response.needId } });
    if (!published) return null;
    return (await this.prisma.solutionScore.findMany({ where: { responseId: response.id }, orderBy: [{ expertId: "asc" }, { criterionId: "asc" }] })).map((s) => ({ ...scoreView(s), expertId: 0 }));
  }

  /** Whether the viewer reviews the challenge: ADMIN, ANALYST or one of its panelists. */
  async insider(viewer: Viewer, needId: number): Promise<boolean> {
    if (viewer.kind === "anonymous") return false;
    if (seesEverything(viewer)) return true;
    return viewer.expertId !== null && (await this.prisma.challengePanelist.count({ where: { needId, expertId: viewer.expertId } })) > 0;
  }

  /** One transaction; its events are published after commit. */
  private async write<T>(work: (tx: Tx) => Promise<{ value: T; events: HubEvent[] }>): Promise<T> {
    return unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      const { value, events } = await work(tx);
      emit(...events);
      return value;
    });
  }
}

/** Why the expert may not review the challenge, or null: the ties the conflict module knows, and ties to a solver. */
export async function conflictOfInterest(tx: Tx, need: NeedRow, expertId: number): Promise<string | null> {
  const expert = await tx.expert.findUniqueOrThrow({ where: { id: expertId }, select: { employerId: true } });
  if (expert.employerId === need.enterpriseId) return "employed by the challenge's enterprise";
  const ties = await tx.conflict.findMany({ where: { enterpriseId: need.enterpriseId, partyKind: "EXPERT", partyId: expertId } });
  const declared = ties.find((t) => t.source === "DECLARED");
  if (declared) return `declared a conflict with the challenge's enterprise (${declared.reason ?? "no reason given"})`;
  if (ties.some((t) => t.source === "EXCLUDED")) return "excluded by the challenge's enterprise";
  const offered = await tx.responseExpert.count({ where: { expertId, response: { needId: need.id } } });
  if (offered) return "offered on a solution to this challenge";
  const shared = await tx.societyMembership.findFirst({
    where: { expertId, society: { responses: { some: { needId: need.id, status: { not: "WITHDRAWN" } } } } },
    include: { society: { select: { name: true } } },
  });
  if (shared) return `a member of ${shared.society.name}, which submitted a solution`;
  return null;
}

/** How many of the challenge's solutions in the running the panelist has scored on every criterion. */
async function scoredSolutions(db: Prisma | Tx, needId: number, expertId: number, criteria: number): Promise<number> {
  if (!criteria) return 0;
  const rows = await db.solutionScore.groupBy({
    by: ["responseId"],
    where: { expertId, response: { needId, status: { in: ["SUBMITTED", "SHORTLISTED"] } } },
    _count: { _all: true },
  });
  return rows.filter((r) => r._count._all >= criteria).length;
}

/** The solvers' societies and the panel: who hears of the notice. */
function concerned(running: Array<{ societyId: number }>, panel: Array<{ expertId: number }>): Audience[] {
  return [...new Set(running.map((r) => r.societyId))].map((society) => ({ society }) as Audience).concat(panel.map((p) => ({ expert: p.expertId })));
}

function requireStage(review: ChallengeReview, allowed: ChallengeStage[], field: string, why: string): void {
  if (!allowed.includes(review.stage)) throw badInput(field, `The challenge is at ${review.stage}: ${why}`);
}

const scoreView = (s: { criterionId: number; expertId: number; score: number; comment: string | null; updatedAt: Date }) => ({
  criterionId: s.criterionId,
  expertId: s.expertId,
  score: s.score,
  comment: s.comment,
  scoredAt: s.updatedAt,
});

const objectionView = (o: { id: number; text: string; status: "OPEN" | "UPHELD" | "DISMISSED"; resolution: string | null; createdAt: Date; resolvedAt: Date | null }) => ({
  id: toGlobalId("ChallengeObjection", o.id),
  text: o.text,
  status: o.status,
  resolution: o.resolution,
  lodgedAt: o.createdAt,
  resolvedAt: o.resolvedAt,
});

