import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import type { Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { ExpertRow, PrismaTypes } from "../../infra/db/rows";
import { badInput, forbidden, notFound } from "../../infra/errors";
import { idOf } from "../../infra/relay/global-id";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { recordAudit } from "../audit";
import { normaliseContact } from "../contact";
import type { HubEvent } from "../../infra/pubsub/events";
import type { MatchingService } from "../match";
import type { ReferenceService } from "../reference";
import type { CreateExpertInput, UpdateExpertInput } from "./expert.input";
import { containsText } from "../../infra/db/text-filter";
import { unitOfWork } from "../../infra/db/unit-of-work";

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
        ? { OR: [{ name: containsText(query.text) }, { expertise: containsText(query.text) }, { keywords: { has: query.text } }] }
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
    const viewer = actingUser(ctx.viewer);
    const societyIds = await this.societyIdsFor(viewer, input.societyIds ?? []);
    await this.checkNew(input, "input");
    const expert = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const { expert, events } = await this.insert(tx, ctx, input, societyIds);
      emit(...events);
      return expert;
    });
    return expert;
  }

  /** The employer named by a CreateExpertInput (an Enterprise ID), checked to exist. */
  private async employerFor(globalId: string | null, prefix = "input"): Promise<number | null> {
    if (!globalId) return null;
    const id = idOf("Enterprise", globalId, `${prefix}.employerId`) ?? -1;
    if (!(await this.prisma.enterprise.count({ where: { id } }))) throw badInput(`${prefix}.employerId`, "No such enterprise");
    return id;
  }

  /** What createExpert checks of the input itself (also at registration and approval). */
  async checkNew(input: CreateExpertInput, prefix: string): Promise<void> {
    await this.reference.assertChainCodes(input.industryChainCodes, `${prefix}.industryChainCodes`);
    if (input.contact) normaliseContact(input.contact, `${prefix}.contact`);
    await this.employerFor(input.employerId ?? null, prefix);
    assertWindow(input.availableFrom ?? null, input.availableTo ?? null);
  }

  /** Active societies among `ids` (registration: the societies an expert asks to join); NOT_FOUND for any other. */
  async assertSocieties(ids: number[]): Promise<void> {
    const found = await this.prisma.society.count({ where: { id: { in: ids }, active: true } });
    if (found !== new Set(ids).size) throw notFound("Society");
  }

  /** Writes a checked expert, its memberships, audit row and matches in the caller's transaction. */
  async insert(tx: PrismaTypes.TransactionClient, ctx: Context, input: CreateExpertInput, societyIds: number[]): Promise<{ expert: ExpertRow; events: HubEvent[] }> {
    const contact = input.contact ? (normaliseContact(input.contact, "input.contact") as unknown as PrismaTypes.InputJsonValue) : undefined;
    const created = await tx.expert.create({
      data: {
        employerId: input.employerId ? idOf("Enterprise", input.employerId, "input.employerId") : null,
        name: input.name.trim(),
        title: input.title?.trim() || null,
        affiliation: input.affiliation?.trim() || null,
        expertise: input.expertise.trim(),
        keywords: [...new Set((input.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
        capacity: input.capacity ?? 3,
        isYoungTalent: input.isYoungTalent ?? false,
        availableFrom: input.availableFrom ?? null,
        availableTo: input.availableTo ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        contact,
        chains: { create: [...new Set(input.industryChainCodes)].map((chainCode) => ({ chainCode })) },
        memberships: { create: societyIds.map((societyId) => ({ societyId })) },
      },
    });
    await recordAudit(tx, ctx, "expert.create", { type: "Expert", id: created.id }, { name: created.name, societyIds });
    // The expert's societies are matched through their experts, so they change too.
    const changed = [{ kind: "EXPERT" as const, id: created.id }, ...societyIds.map((id) => ({ kind: "SOCIETY" as const, id }))];
    return { expert: created, events: await this.matching.matchChangedSuppliers(tx, changed) };
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

  /** ADMIN, a SOCIETY the expert belongs to, or the expert themself; the changed expert is matched afresh. */
  async update(ctx: Context, expertId: number | null, input: UpdateExpertInput): Promise<ExpertRow> {
    const { expert, societyIds } = await this.editable(ctx, expertId);
    if (input.industryChainCodes) await this.reference.assertChainCodes(input.industryChainCodes, "input.industryChainCodes");
    // The window as it will be: a field left out keeps its value, null clears it.
    assertWindow(input.availableFrom === undefined ? expert.availableFrom : input.availableFrom, input.availableTo === undefined ? expert.availableTo : input.availableTo);
    const text = (value: string | null | undefined) => (value === undefined || value === null ? undefined : value.trim());
    const updated = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const row = await tx.expert.update({
        where: { id: expert.id },
        data: {
          name: text(input.name),
          title: input.title === undefined ? undefined : input.title?.trim() || null,
          affiliation: input.affiliation === undefined ? undefined : input.affiliation?.trim() || null,
          expertise: text(input.expertise),
          keywords: input.keywords ? [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))] : undefined,
          capacity: input.capacity ?? undefined,
          isYoungTalent: input.isYoungTalent ?? undefined,
          availableFrom: input.availableFrom,
          availableTo: input.availableTo,
          chains: input.industryChainCodes
            ? { deleteMany: {}, create: [...new Set(input.industryChainCodes)].map((chainCode) => ({ chainCode })) }
            : undefined,
        },
      });
      await recordAudit(tx, ctx, "expert.update", { type: "Expert", id: row.id }, { fields: Object.keys(input) });
      const changed = [{ kind: "EXPERT" as const, id: row.id }, ...societyIds.map((id) => ({ kind: "SOCIETY" as const, id }))];
      emit(...(row.active ? await this.matching.matchChangedSuppliers(tx, changed) : []));
      return row;
    });
    return updated;
  }

  /** Deactivating takes the expert out of the directory and out of every suggestion; activating matches it again. */
  async setActive(ctx: Context, expertId: number | null, active: boolean): Promise<ExpertRow> {
    const { expert, societyIds } = await this.editable(ctx, expertId);
    const updated = await unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const row = await tx.expert.update({ where: { id: expert.id }, data: { active } });
      await recordAudit(tx, ctx, active ? "expert.activate" : "expert.deactivate", { type: "Expert", id: row.id });
      const ref = { kind: "EXPERT" as const, id: row.id };
      if (!active) await this.matching.removeSupplier(tx, ref);
      const societies = societyIds.map((id) => ({ kind: "SOCIETY" as const, id }));
      emit(...(await this.matching.matchChangedSuppliers(tx, active ? [ref, ...societies] : societies)));
      return row;
    });
    return updated;
  }

  private async editable(ctx: Context, expertId: number | null) {
    const viewer = actingUser(ctx.viewer);
    const expert = expertId === null ? null : await this.prisma.expert.findUnique({ where: { id: expertId }, include: { memberships: true } });
    if (!expert) throw notFound("Expert");
    const societyIds = expert.memberships.map((m) => m.societyId);
    const allowed =
      viewer.role === "ADMIN" ||
      (viewer.role === "EXPERT" && viewer.expertId === expert.id) ||
      (viewer.role === "SOCIETY" && viewer.societyId !== null && societyIds.includes(viewer.societyId));
    if (!allowed) throw forbidden("Only ADMIN, the expert's society or the expert may change an expert");
    return { expert, societyIds };
  }
}

/** availableFrom must not come after availableTo (either may be open). */
function assertWindow(from: Date | null, to: Date | null): void {
  if (from && to && from > to) throw badInput("input.availableTo", "availableTo must not be before availableFrom");
}
