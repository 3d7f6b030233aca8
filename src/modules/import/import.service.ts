import type { Context } from "../../context/context";
import { requireRole } from "../../infra/auth/guards";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { Prisma as P } from "../../generated/prisma/client";
import { normaliseContact } from "../contact";
import { recordAudit } from "../audit";
import { logStatusChange } from "../workflow";
import type { MatchingService } from "../match";
import type { SupplierRef } from "../match";
import { COLUMNS, type ImportKind } from "./import.columns";
import { readSheet, type SheetFormat, type SheetRow } from "./import.read";
import { parseRow, type ImportReference, type ParsedRow, type RowProblem } from "./import.rows";
import { unitOfWork } from "../../infra/db/unit-of-work";

type Tx = PrismaTypes.TransactionClient;

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: RowProblem[];
}

export type ImportProgress = (phase: string, done: number, total: number) => void;

/** One row's write: what the row's natural key found, and the columns the row sets. */
interface Planned {
  parsed: ParsedRow;
  existingId: number | null;
  data: Record<string, unknown>;
  changed: boolean;
}

const INDEX_BATCH = 200;

/**
 * Bulk import from a spreadsheet (xlsx) or CSV: every row checked as the create mutation checks its input; any bad
 * row and nothing is written, the answer lists every bad row. All good: one transaction upserts the rows by their
 * natural key (a second import of the same file changes nothing), indexes the imported suppliers in bulk (as the
 * seed does), and after commit the open needs are matched against the new corpus.
 */
export class ImportService {
  constructor(
    private readonly prisma: Prisma,
    private readonly matching: MatchingService,
  ) {}

