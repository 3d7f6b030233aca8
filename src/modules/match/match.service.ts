import type { Context } from "../../context/context";
import { ownSupplierRows, speaksFor, supplierKeyOf, supplierOfRow } from "../supplier";
import { actingUser } from "../../infra/auth/guards";
import type { UserViewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { MatchRow, NeedRow, PrismaTypes } from "../../infra/db/rows";
import { badInput, conflict, forbidden, notFound } from "../../infra/errors";
import { idOf } from "../../infra/relay/global-id";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import type { DeclineReason, MatchStatus } from "../../generated/prisma/enums";
import { keysetPage, pageRequest, pageSize, type Page, type PageArgs } from "../../infra/relay/pagination";
import { ownsNeed, readableMatches } from "../access";
import { recordAudit } from "../audit";
import { MATCHABLE_NEED_STATUSES } from "../need";
import { logStatusChange, noteDecision, noteDocking } from "../workflow";
import { matchTransition, nextMatchStatuses, type MatchParty } from "./match-status";
import type { SupplierRef } from "../supplier";
import { unitOfWork } from "../../infra/db/unit-of-work";

/** Matches the need's side ended: their needs no longer fit the supplier. */
const UNFIT_MATCH_STATUSES: MatchStatus[] = ["REJECTED", "CLOSED"];

export class MatchService {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
  ) {}

  /**
   * The open needs (the matches the viewer may see, readableMatches) that fit a supplier, best first: its matches on OPEN or IN_DOCKING
   * needs, without those the need's side rejected or closed (they no longer fit). `after`: the ID of the last
   * match of the previous page (score, then id, so a page never repeats or skips a match of equal score).
   */
  async forSupplier(ctx: Context, supplier: SupplierRef | null, first: number, after: string | null = null): Promise<MatchRow[]> {
    const take = pageSize(first);
    const afterId = after === null ? null : (idOf("Match", after, "after") ?? -1);
    if (!supplier || take === 0) return [];
    const where: PrismaTypes.MatchWhereInput = {
      ...supplierKeyOf(supplier),
      status: { notIn: UNFIT_MATCH_STATUSES },
      need: { status: { in: MATCHABLE_NEED_STATUSES } },
      // A supplier's own side also gets its matches to CONFIDENTIAL needs still closed to it (their `need` reads null).
      AND: [readableMatches(ctx.viewer)],
    };
    const last = afterId === null ? null : await this.prisma.match.findFirst({ where: { ...where, id: afterId }, select: { id: true, score: true } });
    if (afterId !== null && !last) throw badInput("after", "after is not a match of this list");
    return this.prisma.match.findMany({
      where: last ? { AND: [where, { OR: [{ score: { lt: last.score } }, { score: last.score, id: { gt: last.id } }] }] } : where,
      orderBy: [{ score: "desc" }, { id: "asc" }],
      take,
    });
  }

  /**
   * The matches of every supplier the viewer acts for, newest first: a society's users see the society's and its
   * member experts' matches, an expert's user the expert's, a platform's user the platform's; under the need's row
   * rule (readableMatches). Others act for no supplier: an empty list.
   */
  mine(ctx: Context, page: PageArgs, filter: { statuses?: MatchStatus[] | null; chainCode?: string | null }): Promise<Page<MatchRow>> {
    const viewer = ctx.viewer;
    const suppliers: PrismaTypes.MatchWhereInput[] = [];
    suppliers.push(...ownSupplierRows(viewer));
    const request = pageRequest(page);
    if (!suppliers.length) return keysetPage(request, "desc", async () => [], async () => 0);
    const where: PrismaTypes.MatchWhereInput = {
      OR: suppliers,
      ...(filter.statuses?.length ? { status: { in: filter.statuses } } : {}),
      AND: [readableMatches(viewer), ...(filter.chainCode ? [{ need: { chainCode: filter.chainCode } }] : [])],
    };
    return keysetPage(
      request,
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.match.findMany({ where: { ...where, id: idAfter }, take, orderBy, omit: { breakdown: true } }) as Promise<MatchRow[]>,
      () => this.prisma.match.count({ where }),
    );
  }

  /**
   * Moves a match along its lifecycle (match-status.ts says who may make each step). A rejection needs a reason
   * code (OTHER also a text; a text alone counts as OTHER); it is kept, with every step, in the match's history.
   */
  async setStatus(ctx: Context, matchId: number | null, status: MatchStatus, reason: string | null, reasonCode: DeclineReason | null = null): Promise<MatchRow> {
    const viewer = actingUser(ctx.viewer);
    const match =
      matchId === null ? null : await this.prisma.match.findFirst({ where: { id: matchId, AND: [readableMatches(viewer)] }, include: { need: true } });
    if (!match) throw notFound("Match");
    const parties = await this.partiesOf(viewer, match);
    if (!parties.length) throw forbidden("Only the need's enterprise, the matched supplier or an ADMIN may move a match");
    const allowedBy = matchTransition(match.status, status);
    if (!allowedBy.length) {
      const next = nextMatchStatuses(match.status);
      throw badInput("status", `A ${match.status} match cannot become ${status}${next.length ? ` (allowed: ${next.join(", ")})` : " (it is final)"}`);
    }
    if (!allowedBy.some((p) => parties.includes(p))) throw forbidden(`Only the ${allowedBy.join(" or ")} side may set ${status}`);
    if ((status === "ACCEPTED" || status === "DOCKED") && !MATCHABLE_NEED_STATUSES.includes(match.need.status)) {
      throw badInput("status", `The need is ${match.need.status}: its matches can no longer be accepted or docked`);
    }
    const text = reason?.trim() || null;
    let code: DeclineReason | null = null;
    if (status === "REJECTED") {
      code = reasonCode ?? (text ? "OTHER" : null);
      if (!code) throw badInput("reasonCode", "A rejection needs a reason code");
      if (code === "OTHER" && !text) throw badInput("reason", "Reason OTHER needs a text");
    } else if (reasonCode) throw badInput("reasonCode", "Only a rejection takes a reason code");
    const updated = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      const at = new Date();
      const moved = await tx.match.updateMany({
        where: { id: match.id, status: match.status },
        data: { status, statusReason: text, statusReasonCode: code, statusChangedAt: at },
      });
      if (!moved.count) throw conflict("id", "The match changed meanwhile; read it again");
      await logStatusChange(tx, ctx, { subject: "MATCH", needId: match.needId, matchId: match.id, from: match.status, to: status, reasonCode: code, reason: text, at });
      const events: HubEvent[] = [{ topic: "matchStatusChanged", payload: statusEvent(match, status) }];
      if (status === "ACCEPTED" || status === "REJECTED") await noteDecision(tx, match.needId, at);
      // Accepting a match starts docking as accepting a response does (docs/workflow.md): an OPEN need goes IN_DOCKING.
      if ((status === "ACCEPTED" || status === "DOCKED") && (await noteDocking(tx, ctx, match.needId, at))) {
        events.push({ topic: "needStatusChanged", payload: { needId: match.needId, status: "IN_DOCKING" } });
      }
      await recordAudit(tx, ctx, "match.status", { type: "Match", id: match.id }, { from: match.status, to: status, reasonCode: code, reason: text });
      emit(...events);
      return tx.match.findUniqueOrThrow({ where: { id: match.id } });
    });
    return updated;
  }

  private async partiesOf(viewer: UserViewer, match: MatchRow & { need: NeedRow }): Promise<MatchParty[]> {
    const parties: MatchParty[] = [];
    if (ownsNeed(viewer, match.need)) parties.push("need");
    if (viewer.role === "ADMIN" || (await this.actsForSupplier(viewer, match))) parties.push("supplier");
    return parties;
  }

  /** Whether the viewer speaks for the matched supplier (its expert, platform or society, or the society of its expert). */
  async actsForSupplier(viewer: UserViewer, match: MatchRow): Promise<boolean> {
    return speaksFor(viewer, supplierOfRow(match), async (expertId, societyId) => (await this.prisma.societyMembership.count({ where: { societyId, expertId } })) > 0);
  }
}

export function statusEvent(match: MatchRow, status: MatchStatus) {
  return { matchId: match.id, needId: match.needId, supplierKind: match.supplierKind, supplierId: match.supplierId, status };
}
