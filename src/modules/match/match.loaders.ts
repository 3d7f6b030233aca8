import DataLoader from "dataloader";
import type { Prisma } from "../../infra/db/database";
import { groupedInKeyOrder } from "../../infra/db/batch";
import { fixedRead } from "../../infra/db/sql";
import type { MatchRow } from "../../infra/db/rows";
import type { SupplierKind } from "../../generated/prisma/enums";
import type { GraphQLResolveInfo } from "graphql";
import { columnsFor, selectedFields } from "../../context/selection";
import { idsByKind, SUPPLIER_KINDS } from "../supplier";

export interface MatchesKey {
  needId: number;
  first: number;
  supplierKinds: SupplierKind[] | null;
  minScore: number | null;
  /** The columns to read (matchColumns), or null for the whole row (the breakdown JSON aside). */
  columns?: MatchColumn[] | null;
  /** Whether each row also brings its supplier's name (`supplierName`): see matchRead. */
  supplierNames?: boolean;
}

type MatchColumn = Exclude<keyof MatchRow, "breakdown">;
/** A match as lists read it: without the breakdown, with the supplier's name when the selection shows only that. */
export type ListedMatch = Omit<MatchRow, "breakdown"> & { supplierName?: string };

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
  supplier: ["supplierKind", "supplierId"],
  breakdown: ["id"], // loaded on demand by id (breakdownLoader)
  history: ["id"],
  teaser: ["needId"],
  invitation: ["id"],
};

/**
 * The columns a selection of `Match` fields needs (id and needId always: the loader groups by need). Not the rank
 * unless asked for: the statement orders and cuts by it, and reading it anyway is a field more to parse per match
 * listed (measured: docs/benchmarks.md, "Design decisions measured").
 */
export function matchColumns(fields: ReadonlySet<string>): MatchColumn[] | null {
  return columnsFor(fields, MATCH_FIELD_COLUMNS, ["id", "needId"]);
}

/**
 * How a list of matches should read its rows, from its selection. When `supplier` asks for its name and id (and
 * type) only, as a page listing who was suggested does, the names come with the rows, joined: no statement and no
 * loader call per supplier.
 */
export function matchRead(info: GraphQLResolveInfo): Pick<MatchesKey, "columns" | "supplierNames"> {
  // Asked once per need listed, always with the same answer for one list: every item shares its fieldNodes array.
  let read = readOfSelection.get(info.fieldNodes);
  if (read === undefined) {
    const fields = selectedFields(info);
    const supplier = fields.has("supplier") ? selectedFields(info, ["supplier"]) : null;
    read = { columns: matchColumns(fields), supplierNames: supplier !== null && [...supplier].some((f) => f !== "__typename") && namesOnly(supplier) };
    readOfSelection.set(info.fieldNodes, read);
  }
  return read;
}
const readOfSelection = new WeakMap<GraphQLResolveInfo["fieldNodes"], Pick<MatchesKey, "columns" | "supplierNames">>();

const optionsKey = (k: MatchesKey) =>
  `${k.first}|${k.supplierKinds?.slice().sort().join(",") ?? ""}|${k.minScore ?? ""}|${k.columns ? columnsKey(k.columns) : "*"}|${k.supplierNames ? "names" : ""}`;

// Column lists come from matchColumns, one array per selection (columnsFor caches them): joined once each.
const joinedColumns = new WeakMap<readonly MatchColumn[], string>();
function columnsKey(columns: readonly MatchColumn[]): string {
  let joined = joinedColumns.get(columns);
  if (joined === undefined) joinedColumns.set(columns, (joined = columns.join(",")));
  return joined;
}

/** A match's score breakdown, for rows loaded without it. */
export function breakdownLoader(prisma: Prisma) {
  return new DataLoader<number, unknown>(async (ids) => {
    const rows = await prisma.match.findMany({ where: { id: { in: [...ids] } }, select: { id: true, breakdown: true } });
    const byId = new Map(rows.map((r) => [r.id, r.breakdown]));
    return ids.map((id) => byId.get(id) ?? []);
  });
}

/**
 * A need's best matches. Keys that share the same options (the usual case: one selection over a page of needs)
 * are served by one query; the rank order is stored, so "top N" is a range on (needId, rank).
 */
