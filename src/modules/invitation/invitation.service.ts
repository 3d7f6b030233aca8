import type { Context } from "../../context/context";
import { supplierKind, supplierKeyOf } from "../supplier";
import { actingUser } from "../../infra/auth/guards";
import type { UserViewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { InvitationRow, MatchRow, NeedRow, PrismaTypes } from "../../infra/db/rows";
import { badInput, conflict, forbidden, notFound } from "../../infra/errors";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import type { InvitationDeclineCode, InvitationStatus, MatchStatus } from "../../generated/prisma/enums";
import { invitedSide, readableInvitations } from "../access";
import { ownsNeed, readableMatches } from "../access";
import { recordAudit } from "../audit";
import { inConflict, supplierOfMatch } from "../conflict";
import { statusEvent } from "../match";
import { MATCHABLE_NEED_STATUSES } from "../need";
import { logStatusChange, noteDocking } from "../workflow";
import { assertAvailable } from "../engagement";
import { invitationAnswered, invitationReceived, type Notifier, type SupplierOf } from "../notification";
import { unitOfWork } from "../../infra/db/unit-of-work";

type Tx = PrismaTypes.TransactionClient;

/** Invitations that still bind the match: a second one is refused while one of these stands. */
const OPEN_INVITATION: InvitationStatus[] = ["PENDING", "ACCEPTED"];
/** Match statuses an invitation can start from; a rejected, docked or closed match is past inviting. */
const INVITABLE_MATCH: MatchStatus[] = ["SUGGESTED", "VIEWED", "CONTACTED", "ACCEPTED"];
const MAX_TEXT = 2000;

/**
 * Invitations (programme.graphql "Invitations"): the need's enterprise invites a matched supplier, the supplier's
 * side accepts or declines; an ACCEPTED invitation opens a CONFIDENTIAL need to that supplier (need-access.ts).
 * The match moves along its lifecycle with it: invited → CONTACTED, accepted → ACCEPTED (match-status.ts).
 */
export class InvitationService {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
    private readonly notifier: Notifier,
  ) {}

  /** Sent by the viewer's enterprise or received by a supplier it acts for (ADMIN and ANALYST: all), newest first. */
  list(ctx: Context, args: PageArgs, statuses: InvitationStatus[] | null): Promise<Page<InvitationRow>> {
    actingUser(ctx.viewer);
    const where: PrismaTypes.InvitationWhereInput = { AND: [readableInvitations(ctx.viewer), ...(statuses?.length ? [{ status: { in: statuses } }] : [])] };
    return keysetPage(
      pageRequest(args),
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.invitation.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.invitation.count({ where }),
    );
  }

  /** The need's enterprise (or ADMIN) invites the match's supplier: not one in conflict, one open invitation per match. */
  async invite(ctx: Context, matchId: number | null, message: string | null): Promise<InvitationRow> {
    const viewer = actingUser(ctx.viewer);
    const match = matchId === null ? null : await this.prisma.match.findFirst({ where: { id: matchId, AND: [readableMatches(viewer)] }, include: { need: true } });
    if (!match) throw notFound("Match");
    if (!ownsNeed(viewer, match.need)) throw forbidden("Only the need's enterprise or an ADMIN may invite a supplier");
    const text = message?.trim() || null;
    if (text && text.length > MAX_TEXT) throw badInput("message", `message must be at most ${MAX_TEXT} characters`);
    if (!MATCHABLE_NEED_STATUSES.includes(match.need.status)) throw badInput("matchId", `The need is ${match.need.status}: its suppliers can no longer be invited`);
    if (!INVITABLE_MATCH.includes(match.status)) throw badInput("matchId", `A ${match.status} match cannot be invited`);
    const supplier = supplierOfMatch(match);
    if (await inConflict(this.prisma, supplier, match.need.enterpriseId)) {
      throw badInput("matchId", "The supplier is in a conflict of interest with the need's enterprise");
    }
    const invitation = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      // The match row locked: two invitations sent at once cannot both find the match without one.
      await tx.$queryRaw`SELECT id FROM "Match" WHERE id = ${match.id} FOR UPDATE`;
      const open = await tx.invitation.count({ where: { matchId: match.id, status: { in: OPEN_INVITATION } } });
      if (open) throw conflict("matchId", "This match already has an open invitation");
      // An expert at capacity or outside its availability cannot be invited (BAD_USER_INPUT saying why).
      await assertAvailable(tx, supplier, "matchId");
      const invitation = await tx.invitation.create({
        data: {
          needId: match.needId,
          matchId: match.id,
          ...supplierKeyOf(supplier),
          message: text,
          invitedById: viewer.userId,
        },
      });
      const events = await moveMatch(tx, ctx, match, ["SUGGESTED", "VIEWED"], "CONTACTED", "invited");
      await recordAudit(tx, ctx, "invitation.create", { type: "Invitation", id: invitation.id }, { matchId: match.id, needId: match.needId });
      events.push(...(await this.notifier.notify(tx, [invitationReceived(match.need, { id: invitation.id, supplier, message: text })])));
      emit(...events);
      return invitation;
    });
    return invitation;
  }

  /** The invited supplier's side answers a PENDING invitation; declining needs a code (OTHER also a text). */
  async answer(ctx: Context, id: number | null, accept: boolean, declineCode: InvitationDeclineCode | null, declineText: string | null): Promise<InvitationRow> {
    const viewer = actingUser(ctx.viewer);
    const invitation = await this.readable(viewer, id);
    const side = invitedSide(viewer);
    const invited = side && (await this.prisma.invitation.count({ where: { id: invitation.id, AND: [side] } }));
    if (!invited) throw forbidden("Only the invited supplier's side may answer an invitation");
    const text = declineText?.trim() || null;
    if (accept && (declineCode || text)) throw badInput(declineCode ? "declineCode" : "declineText", "Only a declined invitation takes a decline code or text");
    if (!accept && !declineCode) throw badInput("declineCode", "Declining needs a declineCode");
    if (declineCode === "OTHER" && !text) throw badInput("declineText", "declineCode OTHER needs a declineText");
    if (text && text.length > MAX_TEXT) throw badInput("declineText", `declineText must be at most ${MAX_TEXT} characters`);
    if (invitation.status !== "PENDING") throw badInput("id", `The invitation is ${invitation.status}: only a PENDING invitation can be answered`);
    const status: InvitationStatus = accept ? "ACCEPTED" : "DECLINED";
    const updated = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      const at = new Date();
      const moved = await tx.invitation.updateMany({
        where: { id: invitation.id, status: "PENDING" },
        data: { status, answeredAt: at, answeredById: viewer.userId, declineCode: accept ? null : declineCode, declineText: accept ? null : text },
      });
      if (!moved.count) throw conflict("id", "The invitation changed meanwhile; read it again");
      const match = await tx.match.findUniqueOrThrow({ where: { id: invitation.matchId }, include: { need: true } });
      // Both sides agreed: the match is accepted (a decline leaves it where it was; the invitation says why).
      const events = accept ? await moveMatch(tx, ctx, match, ["SUGGESTED", "VIEWED", "CONTACTED"], "ACCEPTED", "invitation accepted") : [];
      // An accepted invitation is an accepted match: docking begins, an OPEN need goes IN_DOCKING (docs/workflow.md).
      if (accept && (await noteDocking(tx, ctx, match.needId, at))) events.push({ topic: "needStatusChanged", payload: { needId: match.needId, status: "IN_DOCKING" } });
      await recordAudit(tx, ctx, accept ? "invitation.accept" : "invitation.decline", { type: "Invitation", id: invitation.id }, { declineCode, declineText: text });
      const name = await supplierName(tx, supplierOfMatch(match));
      events.push(...(await this.notifier.notify(tx, [invitationAnswered(match.need, { id: invitation.id }, name, accept)])));
      emit(...events);
      return tx.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    });
    return updated;
  }

  /** The need's enterprise (or ADMIN) takes back a PENDING invitation. */
  async withdraw(ctx: Context, id: number | null): Promise<InvitationRow> {
    const viewer = actingUser(ctx.viewer);
    const invitation = await this.readable(viewer, id);
    const need = await this.prisma.techNeed.findUniqueOrThrow({ where: { id: invitation.needId }, select: { enterpriseId: true } });
    if (!ownsNeed(viewer, need)) throw forbidden("Only the need's enterprise or an ADMIN may withdraw an invitation");
    if (invitation.status !== "PENDING") throw badInput("id", `The invitation is ${invitation.status}: only a PENDING invitation can be withdrawn`);
    return unitOfWork(this.prisma, null, async (tx) => {
      const moved = await tx.invitation.updateMany({ where: { id: invitation.id, status: "PENDING" }, data: { status: "WITHDRAWN", answeredAt: new Date() } });
      if (!moved.count) throw conflict("id", "The invitation changed meanwhile; read it again");
      await recordAudit(tx, ctx, "invitation.withdraw", { type: "Invitation", id: invitation.id });
      return tx.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    });
  }

  private async readable(viewer: UserViewer, id: number | null): Promise<InvitationRow> {
    const invitation = id === null ? null : await this.prisma.invitation.findFirst({ where: { id, AND: [readableInvitations(viewer)] } });
    if (!invitation) throw notFound("Invitation");
    return invitation;
  }
}

