import { actingUser } from "../../infra/auth/guards";
import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import type { PlatformRow, PrismaTypes } from "../../infra/db/rows";
import { forbidden, notFound } from "../../infra/errors";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { changedFields, recordAudit } from "../audit";
import { normaliseContact } from "../contact";
import type { MatchingService } from "../match";
import type { ReferenceService } from "../reference";
import type { CreatePlatformInput, PlatformFilter, UpdatePlatformInput } from "./platform.input";
import { containsText } from "../../infra/db/text-filter";
import { unitOfWork } from "../../infra/db/unit-of-work";

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
    const updated = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const row = await tx.innovationPlatform.update({ where: { id: platform.id }, data: { active } });
      await recordAudit(tx, ctx, active ? "platform.activate" : "platform.deactivate", { type: "InnovationPlatform", id: row.id });
      const ref = { kind: "PLATFORM" as const, id: row.id };
      if (!active) {
        await this.matching.removeSupplier(tx, ref);
        return row;
      }
      emit(...(await this.matching.rematchSupplier(tx, ref)));
      return row;
    });
    return updated;
  }

  /** ADMIN only. The new platform is matched against the open needs. */
  async create(ctx: Context, input: CreatePlatformInput): Promise<PlatformRow> {
    await this.reference.assertChainCodes(input.industryChainCodes, "input.industryChainCodes");
    if (input.regionCode) await this.reference.assertRegionCode(input.regionCode, "input.regionCode");
    const contact = input.contact ? (normaliseContact(input.contact, "input.contact") as unknown as PrismaTypes.InputJsonValue) : undefined;
    const platform = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const created = await tx.innovationPlatform.create({
        data: {
          name: input.name.trim(),
          kind: input.kind,
          capabilities: input.capabilities.trim(),
          regionCode: input.regionCode || null,
          onKczg: input.onKczg ?? false,
          kczgSince: input.onKczg ? new Date() : null,
          contact,
          chains: { create: [...new Set(input.industryChainCodes)].map((chainCode) => ({ chainCode })) },
        },
      });
      await recordAudit(tx, ctx, "platform.create", { type: "InnovationPlatform", id: created.id }, { name: created.name });
      emit(...(await this.matching.matchNewSupplier(tx, { kind: "PLATFORM", id: created.id })));
      return created;
    });
    return platform;
  }

  /**
   * ADMIN, or the platform's own users. Only the fields given change; when what matching reads changed (name,
   * capabilities, chains, region) the platform's profile is indexed again and it is matched afresh.
   */
  async update(ctx: Context, platformId: number | null, input: UpdatePlatformInput): Promise<PlatformRow> {
    const viewer = actingUser(ctx.viewer);
    const platform = platformId === null ? null : await this.prisma.innovationPlatform.findUnique({ where: { id: platformId }, include: { chains: true } });
    if (!platform) throw notFound("InnovationPlatform");
    if (viewer.role !== "ADMIN" && viewer.platformId !== platform.id) throw forbidden("Only ADMIN or the platform's own staff may correct a platform");
    if (input.industryChainCodes) await this.reference.assertChainCodes(input.industryChainCodes, "input.industryChainCodes");
    if (input.regionCode) await this.reference.assertRegionCode(input.regionCode, "input.regionCode");
    const chains = input.industryChainCodes ? [...new Set(input.industryChainCodes)].sort() : undefined;
    const data = {
      name: input.name?.trim() || undefined,
      capabilities: input.capabilities?.trim() || undefined,
      // "" clears the region
      regionCode: input.regionCode === undefined || input.regionCode === null ? undefined : input.regionCode || null,
      contact: input.contact ? normaliseContact(input.contact, "input.contact") : undefined,
    };
    const before = { ...platform, industryChainCodes: platform.chains.map((c) => c.chainCode).sort() };
    const diff = changedFields(before, { ...data, industryChainCodes: chains });
    const rematch = ["name", "capabilities", "regionCode", "industryChainCodes"].some((field) => field in diff.after);
    const updated = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const row = await tx.innovationPlatform.update({
        where: { id: platform.id },
        data: {
          ...data,
          contact: data.contact as unknown as PrismaTypes.InputJsonValue | undefined,
          chains: chains ? { deleteMany: {}, create: chains.map((chainCode) => ({ chainCode })) } : undefined,
        },
      });
      await recordAudit(tx, ctx, "platform.update", { type: "InnovationPlatform", id: row.id }, diff);
      emit(...(rematch && row.active ? await this.matching.rematchSupplier(tx, { kind: "PLATFORM", id: row.id }) : []));
      return row;
    });
    return updated;
  }
}
