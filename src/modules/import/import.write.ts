// The import's writes, in bulk as the demo's loader writes (infra/db/bulk-insert.ts): per chunk of rows, one INSERT of the
// new rows, one UPDATE of the changed ones, and one statement each for their chain links and society memberships,
// whatever the chunk's size. Row by row, 20,000 experts took about 31 rows/s under load.
import type { Context } from "../../context/context";
import type { PrismaTypes } from "../../infra/db/rows";
import { insertReturningIds, insertRows, TABLES, updateRowsById, type TableSpec } from "../../infra/db/bulk-insert";
import { logStatusChanges } from "../workflow";
import type { ImportKind } from "./import.columns";
import type { ParsedRow } from "./import.rows";

type Tx = PrismaTypes.TransactionClient;

/** One row's write: the stored row its natural key found (null: a new row), the columns it sets, and whether they differ. */
export interface Planned {
  parsed: ParsedRow;
  found: Record<string, unknown> | null;
  data: Record<string, unknown>;
  changed: boolean;
}

export type WriteProgress = (done: number, total: number) => void;

/** Rows per statement: one json parameter each (bulk-insert.ts), a few hundred kB for 1,000 experts. */
const CHUNK = 1000;

interface KindTables {
  /** Every column a new row gets (the row's own columns and those below). */
  insert: TableSpec;
  /** What only a new row sets. */
  created: (now: Date) => Record<string, unknown>;
  /** Link tables replaced with the row's list: chain links, an expert's societies. */
  links: Array<{ spec: TableSpec; parent: string; child: string; values: (data: Record<string, unknown>) => unknown[] }>;
}

const withContact = (spec: TableSpec): TableSpec => ({ table: spec.table, columns: { ...spec.columns, contact: "jsonb" } });
const chains = (data: Record<string, unknown>) => (data.chains as string[] | undefined) ?? [];
const active = (now: Date) => ({ active: true, createdAt: now });

const KINDS: Record<ImportKind, KindTables> = {
  enterprises: {
    insert: withContact(TABLES.enterprise),
    created: (now) => ({ createdAt: now }),
    links: [{ spec: TABLES.enterpriseChain, parent: "enterpriseId", child: "chainCode", values: chains }],
  },
  societies: { insert: withContact(TABLES.society), created: active, links: [] },
  platforms: {
    insert: withContact(TABLES.platform),
    created: active,
    links: [{ spec: TABLES.platformChain, parent: "platformId", child: "chainCode", values: chains }],
  },
  experts: {
    insert: TABLES.expert,
    created: active,
    links: [
      { spec: TABLES.expertChain, parent: "expertId", child: "chainCode", values: chains },
      { spec: TABLES.societyMembership, parent: "expertId", child: "societyId", values: (data) => (data.societyIds as number[] | undefined) ?? [] },
    ],
  },
  needs: { insert: TABLES.need, created: (now) => ({ status: "OPEN", openedAt: now, createdAt: now, isChallenge: false }), links: [] },
};

/**
 * Writes the changed rows of a plan inside the caller's transaction; their ids, in the plan's order. New needs get
 * their first status step (OPEN), as postNeed writes it.
 */
export async function writeChangedRows(tx: Tx, ctx: Context, kind: ImportKind, changed: Planned[], progress: WriteProgress): Promise<number[]> {
  const tables = KINDS[kind];
  const now = new Date();
  const ids: number[] = [];
  let update: TableSpec | null = null;
  for (let offset = 0; offset < changed.length; offset += CHUNK) {
    const chunk = changed.slice(offset, offset + CHUNK);
    const rows = chunk.map((p) => rowOf(p, now));
    update ??= updateSpec(tables.insert, rows[0]!);
    const fresh = chunk.flatMap((p, i) => (p.found === null ? [i] : []));
    const stored = chunk.flatMap((p, i) => (p.found === null ? [] : [i]));
    const newIds = await insertReturningIds(tx, tables.insert, fresh.map((i) => ({ ...rows[i]!, ...tables.created(now) })));
    await updateRowsById(tx, update, stored.map((i) => ({ ...rows[i]!, id: chunk[i]!.found!.id as number })));
    const chunkIds = chunk.map((p) => (p.found?.id as number | undefined) ?? -1);
    fresh.forEach((i, k) => (chunkIds[i] = newIds[k]!));
    const storedIds = stored.map((i) => chunkIds[i]!);
    for (const link of tables.links) {
      if (storedIds.length) await tx.$executeRawUnsafe(`DELETE FROM "${link.spec.table}" WHERE "${link.parent}" = ANY($1::int[])`, storedIds);
      await insertRows(tx, link.spec, chunk.flatMap((p, i) => link.values(p.data).map((value) => ({ [link.parent]: chunkIds[i], [link.child]: value }))));
    }
    if (kind === "needs") await logStatusChanges(tx, ctx, newIds.map((needId) => ({ subject: "NEED" as const, needId, from: null, to: "OPEN", at: now })));
    ids.push(...chunkIds);
    progress(offset + chunk.length, changed.length);
  }
  return ids;
}

/** The row's own columns as stored (links apart), with `updatedAt`; 科创中国's date moves only when the flag does. */
function rowOf(p: Planned, now: Date): Record<string, unknown> {
  const { chains: _chains, societyIds: _societyIds, ...columns } = p.data;
  const row: Record<string, unknown> = { ...columns, updatedAt: now };
  if ("onKczg" in columns) {
    const before = p.found;
    row.kczgSince = before && before.onKczg === columns.onKczg ? (before.kczgSince ?? null) : columns.onKczg ? now : null;
  }
  return row;
}

/** The update sets exactly the columns a row of the file sets (every row of a kind has the same). */
function updateSpec(insert: TableSpec, row: Record<string, unknown>): TableSpec {
  const columns: Record<string, string> = {};
  for (const column of Object.keys(row)) {
    const type = insert.columns[column];
    if (!type) throw new Error(`${insert.table}: the import sets ${column}, which the bulk writer does not know`);
    columns[column] = type;
  }
  return { table: insert.table, columns };
}