  async run(ctx: Context, kind: ImportKind, body: Buffer, format: SheetFormat, options: { dryRun?: boolean; onProgress?: ImportProgress } = {}): Promise<ImportResult> {
    requireRole(ctx.viewer, "ADMIN");
    const progress = options.onProgress ?? (() => {});
    let rows: SheetRow[];
    try {
      rows = await readSheet(body, format);
    } catch {
      return { created: 0, updated: 0, unchanged: 0, errors: [{ row: 1, column: "", message: `无法读取文件：请上传 ${format === "csv" ? "UTF-8 编码的 CSV" : "xlsx"} 文件` }] };
    }
    const errors = missingColumns(kind, rows);
    if (errors.length) return { created: 0, updated: 0, unchanged: 0, errors };
    const ref = await this.reference();
    const parsed: ParsedRow[] = [];
    const firstRowOf = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      if (isTemplateSample(kind, row)) {
        errors.push({ row: row.row, column: KEY_COLUMN[kind], message: "这是导入模板的示例行：请替换为实际数据或删除此行" });
        continue;
      }
      const result = await parseRow(kind, row, ref);
      errors.push(...result.problems);
      if (result.parsed) {
        const earlier = firstRowOf.get(result.parsed.key);
        if (earlier) errors.push({ row: row.row, column: KEY_COLUMN[kind], message: `与第 ${earlier} 行重复` });
        else firstRowOf.set(result.parsed.key, row.row);
        parsed.push(result.parsed);
      }
      if ((i + 1) % 500 === 0 || i + 1 === rows.length) progress("检查", i + 1, rows.length);
    }
    const plan = errors.length ? [] : await this.plan(kind, parsed, errors);
    const counts = { created: plan.filter((p) => p.existingId === null).length, updated: plan.filter((p) => p.existingId !== null && p.changed).length };
    const result = { ...counts, unchanged: plan.length - counts.created - counts.updated, errors };
    if (errors.length) return { created: 0, updated: 0, unchanged: 0, errors: errors.sort((a, b) => a.row - b.row) };
    if (options.dryRun || counts.created + counts.updated === 0) return result;
    const suppliers = await unitOfWork(this.prisma, null, (tx) => this.write(tx, ctx, kind, plan, progress), { timeout: 30 * 60_000, maxWait: 60_000 });
    await this.matchOpenNeeds(kind, plan, suppliers, progress);
    return result;
  }

  private async reference(): Promise<ImportReference> {
    const [regions, chains, societies, enterprises] = await Promise.all([
      this.prisma.region.findMany({ select: { code: true, name: true } }),
      this.prisma.industryChain.findMany({ select: { code: true, name: true } }),
      this.prisma.society.findMany({ select: { id: true, name: true } }),
      this.prisma.enterprise.findMany({ select: { id: true, creditCode: true } }),
    ]);
    return {
      regions: new Map(regions.flatMap((r) => [[r.code, r.code], [r.name, r.code]] as Array<[string, string]>)),
      chains: new Map(chains.flatMap((c) => [[c.code, c.code], [c.name, c.code]] as Array<[string, string]>)),
      societies: new Map(societies.map((s) => [s.name, s.id])),
      enterprises: new Map(enterprises.map((e) => [e.creditCode, e.id])),
    };
  }

  /** Reads the rows the natural keys find and decides, per row, create, update or nothing. */
  private async plan(kind: ImportKind, rows: ParsedRow[], errors: RowProblem[]): Promise<Planned[]> {
    const existing = await this.existing(kind, rows);
    return rows.map((parsed) => {
      const data = columnsOf(parsed);
      const found = existing.get(parsed.key) ?? null;
      if (!found) return { parsed, existingId: null, data, changed: true };
      const changed = canonical(comparable(found, data)) !== canonical(comparable(data, data));
      if (changed && parsed.kind === "needs" && !["OPEN", "DRAFT"].includes(found.status as string)) {
        errors.push({ row: parsed.row, column: "需求名称", message: `该需求已是 ${found.status} 状态，不能再修改` });
      }
      return { parsed, existingId: found.id as number, data, changed };
    });
  }

  /** The stored rows of the file's natural keys, by key, with the columns an import sets. */
  private async existing(kind: ImportKind, rows: ParsedRow[]): Promise<Map<string, Record<string, unknown>>> {
    const keys = rows.map((r) => r.key);
    const sorted = (codes: Array<{ chainCode: string }>) => codes.map((c) => c.chainCode).sort();
    switch (kind) {
      case "enterprises": {
        const found = await this.prisma.enterprise.findMany({ where: { creditCode: { in: keys } }, include: { chains: true } });
        return new Map(found.map((e) => [e.creditCode, { ...e, chains: sorted(e.chains) }]));
      }
      case "societies": {
        const found = await this.prisma.society.findMany({ where: { name: { in: keys } } });
        return new Map(found.map((s) => [s.name, s]));
      }
      case "platforms": {
        const found = await this.prisma.innovationPlatform.findMany({ where: { name: { in: keys } }, include: { chains: true }, orderBy: { id: "asc" } });
        return new Map(found.map((p) => [p.name, { ...p, chains: sorted(p.chains) }]));
      }
      case "experts": {
        const emails = keys.filter((k) => !k.includes("\u0000"));
        const names = rows.filter((r) => r.key.includes("\u0000")).map((r) => r.key.split("\u0000")[0]!);
        const found = await this.prisma.expert.findMany({
          where: { OR: [{ email: { in: emails } }, { name: { in: names } }] },
          include: { chains: true, memberships: true },
          orderBy: { id: "asc" },
        });
        const map = new Map<string, Record<string, unknown>>();
        for (const e of found) {
          const row = { ...e, chains: sorted(e.chains), societyIds: e.memberships.map((m) => m.societyId).sort((a, b) => a - b) };
          if (e.email) map.set(e.email, row);
          map.set(`${e.name}\u0000${e.affiliation ?? ""}`, row);
        }
        return map;
      }
      case "needs": {
        const pairs = rows.map((r) => (r.kind === "needs" ? { enterpriseId: r.enterpriseId, title: r.input.title.trim() } : null)).filter((p) => p !== null);
        const found = await this.prisma.techNeed.findMany({ where: { OR: pairs.length ? pairs : [{ id: -1 }] }, orderBy: { id: "asc" } });
        return new Map(found.map((n) => [`${n.enterpriseId}\u0000${n.title}`, n]));
      }
    }
  }

  /** Writes the plan; returns the suppliers written (to index and match). */
  private async write(tx: Tx, ctx: Context, kind: ImportKind, plan: Planned[], progress: ImportProgress): Promise<SupplierRef[]> {
    const suppliers: SupplierRef[] = [];
    const changed = plan.filter((p) => p.changed);
    const now = new Date();
    for (const [i, p] of changed.entries()) {
      const id = await writeRow(tx, ctx, p, now);
      const supplier = SUPPLIER_KIND[kind];
      if (supplier) suppliers.push({ kind: supplier, id });
      if (p.parsed.kind === "experts") suppliers.push(...p.parsed.societyIds.map((sid) => ({ kind: "SOCIETY" as const, id: sid })));
      if ((i + 1) % 200 === 0 || i + 1 === changed.length) progress("写入", i + 1, changed.length);
    }
    const unique = [...new Map(suppliers.map((s) => [`${s.kind}:${s.id}`, s])).values()];
    for (let i = 0; i < unique.length; i += INDEX_BATCH) {
      await this.matching.indexSuppliers(tx, unique.slice(i, i + INDEX_BATCH));
      progress("建立匹配索引", Math.min(i + INDEX_BATCH, unique.length), unique.length);
    }
    const created = plan.filter((p) => p.existingId === null).length;
    await recordAudit(tx, ctx, `import.${kind}`, { type: "Import", id: 0 }, { created, updated: changed.length - created, unchanged: plan.length - changed.length });
    return unique;
  }

  /**
   * After commit, as the seed does: imported suppliers are offered to the open needs by matching each open need
   * against the whole corpus (one transaction per need); imported needs are matched themselves.
   */
  private async matchOpenNeeds(kind: ImportKind, plan: Planned[], suppliers: SupplierRef[], progress: ImportProgress): Promise<void> {
    let needIds: number[];
    if (kind === "needs") {
      const titles = plan.filter((p) => p.changed && p.parsed.kind === "needs").map((p) => ({ enterpriseId: (p.parsed as { enterpriseId: number }).enterpriseId, title: (p.parsed as { input: { title: string } }).input.title.trim() }));
      needIds = (await this.prisma.techNeed.findMany({ where: { status: "OPEN", OR: titles }, select: { id: true } })).map((n) => n.id);
    } else {
      if (!suppliers.length) return;
      needIds = (await this.prisma.techNeed.findMany({ where: { status: { in: ["OPEN", "IN_DOCKING"] } }, select: { id: true }, orderBy: { id: "desc" } })).map((n) => n.id);
    }
    for (const [i, needId] of needIds.entries()) {
      await unitOfWork(this.prisma, this.matching, async (tx, emit) => emit(...(await this.matching.matchNeed(tx, needId))), { timeout: 60_000 });
      if ((i + 1) % 25 === 0 || i + 1 === needIds.length) progress("匹配需求", i + 1, needIds.length);
    }
  }
}

