import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import type { University as UniversityRow } from "../../generated/prisma/client";
import { conflict, conflictOnDuplicate, notFound } from "../../infra/errors";
import { unitOfWork } from "../../infra/db/unit-of-work";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { containsText } from "../../infra/db/text-filter";
import { changedFields, recordAudit } from "../audit";
import { normaliseContact } from "../contact";
import type { MatchingService } from "../match";
import type { ReferenceService } from "../reference";
import type { CreateUniversityInput, UpdateUniversityInput } from "./university.input";

export type { UniversityRow };
const DUPLICATE = "A university or institute with this name exists already";
const words = (list: string[]) => [...new Set(list.map((d) => d.trim()).filter(Boolean))];

/** 高校院所: created and corrected by ADMIN (the policy says so); matched against open needs like every supplier. */
export class UniversityService {
  constructor(
    private readonly prisma: Prisma,
    private readonly reference: ReferenceService,
    private readonly matching: MatchingService,
  ) {}

  list(_ctx: Context, args: PageArgs, text: string | null): Promise<Page<UniversityRow>> {
    const where: PrismaTypes.UniversityWhereInput = {
      active: true,
      ...(text ? { OR: [{ name: containsText(text, "insensitive") }, { disciplines: { has: text } }] } : {}),
    };
    return keysetPage(
      pageRequest(args),
      "asc",
      ({ take, idAfter, orderBy }) => this.prisma.university.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.university.count({ where }),
    );
  }

  async create(ctx: Context, input: CreateUniversityInput): Promise<UniversityRow> {
    const contact = input.contact ? normaliseContact(input.contact, "input.contact") : undefined;
    const chainCodes = words(input.industryChainCodes ?? []).sort();
    await this.reference.assertChainCodes(chainCodes, "input.industryChainCodes");
    if (input.regionCode) await this.reference.assertRegionCode(input.regionCode, "input.regionCode");
    const name = input.name.trim();
    if (await this.prisma.university.count({ where: { name } })) throw conflict("input.name", DUPLICATE);
    return unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const created = await tx.university.create({
        data: {
          name,
          kind: input.kind ?? "UNIVERSITY",
          disciplines: words(input.disciplines),
          strengths: input.strengths.trim(),
          chainCodes,
          regionCode: input.regionCode || null,
          contact: contact as unknown as PrismaTypes.InputJsonValue | undefined,
        },
      });
      await recordAudit(tx, ctx, "university.create", { type: "University", id: created.id }, { name });
      emit(...(await this.matching.matchNewSupplier(tx, { kind: "UNIVERSITY", id: created.id })));
      return created;
    }).catch(conflictOnDuplicate("input.name", DUPLICATE));
  }

  /** Only the fields given change; a changed text, chains or activity re-index it and match it afresh. */
  async update(ctx: Context, id: number | null, input: UpdateUniversityInput): Promise<UniversityRow> {
    const found = id === null ? null : await this.prisma.university.findUnique({ where: { id } });
    if (!found) throw notFound("University");
    if (input.industryChainCodes) await this.reference.assertChainCodes(input.industryChainCodes, "input.industryChainCodes");
    const name = input.name?.trim() || undefined;
    if (name && name !== found.name && (await this.prisma.university.count({ where: { name } }))) throw conflict("input.name", DUPLICATE);
    const data = {
      name,
      disciplines: input.disciplines ? words(input.disciplines) : undefined,
      strengths: input.strengths?.trim() ?? undefined,
      chainCodes: input.industryChainCodes ? words(input.industryChainCodes).sort() : undefined,
      active: input.active ?? undefined,
      contact: input.contact ? normaliseContact(input.contact, "input.contact") : undefined,
    };
    const diff = changedFields(found, data);
    const rematch = ["name", "disciplines", "strengths", "chainCodes", "active"].some((f) => f in diff.after);
    return unitOfWork(this.prisma, this.matching, async (tx, emit) => {
      const row = await tx.university.update({ where: { id: found.id }, data: { ...data, contact: data.contact as unknown as PrismaTypes.InputJsonValue | undefined } });
      await recordAudit(tx, ctx, "university.update", { type: "University", id: row.id }, diff);
      const ref = { kind: "UNIVERSITY" as const, id: row.id };
      if (!rematch) return row;
      if (!row.active) await this.matching.removeSupplier(tx, ref);
      else emit(...(await this.matching.rematchSupplier(tx, ref)));
      return row;
    }).catch(conflictOnDuplicate("input.name", DUPLICATE));
  }
}
