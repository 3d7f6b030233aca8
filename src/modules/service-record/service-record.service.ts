import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { badInput, conflictOnDuplicate, forbidden, notFound } from "../../infra/errors";
import { localDay } from "../../infra/local-time";
import { idOf } from "../../infra/relay/global-id";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import type { ServiceKind } from "../../generated/prisma/enums";
import { readableNeeds } from "../access";
import { recordAudit } from "../audit";
import type { LogServiceInput } from "./service-record.input";
import { unitOfWork } from "../../infra/db/unit-of-work";

export type ServiceRecordRow = PrismaTypes.ServiceRecordGetPayload<object>;

export interface ServiceRecordQuery {
  societyId?: number;
  enterpriseId?: number;
  needId?: number;
  workstationId?: number;
  kind?: ServiceKind;
}

/** Service records are seen by the society that served, the enterprise served, ADMIN and ANALYST. */
export function readableServiceRecords(viewer: Viewer): PrismaTypes.ServiceRecordWhereInput {
  if (viewer.kind === "anonymous") return { id: -1 };
  if (seesEverything(viewer)) return {};
  const own: PrismaTypes.ServiceRecordWhereInput[] = [];
  if (viewer.societyId) own.push({ societyId: viewer.societyId });
  if (viewer.enterpriseId) own.push({ enterpriseId: viewer.enterpriseId });
  return own.length ? { OR: own } : { id: -1 };
}

export class ServiceRecordService {
  constructor(
    private readonly prisma: Prisma,
    /** HUB_TIME_ZONE: a record's day is the local one. */
    private readonly timeZone: string,
  ) {}

  list(ctx: Context, args: PageArgs, query: ServiceRecordQuery): Promise<Page<ServiceRecordRow>> {
    const where: PrismaTypes.ServiceRecordWhereInput = {
      AND: [
        readableServiceRecords(ctx.viewer),
        {
          ...(query.societyId !== undefined ? { societyId: query.societyId } : {}),
          ...(query.enterpriseId !== undefined ? { enterpriseId: query.enterpriseId } : {}),
          ...(query.needId !== undefined ? { needId: query.needId } : {}),
          ...(query.workstationId !== undefined ? { workstationId: query.workstationId } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
        },
      ],
    };
    return keysetPage(
      pageRequest(args),
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.serviceRecord.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.serviceRecord.count({ where }),
    );
  }

  /** ADMIN, or SOCIETY for its own society. A need named must be the enterprise's; a workstation, the society's there. */
  async log(ctx: Context, input: LogServiceInput): Promise<ServiceRecordRow> {
    const viewer = actingUser(ctx.viewer);
    const societyId = idOf("Society", input.societyId, "input.societyId");
    const society = societyId === null ? null : await this.prisma.society.findFirst({ where: { id: societyId, active: true } });
    if (!society) throw notFound("Society");
    if (viewer.role === "SOCIETY" && viewer.societyId !== society.id) throw forbidden("A society logs its own service only");
    const enterpriseId = idOf("Enterprise", input.enterpriseId, "input.enterpriseId");
    if (enterpriseId === null || !(await this.prisma.enterprise.count({ where: { id: enterpriseId } }))) throw notFound("Enterprise");
    let needId: number | null = null;
    if (input.needId) {
      const id = idOf("TechNeed", input.needId, "input.needId");
      const need = id === null ? null : await this.prisma.techNeed.findFirst({ where: { id, AND: [readableNeeds(viewer)] } });
      if (!need) throw notFound("TechNeed");
      if (need.enterpriseId !== enterpriseId) throw badInput("input.needId", "The need is not the served enterprise's");
      needId = need.id;
    }
    let workstationId: number | null = null;
    if (input.workstationId) {
      const id = idOf("ExpertWorkstation", input.workstationId, "input.workstationId");
      const ws = id === null ? null : await this.prisma.expertWorkstation.findUnique({ where: { id } });
      if (!ws) throw notFound("ExpertWorkstation");
      if (ws.societyId !== society.id || ws.enterpriseId !== enterpriseId) throw badInput("input.workstationId", "The workstation is not this society's at this enterprise");
      workstationId = ws.id;
    }
    // A day of slack for time zones: 今天 in Nanyang may still be tomorrow in UTC.
    if (input.servedOn.getTime() > Date.now() + 86_400_000) throw badInput("input.servedOn", "servedOn must not be in the future");
    const hours = input.hours ?? 0;
    if (!Number.isFinite(hours) || hours < 0 || hours > 24) throw badInput("input.hours", "hours must be from 0 to 24");
    const participantIds = await this.participants(society.id, input.participantIds ?? []);
    const servedDay = localDay(input.servedOn, this.timeZone);
    const created = await unitOfWork(this.prisma, null, async (tx) => {
      const created = await tx.serviceRecord.create({
        data: {
          societyId: society.id,
          enterpriseId,
          needId,
          workstationId,
          kind: input.kind,
          servedOn: input.servedOn,
          summary: input.summary.trim(),
          recordedById: viewer.userId,
          hours,
          servedDay,
          participants: { create: participantIds.map((expertId) => ({ expertId })) },
        },
      });
      await recordAudit(tx, ctx, "service.log", { type: "ServiceRecord", id: created.id }, { societyId: society.id, enterpriseId, needId, kind: input.kind, servedDay, hours, participantIds });
      // NOTIFY(issue 27): service logged → the served enterprise's users, asking them to confirm it.
      return created;
    }).catch(conflictOnDuplicate("input.servedOn", `The society already logged a ${input.kind} service at this enterprise on ${servedDay}`));
    return created;
  }

  /** The experts who served: active members of the society, each once. */
  private async participants(societyId: number, gids: string[]): Promise<number[]> {
    const ids = [...new Set(gids.map((g) => idOf("Expert", g, "input.participantIds") ?? -1))];
    if (ids.length > 50) throw badInput("input.participantIds", "At most 50 participants");
    if (!ids.length) return [];
    const members = await this.prisma.expert.count({ where: { id: { in: ids }, active: true, memberships: { some: { societyId } } } });
    if (members !== ids.length) throw badInput("input.participantIds", "Participants are active experts of the society");
    return ids;
  }

  /** The enterprise served (its users) or ADMIN confirms the service took place; only then does it count. Once. */
  async confirm(ctx: Context, id: number | null): Promise<ServiceRecordRow> {
    const viewer = actingUser(ctx.viewer);
    const record = id === null ? null : await this.prisma.serviceRecord.findFirst({ where: { id, AND: [readableServiceRecords(viewer)] } });
    if (!record) throw notFound("ServiceRecord");
    if (viewer.role !== "ADMIN" && viewer.enterpriseId !== record.enterpriseId) throw forbidden("Only the enterprise served or an ADMIN confirms a service record");
    if (record.confirmedAt) throw badInput("id", "The service record was confirmed already");
    return unitOfWork(this.prisma, null, async (tx) => {
      const at = new Date();
      const moved = await tx.serviceRecord.updateMany({ where: { id: record.id, confirmedAt: null }, data: { confirmedAt: at, confirmedById: viewer.userId } });
      const row = await tx.serviceRecord.findUniqueOrThrow({ where: { id: record.id } });
      if (moved.count) {
        await recordAudit(tx, ctx, "service.confirm", { type: "ServiceRecord", id: record.id }, { societyId: record.societyId, enterpriseId: record.enterpriseId });
        // NOTIFY(issue 27): service record confirmed → the society's users.
      }
      return row;
    });
  }
}