/** Moves the match to `to` when it is in one of `from` (else leaves it), with its history step; the events to publish. */
async function moveMatch(tx: Tx, ctx: Context, match: MatchRow & { need: NeedRow }, from: MatchStatus[], to: MatchStatus, reason: string): Promise<HubEvent[]> {
  if (!from.includes(match.status)) return [];
  const at = new Date();
  const moved = await tx.match.updateMany({ where: { id: match.id, status: match.status }, data: { status: to, statusReason: null, statusReasonCode: null, statusChangedAt: at } });
  if (!moved.count) throw conflict("id", "The match changed meanwhile; read it again");
  await logStatusChange(tx, ctx, { subject: "MATCH", needId: match.needId, matchId: match.id, from: match.status, to, reason, at });
  await recordAudit(tx, ctx, "match.status", { type: "Match", id: match.id }, { from: match.status, to, reason });
  return [{ topic: "matchStatusChanged", payload: statusEvent(match, to) }];
}

/** The supplier's name as the enterprise is told it. */
async function supplierName(tx: PrismaTypes.TransactionClient, supplier: SupplierOf): Promise<string> {
  const [row] = (await supplierKind(supplier.kind).rows(tx, [supplier.id])) as Array<{ name?: string }>;
  return row?.name ?? "";
}
