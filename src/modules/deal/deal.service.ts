import { memberExpertRows } from "../supplier";
import type { Context } from "../../context/context";
import { supplierOfRow } from "../supplier";
import { actingUser } from "../../infra/auth/guards";
import type { Prisma } from "../../infra/db/database";
import type { MatchRow, NeedRow, PrismaTypes, ResponseRow } from "../../infra/db/rows";
import { badInput, conflict, forbidden, notFound } from "../../infra/errors";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { idOf } from "../../infra/relay/global-id";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import type { CooperationMode } from "../../generated/prisma/enums";
import { ownsNeed, readableNeeds } from "../access";
import { readableResponses } from "../access";
import { changedFields, recordAudit } from "../audit";
import { statusEvent } from "../match";
import { logStatusChange, noteDocking } from "../workflow";
import type { DealRow } from "./deal.loaders";
import { readableDeals } from "./deal-access";
import type { RecordDealInput, UpdateDealInput } from "./deal.input";
import { dealRecorded, supplierAudience, type Audience, type Notifier } from "../notification";
import { amountOf, type Amount } from "./deal-money";
import { unitOfWork } from "../../infra/db/unit-of-work";

type Tx = PrismaTypes.TransactionClient;

/** Match statuses from which cooperation can be recorded (ACCEPTED moves on to DOCKED). */
const DEALABLE_MATCH = ["ACCEPTED", "DOCKED", "CLOSED"];

export interface DealQuery {
  needId?: number;
  enterpriseId?: number;
  societyId?: number;
  mode?: CooperationMode;
}

export interface NewDeal {
  need: NeedRow;
  responseId: number | null;
  matchId: number | null;
  mode: CooperationMode;
  contractSigned: boolean;
  signedOn: Date | null;
  amount: Amount;
  award: Amount;
  summary: string;
}

