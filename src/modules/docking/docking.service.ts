import type { Context } from "../../context/context";
import { supplierKeyOf, supplierOfRow } from "../supplier";
import { actingUser } from "../../infra/auth/guards";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { badInput, conflict, forbidden, notFound } from "../../infra/errors";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { decodeGlobalId, idOf } from "../../infra/relay/global-id";
import type { DockingOutcome } from "../../generated/prisma/enums";
import { ownsNeed, readableNeeds } from "../access";
import { readableResponses } from "../access";
import { recordAudit } from "../audit";
import { dockingScheduled, type DockingChange, type Notifier } from "../notification";
import { noteDocking } from "../workflow";
import { actsForSupplier, readableDockings, type DockingRow } from "./docking-access";
import { dockingCalendar } from "./docking-ical";
import type { ScheduleDockingInput } from "./docking.input";
import { dockingFromInvitation, NEED_FIELDS, type DockingSource } from "./invitation-docking";
import { unitOfWork } from "../../infra/db/unit-of-work";

type Tx = PrismaTypes.TransactionClient;

export interface DockingSettings {
  timeZone: string;
  publicUrl: string;
}

interface Place {
  startsAt: Date;
  place: string | null;
  onlineUrl: string | null;
}


export class DockingService {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
    private readonly notifier: Notifier,
    private readonly settings: DockingSettings,
  ) {}

  /** A docking as the viewer may see it, or null (missing and invisible look the same). */
  visible(ctx: Context, id: number): Promise<DockingRow | null> {
    return this.prisma.docking.findFirst({ where: { id, AND: [readableDockings(ctx.viewer)] } });
  }

  /** The docking's iCalendar file for a viewer who may see it; null otherwise. */
  async calendar(ctx: Context, globalId: string): Promise<string | null> {
    const decoded = decodeGlobalId(globalId);
    const id = decoded?.type === "Docking" ? decoded.id : null;
    const d = id === null ? null : await this.prisma.docking.findFirst({ where: { id, AND: [readableDockings(ctx.viewer)] }, include: { need: { select: { title: true } } } });
    return d ? dockingCalendar(d, d.need, this.settings.publicUrl) : null;
  }

  /** Either side of an ACCEPTED response or invitation, or ADMIN, arranges a docking; both sides are told. */
  async schedule(ctx: Context, input: ScheduleDockingInput): Promise<DockingRow> {
    const viewer = actingUser(ctx.viewer);
    if (Boolean(input.invitationId) === Boolean(input.responseId)) throw badInput("input.responseId", "Give exactly one of invitationId and responseId");
    const source = input.invitationId ? await dockingFromInvitation(this.prisma, viewer, input.invitationId) : await this.fromResponse(ctx, input.responseId!);
    if (!ownsNeed(viewer, source.need) && !source.viewerIsSupplier) throw forbidden("Only the need's enterprise, the supplier's side or an ADMIN arranges a docking");
    if (!["OPEN", "IN_DOCKING"].includes(source.need.status)) throw badInput("input", `The need is ${source.need.status}: no docking can be arranged`);
    const when = validPlace({ startsAt: input.startsAt, place: input.place ?? null, onlineUrl: input.onlineUrl ?? null }, "input.");
    const note = input.note?.trim() || null;
    if (note && note.length > 2000) throw badInput("input.note", "A note of at most 2000 characters");
    return this.write(source.need, "SCHEDULED", async (tx) => {
      const d = await tx.docking.create({
        data: {
          needId: source.need.id,
          ...supplierKeyOf(source.supplier),
          responseId: source.responseId,
          invitationId: source.invitationId,
          ...when,
          note,
          createdById: viewer.userId,
        },
      });
      await recordAudit(tx, ctx, "docking.schedule", { type: "Docking", id: d.id }, { needId: d.needId, responseId: d.responseId, invitationId: d.invitationId, ...when });
      return d;
    });
  }

  /** Moves a SCHEDULED docking (a place or link left out stays as it was); both sides are told. */
  async reschedule(ctx: Context, globalId: string, startsAt: Date, place: string | null | undefined, onlineUrl: string | null | undefined): Promise<DockingRow> {
    // What the input alone shows wrong is said before the docking is looked up (it tells nothing about the docking).
    if (startsAt.getTime() <= Date.now()) throw badInput("startsAt", "startsAt must be in the future");
    const { docking, need } = await this.loadForChange(ctx, globalId);
    const when = validPlace({ startsAt, place: place === undefined ? docking.place : place, onlineUrl: onlineUrl === undefined ? docking.onlineUrl : onlineUrl }, "");
    return this.write(need, "MOVED", async (tx) => {
      const d = await this.moveScheduled(tx, docking.id, when);
      await recordAudit(tx, ctx, "docking.reschedule", { type: "Docking", id: d.id }, { before: pick(docking), after: when });
      return d;
    });
  }

  /** Cancels a SCHEDULED docking with a reason; both sides are told. */
  async cancel(ctx: Context, globalId: string, reason: string): Promise<DockingRow> {
    const why = reason.trim();
    if (why.length < 2) throw badInput("reason", "Say why the docking is cancelled");
    const { docking, need } = await this.loadForChange(ctx, globalId);
    return this.write(need, "CANCELLED", async (tx) => {
      const d = await this.moveScheduled(tx, docking.id, { status: "CANCELLED", cancelReason: why });
      await recordAudit(tx, ctx, "docking.cancel", { type: "Docking", id: d.id }, { reason: why });
      return d;
    });
  }

  /**
   * A docking that took place: HELD with its outcome and minutes (only once its start has passed). The need, if
   * OPEN, moves to IN_DOCKING (status log); its time to docking becomes the first held docking's start.
   */
  async recordOutcome(ctx: Context, globalId: string, outcome: DockingOutcome, minutes: string): Promise<DockingRow> {
    const text = minutes.trim();
    if (!text) throw badInput("minutes", "Write the minutes of the docking");
    const { docking, need } = await this.loadForChange(ctx, globalId);
    if (docking.startsAt.getTime() > Date.now()) throw badInput("id", "The docking has not started yet: record its outcome once it is held");
    const row = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      const row = await this.moveScheduled(tx, docking.id, { status: "HELD", outcome, minutes: text });
      await recordAudit(tx, ctx, "docking.outcome", { type: "Docking", id: row.id }, { outcome });
      const events: HubEvent[] = [];
      if (await noteDocking(tx, ctx, need.id, new Date())) events.push({ topic: "needStatusChanged", payload: { needId: need.id, status: "IN_DOCKING" } });
      // Time to docking: the first docking actually held, not the moment a response was accepted.
      const earlier = await tx.docking.count({ where: { needId: need.id, status: "HELD", startsAt: { lt: row.startsAt } } });
      if (!earlier) await tx.techNeed.update({ where: { id: need.id }, data: { dockedAt: row.startsAt } });
      emit(...events);
      return row;
    });
    return row;
  }

  private async fromResponse(ctx: Context, responseGlobalId: string): Promise<DockingSource> {
    const viewer = ctx.viewer;
    const id = idOf("Response", responseGlobalId, "input.responseId");
    const found =
      id === null
        ? null
        : await this.prisma.response.findFirst({ where: { id, AND: [readableResponses(viewer), { need: readableNeeds(viewer) }] }, include: { need: { select: NEED_FIELDS } } });
    if (!found) throw notFound("Response");
    if (found.status !== "ACCEPTED") throw badInput("input.responseId", `The response is ${found.status}: accept it first`);
    const viewerIsSupplier = viewer.kind === "user" && viewer.societyId === found.societyId;
    return { need: found.need, supplier: { kind: "SOCIETY", id: found.societyId }, responseId: found.id, invitationId: null, viewerIsSupplier };
  }

  /** A SCHEDULED docking the viewer may act on: NOT_FOUND for a third party, FORBIDDEN for a reader who is no side. */
  private async loadForChange(ctx: Context, globalId: string) {
    const viewer = actingUser(ctx.viewer);
    const id = idOf("Docking", globalId, "id");
    const found = id === null ? null : await this.prisma.docking.findFirst({ where: { id, AND: [readableDockings(viewer)] }, include: { need: { select: NEED_FIELDS } } });
    if (!found) throw notFound("Docking");
    const { need, ...docking } = found;
    if (!ownsNeed(viewer, need) && !actsForSupplier(viewer, docking)) throw forbidden("Only the two sides of a docking or an ADMIN change it");
    if (docking.status !== "SCHEDULED") throw badInput("id", `The docking is ${docking.status}`);
    return { docking, need };
  }

  /** Moves a docking that is still SCHEDULED (CONFLICT when another request changed it first). */
  private async moveScheduled(tx: Tx, id: number, data: PrismaTypes.DockingUpdateManyMutationInput): Promise<DockingRow> {
    const moved = await tx.docking.updateMany({ where: { id, status: "SCHEDULED" }, data });
    if (!moved.count) throw conflict("id", "The docking changed meanwhile; read it again");
    return tx.docking.findUniqueOrThrow({ where: { id } });
  }

  /** Writes the change and tells both sides (mail with the .ics) in one transaction; publishes after commit. */
  private async write(need: DockingSource["need"], change: DockingChange, apply: (tx: Tx) => Promise<DockingRow>): Promise<DockingRow> {
    const row = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      const row = await apply(tx);
      const note = dockingScheduled(need, { id: row.id, startsAt: row.startsAt, supplier: supplierOf(row) }, change, this.settings.timeZone);
      const ics = dockingCalendar(row, need, this.settings.publicUrl);
      note.attachments = [{ filename: `docking-${row.id}.ics`, content: ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }];
      emit(...(await this.notifier.notify(tx, [note])));
      return row;
    });
    return row;
  }
}

export function supplierOf(d: DockingRow) {
  return supplierOfRow(d);
}

const pick = (d: DockingRow): Place => ({ startsAt: d.startsAt, place: d.place, onlineUrl: d.onlineUrl });

/** A start in the future and a place or an online link (http or https). */
function validPlace(p: Place, prefix: string): Place {
  if (!(p.startsAt instanceof Date) || Number.isNaN(p.startsAt.getTime()) || p.startsAt.getTime() <= Date.now()) throw badInput(`${prefix}startsAt`, "The docking must start in the future");
  const place = p.place?.trim() || null;
  const onlineUrl = p.onlineUrl?.trim() || null;
  if (!place && !onlineUrl) throw badInput(`${prefix}place`, "Give a place or an online meeting link (onlineUrl)");
  if (place && place.length > 300) throw badInput(`${prefix}place`, "A place of at most 300 characters");
  if (onlineUrl && !/^https?:\/\/[^\s]+$/i.test(onlineUrl)) throw badInput(`${prefix}onlineUrl`, "An online link starts with http:// or https://");
  return { startsAt: p.startsAt, place, onlineUrl };
}
