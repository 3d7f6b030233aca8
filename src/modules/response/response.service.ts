import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import type { UserViewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { NeedRow, PrismaTypes, ResponseRow } from "../../infra/db/rows";
import { badInput, conflict, forbidden, notFound } from "../../infra/errors";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { idOf } from "../../infra/relay/global-id";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import type { DeclineReason, ResponseStatus } from "../../generated/prisma/enums";
import { ownsNeed, readableNeeds } from "../access";
import { readableResponses } from "../access";
import { recordAudit } from "../audit";
import { MATCHABLE_NEED_STATUSES } from "../need";
import { logStatusChange, noteDecision, noteDocking } from "../workflow";
import { DECISIONS, nextResponseStatuses, OPEN_RESPONSE_STATUSES, responseTransition, type ResponseParty } from "./response-status";
import type { RespondInput } from "./response.input";
import { responseReceived, responseStatusChanged, type Notifier } from "../notification";
import { unitOfWork } from "../../infra/db/unit-of-work";

export interface ResponseDecision {
  reasonCode?: DeclineReason | null;
  reason?: string | null;
}

export class ResponseService {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
    private readonly notifier: Notifier,
  ) {}

  /**
   * A society's own responses, newest first, as readableResponses lets the viewer see them: all to the society's
   * users, ADMIN and ANALYST; to others only those they may read (an enterprise its needs' responses, …).
   */
  ofSociety(ctx: Context, societyId: number, page: PageArgs): Promise<Page<ResponseRow>> {
    const where: PrismaTypes.ResponseWhereInput = { societyId, AND: [readableResponses(ctx.viewer)] };
    return keysetPage(
      pageRequest(page),
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.response.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.response.count({ where }),
    );
  }

  /** ADMIN, or SOCIETY for its own society; one open response per society per need; experts must be members. */
  async respond(ctx: Context, input: RespondInput): Promise<ResponseRow> {
    const viewer = actingUser(ctx.viewer);
    const needId = idOf("TechNeed", input.needId, "input.needId");
    const societyId = idOf("Society", input.societyId, "input.societyId");
    const need = needId === null ? null : await this.prisma.techNeed.findFirst({ where: { id: needId, AND: [readableNeeds(viewer)] } });
    if (!need) throw notFound("TechNeed");
    const society = societyId === null ? null : await this.prisma.society.findFirst({ where: { id: societyId, active: true } });
    if (!society) throw notFound("Society");
    if (viewer.role === "SOCIETY" && viewer.societyId !== society.id) throw forbidden("A society may respond for itself only");
    if (!MATCHABLE_NEED_STATUSES.includes(need.status)) throw badInput("input.needId", `The need is ${need.status} and takes no responses`);
    if (need.isChallenge && need.submissionDeadline && need.submissionDeadline.getTime() <= Date.now()) {
      throw badInput("input.needId", `Submissions to this challenge closed at ${need.submissionDeadline.toISOString()}`);
    }
    const expertIds = [...new Set((input.expertIds ?? []).map((gid, i) => idOf("Expert", gid, `input.expertIds.${i}`) ?? -1))];
    const members = await this.prisma.societyMembership.count({ where: { societyId: society.id, expertId: { in: expertIds } } });
    if (members !== expertIds.length) throw badInput("input.expertIds", "Every expert offered must be a member of the responding society");
    const response = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      // Locks the need so that two responses sent at once are counted one after the other (else both pass).
      await tx.$queryRaw`SELECT id FROM "TechNeed" WHERE id = ${need.id} FOR UPDATE`;
      const open = await tx.response.count({ where: { needId: need.id, societyId: society.id, status: { in: OPEN_RESPONSE_STATUSES } } });
      if (open) throw conflict("input.societyId", "This society has an open response to this need already");
      const created = await tx.response.create({
        data: { needId: need.id, societyId: society.id, proposal: input.proposal.trim(), experts: { create: expertIds.map((expertId) => ({ expertId })) } },
      });
      await tx.techNeed.updateMany({ where: { id: need.id, firstResponseAt: null }, data: { firstResponseAt: created.createdAt } });
      await logStatusChange(tx, ctx, { subject: "RESPONSE", needId: need.id, responseId: created.id, from: null, to: "SUBMITTED", at: created.createdAt });
      await recordAudit(tx, ctx, "response.submit", { type: "Response", id: created.id }, { needId: need.id, societyId: society.id, expertIds });
      const told = await this.notifier.notify(tx, [responseReceived(need, created, society.name)]);
      emit({ topic: "responseReceived", payload: { responseId: created.id, needId: need.id } }, ...told);
      return created;
    });
    return response;
  }

  /**
   * Moves a response along its lifecycle (response-status.ts): the need's enterprise or ADMIN shortlists,
   * accepts or declines (with a reason code); the society withdraws. On a 揭榜挂帅 challenge ADMIN screens,
   * after submissions close, and the winner is chosen with awardChallenge.
   */
  async move(ctx: Context, responseId: number | null, to: ResponseStatus, decision: ResponseDecision = {}): Promise<ResponseRow> {
    const viewer = actingUser(ctx.viewer);
    const response = await this.visibleResponse(viewer, responseId);
    const { need } = response;
    const parties = partiesOf(viewer, response, need);
    if (!parties.length) throw forbidden("Only the need's enterprise, the responding society or an ADMIN may change this response");
    const allowedBy = responseTransition(response.status, to);
    if (!allowedBy.length) {
      const next = nextResponseStatuses(response.status);
      throw badInput("status", `A ${response.status} response cannot become ${to}${next.length ? ` (allowed: ${next.join(", ")})` : " (it is final)"}`);
    }
    if (!allowedBy.some((p) => parties.includes(p))) {
      throw forbidden(allowedBy.includes("society") ? "Only the responding society may withdraw its response" : "Only the need's enterprise or an ADMIN may decide on a response");
    }
    if (need.isChallenge && allowedBy.includes("need")) {
      if (viewer.role !== "ADMIN") throw forbidden("ADMIN screens the solutions of a 揭榜挂帅 challenge");
      if (to === "ACCEPTED") throw badInput("status", "A challenge's winner is chosen with awardChallenge");
      if (need.submissionDeadline && need.submissionDeadline.getTime() > Date.now()) {
        throw badInput("status", `Submissions are open until ${need.submissionDeadline.toISOString()}; screen them afterwards`);
      }
    }
    if ((to === "SHORTLISTED" || to === "ACCEPTED") && !MATCHABLE_NEED_STATUSES.includes(need.status)) {
      throw badInput("status", `The need is ${need.status}: its responses can only be declined or withdrawn`);
    }
    const note = declineNote(to, decision);
    const updated = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      const { updated, events } = await this.applyMove(tx, ctx, response, to, note);
      emit(...events);
      return updated;
    });
    return updated;
  }

  /** The step itself, inside the caller's transaction (awardChallenge uses it too); returns events to publish. */
  async applyMove(
    tx: PrismaTypes.TransactionClient,
    ctx: Context,
    response: ResponseRow,
    to: ResponseStatus,
    note: { code: DeclineReason | null; text: string | null },
  ): Promise<{ updated: ResponseRow; events: HubEvent[] }> {
    const at = new Date();
    // The status in the WHERE makes a concurrent second decision fail instead of overwriting the first.
    const moved = await tx.response.updateMany({
      where: { id: response.id, status: response.status },
      data: { status: to, statusChangedAt: at, ...(to === "DECLINED" ? { declineCode: note.code, declineReason: note.text } : {}) },
    });
    if (!moved.count) throw conflict("id", "The response changed meanwhile; read it again");
    await logStatusChange(tx, ctx, {
      subject: "RESPONSE",
      needId: response.needId,
      responseId: response.id,
      from: response.status,
      to,
      reasonCode: note.code,
      reason: note.text,
      at,
    });
    const events: HubEvent[] = [
      { topic: "responseStatusChanged", payload: { responseId: response.id, needId: response.needId, societyId: response.societyId, status: to } },
    ];
    if (DECISIONS.includes(to)) await noteDecision(tx, response.needId, at);
    if (to === "ACCEPTED" && (await noteDocking(tx, ctx, response.needId, at))) {
      events.push({ topic: "needStatusChanged", payload: { needId: response.needId, status: "IN_DOCKING" } });
    }
    await recordAudit(tx, ctx, "response.status", { type: "Response", id: response.id }, { from: response.status, to, reasonCode: note.code });
    events.push(...(await this.tellStatus(tx, response, to)));
    const updated = await tx.response.findUniqueOrThrow({ where: { id: response.id } });
    return { updated, events };
  }

  /** RESPONSE_STATUS_CHANGED to the other party (notes.ts, responseStatusChanged). */
  private async tellStatus(tx: PrismaTypes.TransactionClient, response: ResponseRow, to: ResponseStatus): Promise<HubEvent[]> {
    const row = await tx.response.findUniqueOrThrow({
      where: { id: response.id },
      select: { need: { select: { id: true, title: true, enterpriseId: true } }, society: { select: { name: true } }, experts: { select: { expertId: true } } },
    });
    const note = responseStatusChanged(row.need, { id: response.id, societyId: response.societyId, expertIds: row.experts.map((e) => e.expertId) }, to, row.society.name);
    return this.notifier.notify(tx, [note]);
  }

  /** A response the viewer may see, with its need (NOT_FOUND otherwise, exactly as for an unknown id). */
  async visibleResponse(viewer: UserViewer, responseId: number | null): Promise<ResponseRow & { need: NeedRow }> {
    const response =
      responseId === null
        ? null
        : await this.prisma.response.findFirst({ where: { id: responseId, AND: [readableResponses(viewer), { need: readableNeeds(viewer) }] }, include: { need: true } });
    if (!response) throw notFound("Response");
    return response;
  }
}

function partiesOf(viewer: UserViewer, response: ResponseRow, need: NeedRow): ResponseParty[] {
  const parties: ResponseParty[] = [];
  if (ownsNeed(viewer, need)) parties.push("need");
  if (viewer.role === "ADMIN" || (viewer.role === "SOCIETY" && viewer.societyId === response.societyId)) parties.push("society");
  return parties;
}

/** As long as a deal's summary: the society reads it, it is no essay. */
const MAX_REASON = 2000;

/** A decline needs a reason code (OTHER also a text); other steps take none. */
export function declineNote(to: ResponseStatus, decision: ResponseDecision): { code: DeclineReason | null; text: string | null } {
  const text = decision.reason?.trim() || null;
  if (text && text.length > MAX_REASON) throw badInput("reason", `reason must be at most ${MAX_REASON} characters`);
  if (to !== "DECLINED") {
    if (decision.reasonCode || text) throw badInput("reasonCode", "Only a decline takes a reason");
    return { code: null, text: null };
  }
  if (!decision.reasonCode) throw badInput("reasonCode", "Declining needs a reason code");
  if (decision.reasonCode === "OTHER" && !text) throw badInput("reason", "Reason OTHER needs a text");
  return { code: decision.reasonCode, text };
}