export function matchesOfNeedsLoader(prisma: Prisma) {
  return new DataLoader<MatchesKey, ListedMatch[], string>(
    async (keys) => {
      // Each key's options text is made once here (a page of needs is 20-50 keys, all with the same options).
      const options = keys.map(optionsKey);
      const byOptions = new Map<string, MatchesKey[]>();
      keys.forEach((key, i) => {
        const group = byOptions.get(options[i]);
        if (group) group.push(key);
        else byOptions.set(options[i], [key]);
      });
      const results = new Map<string, ListedMatch[]>();
      await Promise.all(
        [...byOptions].map(async ([option, group]) => {
          const needIds = group.map((k) => k.needId);
          const rows = await listedMatches(prisma, needIds, group[0]);
          const { first } = group[0];
          groupedInKeyOrder(needIds, rows, (r) => r.needId).forEach((list, i) => results.set(`${needIds[i]}|${option}`, list.slice(0, first)));
        }),
      );
      return keys.map((k, i) => results.get(`${k.needId}|${options[i]}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.needId}|${optionsKey(k)}` },
  );
}

/**
 * The rows of a page of needs' matches, best first per need: fixed SQL text (one per column set and filter shape,
 * built once), with the need ids bound as one array. Through Prisma's query builder the text changed with the
 * number of needs (`IN ($1…$n)`), and its compiler ran again for each new length.
 */
async function listedMatches(prisma: Prisma, needIds: number[], options: MatchesKey): Promise<ListedMatch[]> {
  const { first, supplierKinds, minScore } = options;
  const filtered = Boolean(supplierKinds?.length) || minScore !== null;
  // Without filters the top N are exactly ranks 1..N; with them, the filtered rows are fetched and cut by the caller.
  const params = filtered ? [needIds, supplierKinds?.length ? supplierKinds : null, minScore] : [needIds];
  return fixedRead<ListedMatch>(prisma, listedMatchesSql(options.columns ?? null, filtered ? null : first, options.supplierNames ?? false), params);
}

// Every column but the breakdown JSON (most of a match's bytes, loaded on demand): naming each one here makes a
// column added to the schema fail compilation until it is listed (test/integration/rows-by-id.test.ts compares
// these rows with Prisma's).
const LISTED_COLUMNS: Readonly<Record<MatchColumn, true>> = {
  id: true, needId: true, supplierKind: true, supplierId: true, score: true, rank: true,
  matchedTerms: true, reason: true, status: true, statusReason: true, statusReasonCode: true, statusChangedAt: true,
  createdAt: true, updatedAt: true,
};
const listedSql = new Map<string, string>();
const SUPPLIER_NAME_LOOKUP = `CASE m."supplierKind" ${SUPPLIER_KINDS.map((k) => `WHEN '${k.kind}' THEN (SELECT s."name" FROM "${k.table}" s WHERE s."id" = m."supplierId")`).join(" ")} END`;

/**
 * The statement of one column set and filter shape; `topRanks` (the page size, unfiltered lists only) is written into
 * the text, not bound. Bound, PostgreSQL's generic plan for a named statement cannot see it and guesses ten rows per
 * need, twice the home page's five, so its cost stayed above the custom plans' and every execution was planned again,
 * the supplier-name lookups with it (0.1-0.25 ms of the server's CPU per home page; written in, the generic plan is
 * taken from the sixth execution on: docs/benchmarks.md, "Session 16: home page"). Page sizes are few (`first` is
 * 0-100, and clients use a handful), so the texts stay few, as the need page's LIMIT (need.queries.ts).
 */
function listedMatchesSql(columns: MatchColumn[] | null, topRanks: number | null, supplierNames: boolean): string {
  const names = columns ?? (Object.keys(LISTED_COLUMNS) as MatchColumn[]);
  const filtered = topRanks === null;
  if (!filtered && !Number.isSafeInteger(topRanks)) throw new Error(`page size must be a whole number, not ${topRanks}`);
  const key = `${topRanks ?? "filtered"}|${supplierNames}|${names.join(",")}`;
  let sql = listedSql.get(key);
  if (sql === undefined) {
    const selected = names.map((n) => `m."${n}"`);
    if (supplierNames) {
      // One lookup, in the table of the match's kind. Lookups by primary key, not joins: with joins PostgreSQL hashed
      // the whole Expert table for every page (measured: docs/benchmarks.md, "Design decisions measured").
      selected.push(`${SUPPLIER_NAME_LOOKUP} AS "supplierName"`);
    }
    const condition = filtered
      ? `($2::text[] IS NULL OR m."supplierKind"::text = ANY($2::text[])) AND ($3::float8 IS NULL OR m."score" >= $3::float8)`
      : `m."rank" <= ${topRanks}`;
    sql = `SELECT ${selected.join(", ")} FROM "Match" m WHERE m."needId" = ANY($1::int[]) AND ${condition} ORDER BY m."needId", m."rank"`;
    listedSql.set(key, sql);
  }
  return sql;
}

export interface SupplierName {
  id: number;
  name: string;
}

/**
 * A supplier's id and name, for selections of `supplier` that ask for nothing else (a home page's list of who was
 * suggested): a narrow read instead of whole rows (an expert's keywords, contacts, dates …). Keys are `KIND:id`.
 * One fixed statement for every kind's table, whatever the keys: a statement per table cost two more round trips
 * per page, and Prisma's `IN ($1…$n)`, whose text changes with the number of ids, a query compile each time.
 */
export function supplierNamesLoader(prisma: Prisma) {
  return new DataLoader<`${SupplierKind}:${number}`, SupplierName | null>(async (keys) => {
    const ids = idsByKind(keys.map((key) => {
      const [kind, id] = key.split(":");
      return { kind: kind as SupplierKind, id: Number(id) };
    }));
    const rows = await fixedRead<SupplierName & { kind: SupplierKind }>(prisma, SUPPLIER_NAMES_SQL, SUPPLIER_KINDS.map((k) => ids[k.kind]));
    const found = new Map(rows.map((row) => [`${row.kind}:${row.id}`, { id: row.id, name: row.name }]));
    return keys.map((key) => found.get(key) ?? null);
  });
}

const SUPPLIER_NAMES_SQL = SUPPLIER_KINDS.map((k, i) => `SELECT '${k.kind}' AS "kind", "id", "name" FROM "${k.table}" WHERE "id" = ANY($${i + 1}::int[])`).join(" UNION ALL ");

/** Whether a selection of `supplier` (fields of any of its types) needs nothing but `id` and `name`. */
export function namesOnly(fields: ReadonlySet<string>): boolean {
  return columnsFor(fields, SUPPLIER_NAME_FIELDS, ["id"]) !== null;
}
const SUPPLIER_NAME_FIELDS: Readonly<Record<string, readonly string[]>> = { id: ["id"], name: ["name"] };
