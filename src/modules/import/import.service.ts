import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { normaliseContact } from "../contact";
import { recordAudit } from "../audit";
import type { MatchingService } from "../match";
import type { SupplierRef } from "../supplier";
import type { HubEvent } from "../../infra/pubsub/events";
import { indexAndMatchSuppliers } from "../match";
import { writeChangedRows, type Planned } from "./import.write";
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


/**
 * Bulk import from a spreadsheet (xlsx) or CSV: every row checked as the create mutation checks its input; any bad
 * row and nothing is written, the answer lists every bad row. All good: one transaction upserts the rows by their
 * natural key in bulk (a second import of the same file changes nothing), indexes the imported suppliers and matches
 * them against the open needs (imported needs against the suppliers), as the seed does. Who may call it is decided
 * at its doors: POST /import/<kind> by its entry in ROUTES (access/policy.table.ts), the CLI as the configured ADMIN.
 */
export class ImportService {
  constructor(
    private readonly prisma: Prisma,
    private readonly matching: MatchingService,
  ) {}

  async run(ctx: Context, kind: ImportKind, body: Buffer, format: SheetFormat, options: { dryRun?: boolean; onProgress?: ImportProgress } = {}): Promise<ImportResult> {
    const progress = options.onProgress ?? (() => {});
    let rows: SheetRow[];
    try {
      rows = await readSheet(body, format);
    } catch {
      return { created: 0, updated: 0, unchanged: 0, errors: [{ row: 1, column: "", message: `无法读取文件：请上传 ${format === "csv" ? "UTF-8 编码的 CSV" : "xlsx"} 文件` }] };
    }
    progress("读取文件", rows.length, rows.length);
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
    const counts = { created: plan.filter((p) => p.found === null).length, updated: plan.filter((p) => p.found !== null && p.changed).length };
    const result = { ...counts, unchanged: plan.length - counts.created - counts.updated, errors };
    if (errors.length) return { created: 0, updated: 0, unchanged: 0, errors: errors.sort((a, b) => a.row - b.row) };
    if (options.dryRun || counts.created + counts.updated === 0) return result;
    // One transaction for the rows, their links, their index entries and the matching: all of it, or nothing.
    await unitOfWork(this.prisma, this.matching, async (tx, emit) => emit(...(await this.write(tx, ctx, kind, plan, progress))), { timeout: 30 * 60_000, maxWait: 60_000 });
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
      if (!found) return { parsed, found: null, data, changed: true };
      const changed = canonical(comparable(found, data)) !== canonical(comparable(data, data));
      if (changed && parsed.kind === "needs" && !["OPEN", "DRAFT"].includes(found.status as string)) {
        errors.push({ row: parsed.row, column: "需求名称", message: `该需求已是 ${found.status} 状态，不能再修改` });
      }
      return { parsed, found, data, changed };
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

  /**
   * Writes the plan in bulk (import.write.ts), then indexes and matches what it wrote, as the seed's bulk path does
   * (match/bulk-matching.ts): imported suppliers are offered to the open needs, imported needs matched. The events
   * to publish after commit.
   */
  private async write(tx: Tx, ctx: Context, kind: ImportKind, plan: Planned[], progress: ImportProgress): Promise<HubEvent[]> {
    const changed = plan.filter((p) => p.changed);
    const ids = await writeChangedRows(tx, ctx, kind, changed, (done, total) => progress("写入", done, total));
    const created = changed.filter((p) => p.found === null).length;
    await recordAudit(tx, ctx, `import.${kind}`, { type: "Import", id: 0 }, { created, updated: changed.length - created, unchanged: plan.length - changed.length });
    if (kind === "needs") return this.matchNeeds(tx, changed, ids, progress);
    const supplierKind = SUPPLIER_KIND[kind];
    const suppliers: SupplierRef[] = [];
    const updated: SupplierRef[] = [];
    changed.forEach((p, i) => {
      if (supplierKind) (p.found ? updated : suppliers).push({ kind: supplierKind, id: ids[i]! });
      // An expert's societies are matched on their members' expertise too.
      if (p.parsed.kind === "experts") updated.push(...p.parsed.societyIds.map((id) => ({ kind: "SOCIETY" as const, id })));
    });
    const unique = (refs: SupplierRef[]) => [...new Map(refs.map((s) => [`${s.kind}:${s.id}`, s])).values()];
    const phases = { index: "建立匹配索引", match: "匹配需求" } as const;
    return indexAndMatchSuppliers(tx, this.matching, unique([...suppliers, ...updated]), { changed: unique(updated), onProgress: (phase, done, total) => progress(phases[phase], done, total) });
  }

  /** Imported needs that are open are matched as postNeed matches one (a DRAFT stays unmatched until it opens). */
  private async matchNeeds(tx: Tx, changed: Planned[], ids: number[], progress: ImportProgress): Promise<HubEvent[]> {
    const open = ids.filter((_, i) => (changed[i]!.found?.status ?? "OPEN") === "OPEN");
    const events: HubEvent[] = [];
    for (const [i, needId] of open.entries()) {
      events.push(...(await this.matching.matchNeed(tx, needId)));
      if ((i + 1) % 25 === 0 || i + 1 === open.length) progress("匹配需求", i + 1, open.length);
    }
    return events;
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
