import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { badInput, forbidden, notFound } from "../../infra/errors";
import { idOf } from "../../infra/relay/global-id";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { recordAudit } from "../audit";
import type { CreateWorkstationInput } from "./workstation.input";
import { unitOfWork } from "../../infra/db/unit-of-work";

export type WorkstationRow = PrismaTypes.ExpertWorkstationGetPayload<object>;

export interface WorkstationQuery {
  societyId?: number;
  enterpriseId?: number;
  activeOn?: Date;
}

/** 学会专家工作站: created by ADMIN or by the society for itself; a public programme fact every signed-in user may list. */
export class WorkstationService {
  constructor(private readonly prisma: Prisma) {}

  list(_ctx: Context, args: PageArgs, query: WorkstationQuery): Promise<Page<WorkstationRow>> {
    const where: PrismaTypes.ExpertWorkstationWhereInput = {
      ...(query.societyId !== undefined ? { societyId: query.societyId } : {}),
      ...(query.enterpriseId !== undefined ? { enterpriseId: query.enterpriseId } : {}),
      ...(query.activeOn ? { startsOn: { lte: query.activeOn }, OR: [{ endsOn: null }, { endsOn: { gte: query.activeOn } }] } : {}),
    };
    return keysetPage(
      pageRequest(args),
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.expertWorkstation.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.expertWorkstation.count({ where }),
    );
  }

  async create(ctx: Context, input: CreateWorkstationInput): Promise<WorkstationRow> {
    const viewer = actingUser(ctx.viewer);
    const societyId = idOf("Society", input.societyId, "input.societyId");
    const enterpriseId = idOf("Enterprise", input.enterpriseId, "input.enterpriseId");
    const society = societyId === null ? null : await this.prisma.society.findFirst({ where: { id: societyId, active: true } });
    if (!society) throw notFound("Society");
    if (viewer.role === "SOCIETY" && viewer.societyId !== society.id) throw forbidden("A society may set up workstations for itself only");
    if (enterpriseId === null || !(await this.prisma.enterprise.count({ where: { id: enterpriseId } }))) throw notFound("Enterprise");
    if (input.endsOn && input.endsOn.getTime() <= input.startsOn.getTime()) throw badInput("input.endsOn", "endsOn must be after startsOn");
    const expertIds = [...new Set(input.expertIds.map((gid, i) => idOf("Expert", gid, `input.expertIds.${i}`) ?? -1))];
    const members = await this.prisma.societyMembership.count({ where: { societyId: society.id, expertId: { in: expertIds } } });
    if (members !== expertIds.length) throw badInput("input.expertIds", "Every expert of a workstation must be a member of its society");
    return unitOfWork(this.prisma, null, async (tx) => {
      const created = await tx.expertWorkstation.create({
        data: {
          name: input.name.trim(),
          societyId: society.id,
          enterpriseId,
          description: input.description?.trim() ?? "",
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
          experts: { create: expertIds.map((expertId) => ({ expertId })) },
        },
      });
      await recordAudit(tx, ctx, "workstation.create", { type: "ExpertWorkstation", id: created.id }, { societyId: society.id, enterpriseId, expertIds });
      return created;
    });
  }
}
