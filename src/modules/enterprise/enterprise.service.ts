import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import type { EnterpriseRow, PrismaTypes } from "../../infra/db/rows";
import { badInput, conflict, conflictOnDuplicate } from "../../infra/errors";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { recordAudit } from "../audit/audit.service";
import type { ReferenceService } from "../reference/reference.service";
import { creditCodeProblem } from "./credit-code";
import type { CreateEnterpriseInput, EnterpriseFilter } from "./enterprise.input";
import { containsText } from "../../infra/db/text-filter";

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
    const creditCode = input.creditCode.trim().toUpperCase();
    const problem = creditCodeProblem(creditCode);
    if (problem) throw badInput("input.creditCode", `creditCode: ${problem}`);
    await this.reference.assertRegionCode(input.regionCode, "input.regionCode");
    await this.reference.assertChainCodes(input.industryChainCodes, "input.industryChainCodes");
    const duplicate = "An enterprise with this creditCode exists already";
    if (await this.prisma.enterprise.count({ where: { creditCode } })) throw conflict("input.creditCode", duplicate);
    return this.prisma.$transaction(async (tx) => {
      const enterprise = await tx.enterprise.create({
        data: {
          name: input.name.trim(),
          creditCode,
          regionCode: input.regionCode,
          designations: input.designations ?? [],
          hasRdAccount: input.hasRdAccount ?? false,
          onKczg: input.onKczg ?? false,
          kczgSince: input.onKczg ? new Date() : null,
          chains: { create: [...new Set(input.industryChainCodes)].map((chainCode) => ({ chainCode })) },
        },
      });
      await recordAudit(tx, ctx, "enterprise.create", { type: "Enterprise", id: enterprise.id }, { name: enterprise.name });
      return enterprise;
    }).catch(conflictOnDuplicate("input.creditCode", duplicate));
  }
}