export class DealService {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
    private readonly notifier: Notifier,
  ) {}

  /** Deals the viewer may see, newest first. */
  list(ctx: Context, args: PageArgs, query: DealQuery): Promise<Page<DealRow>> {
    const where: PrismaTypes.DealWhereInput = {
      AND: [
        readableDeals(ctx.viewer),
        { need: readableNeeds(ctx.viewer) },
        ...(query.needId !== undefined ? [{ needId: query.needId }] : []),
        ...(query.enterpriseId !== undefined ? [{ need: { enterpriseId: query.enterpriseId } }] : []),
        ...(query.societyId !== undefined
          ? [{ OR: [{ response: { societyId: query.societyId } }, { match: { supplierKind: "SOCIETY" as const, supplierId: query.societyId } }, { match: memberExpertRows(query.societyId) }] }]
          : []),
        ...(query.mode ? [{ mode: query.mode }] : []),
      ],
    };
    return keysetPage(
      pageRequest(args),
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.deal.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.deal.count({ where }),
    );
  }

  /**
   * The need's enterprise (or ADMIN) records the outcome of an accepted response or an accepted match: an
   * ACCEPTED match becomes DOCKED, an OPEN need IN_DOCKING, and with resolveNeed the need is RESOLVED.
   */
  async record(ctx: Context, input: RecordDealInput): Promise<DealRow> {
    const viewer = actingUser(ctx.viewer);
    if (Boolean(input.matchId) === Boolean(input.responseId)) throw badInput("input.matchId", "Give exactly one of matchId and responseId");
    let need: NeedRow;
    let match: MatchRow | null = null;
    let response: ResponseRow | null = null;
    if (input.matchId) {
      const id = idOf("Match", input.matchId, "input.matchId");
      const found = id === null ? null : await this.prisma.match.findFirst({ where: { id, need: readableNeeds(viewer) }, include: { need: true } });
      if (!found) throw notFound("Match");
      if (!DEALABLE_MATCH.includes(found.status)) throw badInput("input.matchId", `The match is ${found.status}: accept it first`);
      ({ need, ...match } = found);
    } else {
      const id = idOf("Response", input.responseId!, "input.responseId");
      const found =
        id === null ? null : await this.prisma.response.findFirst({ where: { id, AND: [readableResponses(viewer), { need: readableNeeds(viewer) }] }, include: { need: true } });
      if (!found) throw notFound("Response");
      if (found.status !== "ACCEPTED") throw badInput("input.responseId", `The response is ${found.status}: accept it first`);
      ({ need, ...response } = found);
    }
    if (!ownsNeed(viewer, need)) throw forbidden("Only the need's enterprise or an ADMIN records its outcome");
    if (!["OPEN", "IN_DOCKING", "RESOLVED"].includes(need.status)) throw badInput("input", `The need is ${need.status}: no outcome can be recorded`);
    if (input.mode === "CHALLENGE_AWARD") throw badInput("input.mode", "A 揭榜挂帅 award is recorded with awardChallenge");
    validateContract(input.contractSigned ?? false, input.signedOn ?? null, "input");
    const amount = amountOf(input.value, input.amount, "input.value", "input.amount");
    const award = amountOf(input.awardValue, null, "input.awardValue", "input.awardValue");
    const deal = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      const events: HubEvent[] = [];
      const at = new Date();
      if (match && match.status === "ACCEPTED") {
        const moved = await tx.match.updateMany({ where: { id: match.id, status: "ACCEPTED" }, data: { status: "DOCKED", statusChangedAt: at } });
        if (!moved.count) throw conflict("input.matchId", "The match changed meanwhile; read it again");
        await logStatusChange(tx, ctx, { subject: "MATCH", needId: need.id, matchId: match.id, from: "ACCEPTED", to: "DOCKED", at });
        events.push({ topic: "matchStatusChanged", payload: statusEvent(match, "DOCKED") });
      }
      const { deal, events: told } = await this.createInTx(tx, ctx, {
        need,
        matchId: match?.id ?? null,
        responseId: response?.id ?? null,
        mode: input.mode,
        contractSigned: input.contractSigned ?? false,
        signedOn: input.signedOn ?? null,
        amount,
        award,
        summary: input.summary.trim(),
      });
      events.push(...told, ...(await this.advanceNeed(tx, ctx, need, input.resolveNeed === true, at)));
      emit(...events);
      return deal;
    });
    return deal;
  }

  /**
   * The need's enterprise or ADMIN corrects a recorded deal: only the fields given change; the audit row keeps
   * them before and after. The need's status is not touched (a deal recorded in error is voided instead).
   */
  async update(ctx: Context, dealId: number | null, input: UpdateDealInput): Promise<DealRow> {
    const deal = await this.editable(ctx, dealId);
    if (input.mode === "CHALLENGE_AWARD" && deal.mode !== "CHALLENGE_AWARD") throw badInput("input.mode", "A 揭榜挂帅 award is recorded with awardChallenge");
    if (input.mode && input.mode !== "CHALLENGE_AWARD" && deal.mode === "CHALLENGE_AWARD") throw badInput("input.mode", "A 揭榜挂帅 award stays one: void it instead");
    if ((input.awardAmount != null || input.awardValue != null) && deal.mode !== "CHALLENGE_AWARD") throw badInput("input.awardValue", "awardValue is for 揭榜挂帅 awards only");
    // Both money columns move together: the Decimal and the deprecated Int beside it (deal-money.ts).
    const amount = input.value != null || input.amount != null ? amountOf(input.value, input.amount, "input.value", "input.amount") : null;
    const award = input.awardValue != null || input.awardAmount != null ? amountOf(input.awardValue, input.awardAmount, "input.awardValue", "input.awardAmount") : null;
    const changes = {
      mode: input.mode ?? undefined,
      contractSigned: input.contractSigned ?? undefined,
      signedOn: input.signedOn ?? undefined,
      ...(amount ? { value: amount.value, amount: amount.int } : {}),
      ...(award ? { awardValue: award.value, awardAmount: award.int } : {}),
      summary: input.summary?.trim() || undefined,
    };
    // Unsigning drops the date that went with the signature.
    if (changes.contractSigned === false && changes.signedOn === undefined) Object.assign(changes, { signedOn: null });
    validateContract(changes.contractSigned ?? deal.contractSigned, changes.signedOn === undefined ? deal.signedOn : changes.signedOn, "input");
    const diff = changedFields(deal, changes);
    return unitOfWork(this.prisma, null, async (tx) => {
      const row = await tx.deal.update({ where: { id: deal.id }, data: changes });
      await recordAudit(tx, ctx, "deal.update", { type: "Deal", id: deal.id }, diff);
      return row;
    });
  }

  /** The need's enterprise or ADMIN voids a deal recorded in error: it leaves every list and count; audited. */
  async void(ctx: Context, dealId: number | null, reason: string): Promise<DealRow> {
    const deal = await this.editable(ctx, dealId);
    const why = reason.trim();
    if (why.length < 2 || why.length > 500) throw badInput("reason", "reason must be 2 to 500 characters long");
    return unitOfWork(this.prisma, null, async (tx) => {
      const voided = await tx.deal.updateMany({ where: { id: deal.id, voidedAt: null }, data: { voidedAt: new Date(), voidReason: why } });
      if (!voided.count) throw conflict("id", "The deal was voided meanwhile");
      const row = await tx.deal.findUniqueOrThrow({ where: { id: deal.id } });
      await recordAudit(tx, ctx, "deal.void", { type: "Deal", id: deal.id }, { before: { ...deal, need: undefined }, after: { voidedAt: row.voidedAt, voidReason: why } });
      return row;
    });
  }

  private async editable(ctx: Context, dealId: number | null) {
    const viewer = actingUser(ctx.viewer);
    const found =
      dealId === null ? null : await this.prisma.deal.findFirst({ where: { id: dealId, AND: [readableDeals(viewer), { need: readableNeeds(viewer) }] }, include: { need: true } });
    if (!found) throw notFound("Deal");
    if (!ownsNeed(viewer, found.need)) throw forbidden("Only the need's enterprise or an ADMIN may correct its deals");
    const { need: _need, ...deal } = found;
    return deal;
  }

  /** Writes the deal, its audit row and its notifications (the caller's transaction); returns the events to publish. */
  async createInTx(tx: Tx, ctx: Context, d: NewDeal): Promise<{ deal: DealRow; events: HubEvent[] }> {
    const deal = await tx.deal.create({
      data: {
        needId: d.need.id,
        matchId: d.matchId,
        responseId: d.responseId,
        mode: d.mode,
        contractSigned: d.contractSigned,
        signedOn: d.signedOn,
        amount: d.amount.int,
        value: d.amount.value,
        awardAmount: d.award.int,
        awardValue: d.award.value,
        summary: d.summary,
        recordedById: ctx.viewer.kind === "user" ? ctx.viewer.userId : null,
      },
    });
    await recordAudit(tx, ctx, "deal.record", { type: "Deal", id: deal.id }, { needId: d.need.id, matchId: d.matchId, responseId: d.responseId, mode: d.mode, value: d.amount.value, awardValue: d.award.value });
    const events = await this.notifier.notify(tx, [dealRecorded(d.need, deal, await supplierSide(tx, d))]);
    return { deal, events };
  }

  /** Docking starts with a deal; `resolve` also resolves the need. Returns the need's status events. */
  async advanceNeed(tx: Tx, ctx: Context, need: NeedRow, resolve: boolean, at: Date): Promise<HubEvent[]> {
    const events: HubEvent[] = [];
    if (await noteDocking(tx, ctx, need.id, at)) events.push({ topic: "needStatusChanged", payload: { needId: need.id, status: "IN_DOCKING" } });
    if (resolve) {
      const moved = await tx.techNeed.updateMany({ where: { id: need.id, status: "IN_DOCKING" }, data: { status: "RESOLVED", resolvedAt: at } });
      if (moved.count) {
        await logStatusChange(tx, ctx, { subject: "NEED", needId: need.id, from: "IN_DOCKING", to: "RESOLVED", at });
        await recordAudit(tx, ctx, "need.status", { type: "TechNeed", id: need.id }, { from: "IN_DOCKING", to: "RESOLVED" });
        events.push({ topic: "needStatusChanged", payload: { needId: need.id, status: "RESOLVED" } });
      }
    }
    return events;
  }
}

/** The deal's other party: the responding society and the experts it offered, or the matched supplier. */
async function supplierSide(tx: Tx, d: NewDeal): Promise<Audience[]> {
  if (d.responseId !== null) {
    const response = await tx.response.findUniqueOrThrow({ where: { id: d.responseId }, select: { societyId: true, experts: { select: { expertId: true } } } });
    return [{ society: response.societyId }, ...response.experts.map((e) => ({ expert: e.expertId }))];
  }
  if (d.matchId !== null) {
    return supplierAudience(supplierOfRow(await tx.match.findUniqueOrThrow({ where: { id: d.matchId } })));
  }
  return [];
}

export function validateContract(contractSigned: boolean, signedOn: Date | null, prefix: string): void {
  if (signedOn && !contractSigned) throw badInput(`${prefix}.signedOn`, "signedOn goes with contractSigned: true");
  if (signedOn && signedOn.getTime() > Date.now()) throw badInput(`${prefix}.signedOn`, "signedOn must not be in the future");
}