const KEY_COLUMN: Record<ImportKind, string> = { enterprises: "统一社会信用代码", societies: "学会名称", experts: "电子邮箱", platforms: "平台名称", needs: "需求名称" };
const SUPPLIER_KIND: Record<ImportKind, SupplierRef["kind"] | null> = { enterprises: null, societies: "SOCIETY", experts: "EXPERT", platforms: "PLATFORM", needs: null };

/**
 * The template's sample row left in the file: refused, or a filled-in template would also create 南阳示例科技有限公司
 * (its sample credit code is valid). Every non-empty sample cell must match for the row to count as the sample.
 */
function isTemplateSample(kind: ImportKind, row: SheetRow): boolean {
  return COLUMNS[kind].every((c) => !c.sample || row.cells[c.header] === c.sample);
}

function missingColumns(kind: ImportKind, rows: SheetRow[]): RowProblem[] {
  const headers = new Set(rows.flatMap((r) => Object.keys(r.cells)));
  if (!rows.length) return [{ row: 1, column: "", message: "文件中没有数据行" }];
  return COLUMNS[kind].filter((c) => c.required && !headers.has(c.header)).map((c) => ({ row: 1, column: c.header, message: "缺少此列（请使用导入模板的表头）" }));
}

/** The columns a row sets, as stored. */
function columnsOf(p: ParsedRow): Record<string, unknown> {
  const contact = "contact" in p.input && p.input.contact ? normaliseContact(p.input.contact, "contact") : null;
  const chains = (codes: string[]) => [...new Set(codes)].sort();
  switch (p.kind) {
    case "enterprises": {
      const i = p.input;
      return { name: i.name.trim(), creditCode: i.creditCode, regionCode: i.regionCode, designations: [...(i.designations ?? [])].sort(), hasRdAccount: !!i.hasRdAccount, onKczg: !!i.onKczg, contact, chains: chains(i.industryChainCodes) };
    }
    case "societies": {
      const i = p.input;
      return { name: i.name.trim(), level: i.level, kind: i.kind, disciplines: [...new Set(i.disciplines.map((d) => d.trim()))], contact };
    }
    case "experts": {
      const i = p.input;
      return {
        name: i.name.trim(), title: i.title?.trim() || null, affiliation: i.affiliation?.trim() || null, expertise: i.expertise.trim(), keywords: [...new Set(i.keywords ?? [])],
        email: i.email ?? null, phone: i.phone ?? null, isYoungTalent: !!i.isYoungTalent, capacity: i.capacity ?? 3, chains: chains(i.industryChainCodes), societyIds: [...p.societyIds].sort((a, b) => a - b),
      };
    }
    case "platforms": {
      const i = p.input;
      return { name: i.name.trim(), kind: i.kind, capabilities: i.capabilities.trim(), regionCode: i.regionCode || null, onKczg: !!i.onKczg, contact, chains: chains(i.industryChainCodes) };
    }
    case "needs": {
      const i = p.input;
      return {
        enterpriseId: p.enterpriseId, title: i.title.trim(), description: i.description.trim(), chainCode: i.industryChainCode, kind: i.kind, keywords: [...new Set(i.keywords ?? [])],
        budgetMin: i.budgetMin ?? null, budgetMax: i.budgetMax ?? null, deadline: i.deadline ?? null, visibility: i.visibility ?? "PUBLIC",
      };
    }
  }
}

