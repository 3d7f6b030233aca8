import { actingUser } from "../../infra/auth/guards";
import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import type { EnterpriseRow, PrismaTypes } from "../../infra/db/rows";
import { badInput, conflict, conflictOnDuplicate, forbidden, notFound } from "../../infra/errors";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { changedFields, recordAudit } from "../audit";
import { normaliseContact } from "../contact";
import type { ReferenceService } from "../reference";
import { creditCodeProblem } from "./credit-code";
import type { CreateEnterpriseInput, EnterpriseFilter, UpdateEnterpriseInput } from "./enterprise.input";
import { containsText } from "../../infra/db/text-filter";
import { unitOfWork } from "../../infra/db/unit-of-work";

export const DUPLICATE_CREDIT_CODE = "An enterprise with this creditCode exists already";

export class EnterpriseService {
  constructor(
    private readonly prisma: Prisma,
    private readonly reference: ReferenceService,
  ) {}

  list(_ctx: Context, args: PageArgs, filter: EnterpriseFilter | null | undefined): Promise<Page<EnterpriseRow>> {
    const where: PrismaTypes.EnterpriseWhereInput = {
      ...(filter?.regionCode ? { regionCode: filter.regionCode } : {}),
      ...(filter?.industryChainCode ? { chains: { some: { chainCode: filter.industryChainCode } } } : {}),
      ...(filter?.text ? { name: containsText(filter.text, "insensitive") } : {}),
    };
    return keysetPage(
      pageRequest(args),
      "asc",
      ({ take, idAfter, orderBy }) => this.prisma.enterprise.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.enterprise.count({ where }),
    );
  }

  async create(ctx: Context, input: CreateEnterpriseInput): Promise<EnterpriseRow> {
    await this.checkNew(input, "input");
    return unitOfWork(this.prisma, null, (tx) => this.insert(tx, ctx, input)).catch(conflictOnDuplicate("input.creditCode", DUPLICATE_CREDIT_CODE));
  }

  /** What createEnterprise checks before writing (also at registration and approval); `prefix` names the input. */
  async checkNew(input: CreateEnterpriseInput, prefix: string): Promise<void> {
    const creditCode = input.creditCode.trim().toUpperCase();
    const problem = creditCodeProblem(creditCode);
    if (problem) throw badInput(`${prefix}.creditCode`, `creditCode: ${problem}`);
    await this.reference.assertRegionCode(input.regionCode, `${prefix}.regionCode`);
    await this.reference.assertChainCodes(input.industryChainCodes, `${prefix}.industryChainCodes`);
    if (input.contact) normaliseContact(input.contact, `${prefix}.contact`);
    if (await this.prisma.enterprise.count({ where: { creditCode } })) throw conflict(`${prefix}.creditCode`, DUPLICATE_CREDIT_CODE);
  }

  /** Writes a checked enterprise and its audit row in the caller's transaction. */
  async insert(tx: PrismaTypes.TransactionClient, ctx: Context, input: CreateEnterpriseInput): Promise<EnterpriseRow> {
    const contact = input.contact ? normaliseContact(input.contact, "input.contact") : null;
    const enterprise = await tx.enterprise.create({
      data: {
        name: input.name.trim(),
        creditCode: input.creditCode.trim().toUpperCase(),
        regionCode: input.regionCode,
        designations: input.designations ?? [],
        hasRdAccount: input.hasRdAccount ?? false,
        onKczg: input.onKczg ?? false,
        kczgSince: input.onKczg ? new Date() : null,
        contact: (contact ?? undefined) as PrismaTypes.InputJsonValue | undefined,
        chains: { create: [...new Set(input.industryChainCodes)].map((chainCode) => ({ chainCode })) },
      },
    });
    await recordAudit(tx, ctx, "enterprise.create", { type: "Enterprise", id: enterprise.id }, { name: enterprise.name });
    return enterprise;
  }

  /** ADMIN, or the enterprise's own users. Only the fields given change; the audit row keeps them before and after. */
  async update(ctx: Context, enterpriseId: number | null, input: UpdateEnterpriseInput): Promise<EnterpriseRow> {
    const viewer = actingUser(ctx.viewer);
    const enterprise = enterpriseId === null ? null : await this.prisma.enterprise.findUnique({ where: { id: enterpriseId }, include: { chains: true } });
    if (!enterprise) throw notFound("Enterprise");
    if (viewer.role === "ENTERPRISE" && viewer.enterpriseId !== enterprise.id) throw forbidden("An enterprise user may correct its own enterprise only");
    if (input.regionCode != null) await this.reference.assertRegionCode(input.regionCode, "input.regionCode");
    if (input.industryChainCodes != null) await this.reference.assertChainCodes(input.industryChainCodes, "input.industryChainCodes");
    const contact = input.contact ? normaliseContact(input.contact, "input.contact") : undefined;
    const chains = input.industryChainCodes ? [...new Set(input.industryChainCodes)].sort() : undefined;
    const onKczg = input.onKczg ?? undefined;
    const data = {
      name: input.name?.trim() || undefined,
      regionCode: input.regionCode ?? undefined,
      designations: input.designations ?? undefined,
      hasRdAccount: input.hasRdAccount ?? undefined,
      onKczg,
      // The 科创中国 date is when the flag was first set; unsetting clears it.
      kczgSince: onKczg === undefined || onKczg === enterprise.onKczg ? undefined : onKczg ? new Date() : null,
      contact,
    };
    const before = { ...enterprise, industryChainCodes: enterprise.chains.map((c) => c.chainCode).sort() };
    const diff = changedFields(before, { ...data, industryChainCodes: chains });
    const row = await unitOfWork(this.prisma, null, async (tx) => {
      const row = await tx.enterprise.update({
        where: { id: enterprise.id },
        data: { ...data, contact: contact as PrismaTypes.InputJsonValue | undefined, chains: chains ? { deleteMany: {}, create: chains.map((chainCode) => ({ chainCode })) } : undefined },
      });
      await recordAudit(tx, ctx, "enterprise.update", { type: "Enterprise", id: row.id }, diff);
      return row;
    });
    // The operation's loaders may hold the row as it was (the token check hands the viewer's enterprise to them).
    ctx.loaders.enterprise.clear(row.id);
    ctx.loaders.enterpriseBrief.clear(row.id);
    return row;
  }
}
