import DataLoader from "dataloader";
import type { Prisma } from "../../infra/db/database";
import { groupedInKeyOrder } from "../../infra/db/batch";
import type { MatchRow, PrismaTypes } from "../../infra/db/rows";
import type { SupplierKind } from "../../generated/prisma/enums";
import { columnsFor } from "../../context/selection";

export interface MatchesKey {
  needId: number;
  first: number;
  supplierKinds: SupplierKind[] | null;
  minScore: number | null;
  /** The columns to read (matchColumns), or null for the whole row (the breakdown JSON aside). */
  columns?: MatchColumn[] | null;
}

type MatchColumn = Exclude<keyof MatchRow, "breakdown">;
type ListedMatch = Omit<MatchRow, "breakdown">;

/**
 * The columns each field of `Match` reads (match.resolver.ts and match.type.ts): keep them in step. A field
 * missing here makes its selections read whole rows (selection.ts), which is slower but never wrong.
 */
const MATCH_FIELD_COLUMNS: Readonly<Record<string, readonly MatchColumn[]>> = {
  id: ["id"],
  supplierKind: ["supplierKind"],
  score: ["score"],
  rank: ["rank"],
  matchedTerms: ["matchedTerms"],
  reason: ["reason"],
  status: ["status"],
  statusReason: ["statusReason"],
  statusReasonCode: ["statusReasonCode"],
  statusChangedAt: ["statusChangedAt"],
  createdAt: ["createdAt"],
  need: ["needId"],
  supplier: ["expertId", "platformId", "societyId"],
  breakdown: ["id"], // loaded on demand by id (breakdownLoader)
  history: ["id"],
};

/** The columns a selection of `Match` fields needs (id, needId and rank always: the loader groups and cuts by them). */
export function matchColumns(fields: ReadonlySet<string>): MatchColumn[] | null {
  return columnsFor(fields, MATCH_FIELD_COLUMNS, ["id", "needId", "rank"]);
}

const optionsKey = (k: MatchesKey) => `${k.first}|${k.supplierKinds?.slice().sort().join(",") ?? ""}|${k.minScore ?? ""}|${k.columns?.join(",") ?? "*"}`;

/**
 * A need's best matches. Keys that share the same options (the usual case: one selection over a page of needs)
 * are served by one query; the rank order is stored, so "top N" is a range on (needId, rank).
 */
/** A match's score breakdown, for rows loaded without it. */
export function breakdownLoader(prisma: Prisma) {
  return new DataLoader<number, unknown>(async (ids) => {
    const rows = await prisma.match.findMany({ where: { id: { in: [...ids] } }, select: { id: true, breakdown: true } });
    const byId = new Map(rows.map((r) => [r.id, r.breakdown]));
    return ids.map((id) => byId.get(id) ?? []);
  });
}

export function matchesOfNeedsLoader(prisma: Prisma) {
  return new DataLoader<MatchesKey, Array<Omit<MatchRow, "breakdown">>, string>(
    async (keys) => {
      const byOptions = new Map<string, MatchesKey[]>();
      for (const key of keys) {
        const group = byOptions.get(optionsKey(key));
        if (group) group.push(key);
        else byOptions.set(optionsKey(key), [key]);
      }
      const results = new Map<string, Array<Omit<MatchRow, "breakdown">>>();
      await Promise.all(
        [...byOptions.values()].map(async (group) => {
          const { first, supplierKinds, minScore, columns } = group[0];
          const needIds = group.map((k) => k.needId);
          const filtered = Boolean(supplierKinds?.length) || minScore !== null;
          const where: PrismaTypes.MatchWhereInput = {
            needId: { in: needIds },
            ...(supplierKinds?.length ? { supplierKind: { in: supplierKinds } } : {}),
            ...(minScore !== null ? { score: { gte: minScore } } : {}),
            // Without filters the top N are exactly ranks 1..N; with them, fetch the filtered rows and cut below.
            ...(filtered ? {} : { rank: { lte: first } }),
          };
          const orderBy: PrismaTypes.MatchOrderByWithRelationInput[] = [{ needId: "asc" }, { rank: "asc" }];
          // Only the selection's columns: a partial row, whose other fields no resolver of the selection reads
          // (MATCH_FIELD_COLUMNS). Otherwise all but the breakdown JSON, most of a match's bytes, loaded on demand.
          const rows: ListedMatch[] = columns
            ? ((await prisma.match.findMany({ where, orderBy, select: Object.fromEntries(columns.map((c) => [c, true])) })) as unknown as ListedMatch[])
            : await prisma.match.findMany({ where, orderBy, omit: { breakdown: true } });
          groupedInKeyOrder(needIds, rows, (r) => r.needId).forEach((list, i) =>
            results.set(`${needIds[i]}|${optionsKey(group[0])}`, list.slice(0, first)),
          );
        }),
      );
      return keys.map((k) => results.get(`${k.needId}|${optionsKey(k)}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.needId}|${optionsKey(k)}` },
  );
}

export type SupplierTable = "expert" | "platform" | "society";
export interface SupplierName {
  id: number;
  name: string;
}

/**
 * A supplier's id and name, for selections of `supplier` that ask for nothing else (a home page's list of who was
 * suggested): a narrow read of each table instead of whole rows (an expert's keywords, contacts, dates …).
 * Keys are `table:id`; one statement per table asked.
 */
export function supplierNamesLoader(prisma: Prisma) {
  return new DataLoader<`${SupplierTable}:${number}`, SupplierName | null>(async (keys) => {
    const ids: Record<SupplierTable, number[]> = { expert: [], platform: [], society: [] };
    for (const key of keys) {
      const [table, id] = key.split(":") as [SupplierTable, string];
      ids[table].push(Number(id));
    }
    const select = { id: true, name: true } as const;
    const [experts, platforms, societies] = await Promise.all([
      ids.expert.length ? prisma.expert.findMany({ where: { id: { in: ids.expert } }, select }) : [],
      ids.platform.length ? prisma.innovationPlatform.findMany({ where: { id: { in: ids.platform } }, select }) : [],
      ids.society.length ? prisma.society.findMany({ where: { id: { in: ids.society } }, select }) : [],
    ]);
    const found = new Map<string, SupplierName>();
    for (const [table, rows] of [["expert", experts], ["platform", platforms], ["society", societies]] as const) for (const row of rows) found.set(`${table}:${row.id}`, row);
    return keys.map((key) => found.get(key) ?? null);
  });
}

/** Whether a selection of `supplier` (fields of any of its types) needs nothing but `id` and `name`. */
export function namesOnly(fields: ReadonlySet<string>): boolean {
  return columnsFor(fields, SUPPLIER_NAME_FIELDS, ["id"]) !== null;
}
const SUPPLIER_NAME_FIELDS: Readonly<Record<string, readonly string[]>> = { id: ["id"], name: ["name"] };