/** The stored row's values of the columns the import sets (to tell an unchanged row). */
function comparable(row: Record<string, unknown>, data: Record<string, unknown>): unknown[] {
  return Object.keys(data).map((key) => {
    const value = row[key] ?? null;
    return value instanceof Date ? value.toISOString() : value;
  });
}

/** JSON with object keys sorted (jsonb gives a stored contact's keys back in its own order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Creates or updates one row (and its chains, memberships); its id. */
async function writeRow(tx: Tx, ctx: Context, p: Planned, now: Date): Promise<number> {
  const { chains, societyIds, contact, ...columns } = p.data as Record<string, unknown> & { chains?: string[]; societyIds?: number[]; contact?: unknown };
  const json = (contact ?? undefined) as PrismaTypes.InputJsonValue | undefined;
  const chainRows = chains ? { deleteMany: {}, create: chains.map((chainCode) => ({ chainCode })) } : undefined;
  const newChains = chains ? { create: chains.map((chainCode) => ({ chainCode })) } : undefined;
  const id = p.existingId;
  switch (p.parsed.kind) {
    case "enterprises": {
      const data = columns as PrismaTypes.EnterpriseUncheckedCreateInput;
      const kczg = { kczgSince: data.onKczg ? now : null };
      if (id === null) return (await tx.enterprise.create({ data: { ...data, ...kczg, contact: json, chains: newChains } })).id;
      const before = await tx.enterprise.findUniqueOrThrow({ where: { id }, select: { onKczg: true } });
      return (await tx.enterprise.update({ where: { id }, data: { ...data, ...(before.onKczg === data.onKczg ? {} : kczg), contact: json ?? PrismaNull(), chains: chainRows } })).id;
    }
    case "societies": {
      const data = columns as PrismaTypes.SocietyUncheckedCreateInput;
      if (id === null) return (await tx.society.create({ data: { ...data, contact: json } })).id;
      return (await tx.society.update({ where: { id }, data: { ...data, contact: json ?? PrismaNull() } })).id;
    }
    case "platforms": {
      const data = columns as PrismaTypes.InnovationPlatformUncheckedCreateInput;
      if (id === null) return (await tx.innovationPlatform.create({ data: { ...data, kczgSince: data.onKczg ? now : null, contact: json, chains: newChains } })).id;
      return (await tx.innovationPlatform.update({ where: { id }, data: { ...data, contact: json ?? PrismaNull(), chains: chainRows } })).id;
    }
    case "experts": {
      const data = columns as PrismaTypes.ExpertUncheckedCreateInput;
      const memberships = (societyIds ?? []).map((societyId) => ({ societyId }));
      if (id === null) return (await tx.expert.create({ data: { ...data, chains: newChains, memberships: { create: memberships } } })).id;
      return (await tx.expert.update({ where: { id }, data: { ...data, chains: chainRows, memberships: { deleteMany: {}, create: memberships } } })).id;
    }
    case "needs": {
      const data = columns as PrismaTypes.TechNeedUncheckedCreateInput;
      if (id !== null) return (await tx.techNeed.update({ where: { id }, data })).id;
      const need = await tx.techNeed.create({ data: { ...data, status: "OPEN", openedAt: now, createdAt: now } });
      await logStatusChange(tx, ctx, { subject: "NEED", needId: need.id, from: null, to: "OPEN", at: now });
      return need.id;
    }
  }
}

// SQL NULL in a Json column (a contact removed in the file).
function PrismaNull() {
  return P.DbNull;
}
