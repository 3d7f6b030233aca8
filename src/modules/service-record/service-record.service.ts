import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { badInput, forbidden, notFound } from "../../infra/errors";
import { idOf } from "../../infra/relay/global-id";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import type { ServiceKind } from "../../generated/prisma/enums";
import { readableNeeds } from "../access/need-access";
import { recordAudit } from "../audit/audit.service";
import type { LogServiceInput } from "./service-record.input";

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
  constructor(private readonly prisma: Prisma) {}

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
    return this.prisma.$transaction(async (tx) => {
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
        },
      });
      await recordAudit(tx, ctx, "service.log", { type: "ServiceRecord", id: created.id }, { societyId: society.id, enterpriseId, needId, kind: input.kind });
      return created;
    });
  }
}
