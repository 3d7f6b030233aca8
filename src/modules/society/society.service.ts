import { actingUser } from "../../infra/auth/guards";
import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes, SocietyRow } from "../../infra/db/rows";
import { conflict, conflictOnDuplicate, forbidden, notFound } from "../../infra/errors";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { changedFields, recordAudit } from "../audit";
import { normaliseContact } from "../contact";
import type { HubEvent } from "../../infra/pubsub/events";
import type { MatchingService } from "../match";
import type { CreateSocietyInput, SocietyFilter, UpdateSocietyInput } from "./society.input";

const DUPLICATE_SOCIETY = "A society with this name exists already";
import { containsText } from "../../infra/db/text-filter";
import { unitOfWork } from "../../infra/db/unit-of-work";

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
    await this.checkNew(input, "input");
    const society = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const { society, events } = await this.insert(tx, ctx, input);
      emit(...events);
      return society;
    }).catch(conflictOnDuplicate("input.name", DUPLICATE_SOCIETY));
    return society;
  }

  /** What createSociety checks before writing (also at registration and approval). */
  async checkNew(input: CreateSocietyInput, prefix: string): Promise<void> {
    if (input.contact) normaliseContact(input.contact, `${prefix}.contact`);
    if (await this.prisma.society.count({ where: { name: input.name.trim() } })) throw conflict(`${prefix}.name`, DUPLICATE_SOCIETY);
  }

  /** Writes a checked society, its audit row and its matches in the caller's transaction; the events to publish after commit. */
  async insert(tx: PrismaTypes.TransactionClient, ctx: Context, input: CreateSocietyInput): Promise<{ society: SocietyRow; events: HubEvent[] }> {
    const name = input.name.trim();
    const disciplines = [...new Set(input.disciplines.map((d) => d.trim()).filter(Boolean))];
    const contact = input.contact ? (normaliseContact(input.contact, "input.contact") as unknown as PrismaTypes.InputJsonValue) : undefined;
    const created = await tx.society.create({ data: { name, level: input.level, kind: input.kind ?? "ACADEMIC_SOCIETY", disciplines, contact } });
    await recordAudit(tx, ctx, "society.create", { type: "Society", id: created.id }, { name });
    return { society: created, events: await this.matching.matchNewSupplier(tx, { kind: "SOCIETY", id: created.id }) };
  }

  /**
   * ADMIN, or the society's own users. Only the fields given change; a changed name or disciplines re-index the
   * society and match it afresh (its SUGGESTED matches replaced, progressed ones kept).
   */
  async update(ctx: Context, societyId: number | null, input: UpdateSocietyInput): Promise<SocietyRow> {
    const viewer = actingUser(ctx.viewer);
    const society = societyId === null ? null : await this.prisma.society.findUnique({ where: { id: societyId } });
    if (!society) throw notFound("Society");
    if (viewer.role === "SOCIETY" && viewer.societyId !== society.id) throw forbidden("A society user may correct its own society only");
    const name = input.name?.trim() || undefined;
    const duplicate = DUPLICATE_SOCIETY;
    if (name && name !== society.name && (await this.prisma.society.count({ where: { name } }))) throw conflict("input.name", duplicate);
    const data = {
      name,
      disciplines: input.disciplines ? [...new Set(input.disciplines.map((d) => d.trim()).filter(Boolean))] : undefined,
      contact: input.contact ? normaliseContact(input.contact, "input.contact") : undefined,
    };
    const diff = changedFields(society, data);
    const rematch = "name" in diff.after || "disciplines" in diff.after;
    const updated = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const row = await tx.society.update({ where: { id: society.id }, data: { ...data, contact: data.contact as unknown as PrismaTypes.InputJsonValue | undefined } });
      await recordAudit(tx, ctx, "society.update", { type: "Society", id: row.id }, diff);
      const ref = { kind: "SOCIETY" as const, id: row.id };
      emit(...(rematch && row.active ? await this.matching.rematchSupplier(tx, ref) : []));
      return row;
    }).catch(conflictOnDuplicate("input.name", duplicate));
    return updated;
  }
}
