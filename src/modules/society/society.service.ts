import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes, SocietyRow } from "../../infra/db/rows";
import { conflict, conflictOnDuplicate } from "../../infra/errors";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { recordAudit } from "../audit/audit.service";
import type { MatchingService } from "../match/matching.service";
import type { CreateSocietyInput, SocietyFilter } from "./society.input";
import { containsText } from "../../infra/db/text-filter";

export class SocietyService {
  constructor(
    private readonly prisma: Prisma,
    private readonly matching: MatchingService,
  ) {}

  list(_ctx: Context, args: PageArgs, filter: SocietyFilter | null | undefined): Promise<Page<SocietyRow>> {
    const where: PrismaTypes.SocietyWhereInput = {
      active: true,
      ...(filter?.level ? { level: filter.level } : {}),
      ...(filter?.text
        ? { OR: [{ name: containsText(filter.text, "insensitive") }, { disciplines: { has: filter.text } }] }
        : {}),
    };
    return keysetPage(
      pageRequest(args),
      "asc",
      ({ take, idAfter, orderBy }) => this.prisma.society.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.society.count({ where }),
    );
  }

  async create(ctx: Context, input: CreateSocietyInput): Promise<SocietyRow> {
    const name = input.name.trim();
    const duplicate = "A society with this name exists already";
    if (await this.prisma.society.count({ where: { name } })) throw conflict("input.name", duplicate);
    const disciplines = [...new Set(input.disciplines.map((d) => d.trim()).filter(Boolean))];
    const { society, events } = await this.prisma.$transaction(async (tx) => {
      const created = await tx.society.create({ data: { name, level: input.level, kind: input.kind ?? "ACADEMIC_SOCIETY", disciplines } });
      await recordAudit(tx, ctx, "society.create", { type: "Society", id: created.id }, { name });
      return { society: created, events: await this.matching.matchNewSupplier(tx, { kind: "SOCIETY", id: created.id }) };
    }).catch(conflictOnDuplicate("input.name", duplicate));
    this.matching.publish(events);
    return society;
  }
}
