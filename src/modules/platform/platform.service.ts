import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import type { PlatformRow, PrismaTypes } from "../../infra/db/rows";
import { notFound } from "../../infra/errors";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { recordAudit } from "../audit/audit.service";
import type { MatchingService } from "../match/matching.service";
import type { ReferenceService } from "../reference/reference.service";
import type { CreatePlatformInput, PlatformFilter } from "./platform.input";
import { containsText } from "../../infra/db/text-filter";

export class PlatformService {
  constructor(
    private readonly prisma: Prisma,
    private readonly reference: ReferenceService,
    private readonly matching: MatchingService,
  ) {}

  list(_ctx: Context, args: PageArgs, filter: PlatformFilter | null | undefined): Promise<Page<PlatformRow>> {
    const where: PrismaTypes.InnovationPlatformWhereInput = {
      active: true,
      ...(filter?.kind ? { kind: filter.kind } : {}),
      ...(filter?.regionCode ? { regionCode: filter.regionCode } : {}),
      ...(filter?.industryChainCode ? { chains: { some: { chainCode: filter.industryChainCode } } } : {}),
      ...(filter?.text ? { OR: [{ name: containsText(filter.text) }, { capabilities: containsText(filter.text) }] } : {}),
    };
    return keysetPage(
      pageRequest(args),
      "asc",
      ({ take, idAfter, orderBy }) => this.prisma.innovationPlatform.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.innovationPlatform.count({ where }),
    );
  }

  /** ADMIN only. Inactive platforms leave the directory and every suggestion; activating matches them again. */
  async setActive(ctx: Context, platformId: number | null, active: boolean): Promise<PlatformRow> {
    const platform = platformId === null ? null : await this.prisma.innovationPlatform.findUnique({ where: { id: platformId } });
    if (!platform) throw notFound("InnovationPlatform");
    const { updated, events } = await this.prisma.$transaction(async (tx) => {
      const row = await tx.innovationPlatform.update({ where: { id: platform.id }, data: { active } });
      await recordAudit(tx, ctx, active ? "platform.activate" : "platform.deactivate", { type: "InnovationPlatform", id: row.id });
      const ref = { kind: "PLATFORM" as const, id: row.id };
      if (!active) {
        await this.matching.removeSupplier(tx, ref);
        return { updated: row, events: [] };
      }
      return { updated: row, events: await this.matching.rematchSupplier(tx, ref) };
    });
    this.matching.publish(events);
    return updated;
  }

  /** ADMIN only. The new platform is matched against the open needs. */
  async create(ctx: Context, input: CreatePlatformInput): Promise<PlatformRow> {
    await this.reference.assertChainCodes(input.industryChainCodes, "input.industryChainCodes");
    if (input.regionCode) await this.reference.assertRegionCode(input.regionCode, "input.regionCode");
    const { platform, events } = await this.prisma.$transaction(async (tx) => {
      const created = await tx.innovationPlatform.create({
        data: {
          name: input.name.trim(),
          kind: input.kind,
          capabilities: input.capabilities.trim(),
          regionCode: input.regionCode || null,
          onKczg: input.onKczg ?? false,
          kczgSince: input.onKczg ? new Date() : null,
          chains: { create: [...new Set(input.industryChainCodes)].map((chainCode) => ({ chainCode })) },
        },
      });
      await recordAudit(tx, ctx, "platform.create", { type: "InnovationPlatform", id: created.id }, { name: created.name });
      return { platform: created, events: await this.matching.matchNewSupplier(tx, { kind: "PLATFORM", id: created.id }) };
    });
    this.matching.publish(events);
    return platform;
  }
}
