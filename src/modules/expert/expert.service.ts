import type { Context } from "../../context/context";
import { requireRole } from "../../infra/auth/guards";
import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { ExpertRow, PrismaTypes } from "../../infra/db/rows";
import { forbidden, notFound } from "../../infra/errors";
import { idOf } from "../../infra/relay/global-id";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { recordAudit } from "../audit/audit.service";
import type { MatchingService } from "../match/matching.service";
import type { ReferenceService } from "../reference/reference.service";
import type { CreateExpertInput } from "./expert.input";

export interface ExpertQuery {
  societyIds?: number[];
  chainCode?: string;
  text?: string;
}

export class ExpertService {
  constructor(
    private readonly prisma: Prisma,
    private readonly reference: ReferenceService,
    private readonly matching: MatchingService,
  ) {}

  list(_ctx: Context, args: PageArgs, query: ExpertQuery): Promise<Page<ExpertRow>> {
    const where: PrismaTypes.ExpertWhereInput = {
      active: true,
      ...(query.societyIds ? { memberships: { some: { societyId: { in: query.societyIds } } } } : {}),
      ...(query.chainCode ? { chains: { some: { chainCode: query.chainCode } } } : {}),
      ...(query.text
        ? { OR: [{ name: { contains: query.text } }, { expertise: { contains: query.text } }, { keywords: { has: query.text } }] }
        : {}),
    };
    return keysetPage(
      pageRequest(args),
      "asc",
      ({ take, idAfter, orderBy }) => this.prisma.expert.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.expert.count({ where }),
    );
  }

  /** ADMIN, or a SOCIETY user for its own society. The new expert is matched against the open needs. */
  async create(ctx: Context, input: CreateExpertInput): Promise<ExpertRow> {
    const viewer = requireRole(ctx.viewer, "ADMIN", "SOCIETY");
    const societyIds = await this.societyIdsFor(viewer, input.societyIds ?? []);
    await this.reference.assertChainCodes(input.industryChainCodes, "input.industryChainCodes");
    const { expert, events } = await this.prisma.$transaction(async (tx) => {
      const created = await tx.expert.create({
        data: {
          name: input.name.trim(),
          title: input.title?.trim() || null,
          affiliation: input.affiliation?.trim() || null,
          expertise: input.expertise.trim(),
          keywords: [...new Set((input.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
          capacity: input.capacity ?? 3,
          isYoungTalent: input.isYoungTalent ?? false,
          email: input.email ?? null,
          phone: input.phone ?? null,
          chains: { create: [...new Set(input.industryChainCodes)].map((chainCode) => ({ chainCode })) },
          memberships: { create: societyIds.map((societyId) => ({ societyId })) },
        },
      });
      await recordAudit(tx, ctx, "expert.create", { type: "Expert", id: created.id }, { name: created.name, societyIds });
      // The expert's societies are matched through their experts, so they change too.
      const changed = [{ kind: "EXPERT" as const, id: created.id }, ...societyIds.map((id) => ({ kind: "SOCIETY" as const, id }))];
      return { expert: created, events: await this.matching.matchChangedSuppliers(tx, changed) };
    });
    this.matching.publish(events);
    return expert;
  }

  private async societyIdsFor(viewer: Viewer & { kind: "user" }, globalIds: string[]): Promise<number[]> {
    const ids = [...new Set(globalIds.map((gid, i) => idOf("Society", gid, `input.societyIds.${i}`) ?? -1))];
    if (viewer.role === "SOCIETY") {
      if (ids.length === 0) return [viewer.societyId!];
      if (ids.some((id) => id !== viewer.societyId)) throw forbidden("A society may add experts to its own society only");
      return ids;
    }
    const found = await this.prisma.society.count({ where: { id: { in: ids }, active: true } });
    if (found !== ids.length) throw notFound("Society");
    return ids;
  }

  /** Contact details: the expert, the societies they belong to, ADMIN and ANALYST. */
  async mayReadContact(viewer: Viewer, expertId: number, societyIdsOfExpert: () => Promise<number[]>): Promise<boolean> {
    if (viewer.kind === "anonymous") return false;
    if (seesEverything(viewer) || viewer.expertId === expertId) return true;
    return viewer.societyId !== null && (await societyIdsOfExpert()).includes(viewer.societyId);
  }
}
