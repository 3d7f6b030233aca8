// Bulk INSERT of a batch of rows sent as ONE JSON parameter and unpacked server-side by json_to_recordset.
//
// Why not createMany/createManyAndReturn: both are several times slower on the embedded database
// (measured: docs/benchmarks.md, "Design decisions measured"). Prisma builds one bound
// parameter per cell (10,000 for 500 needs) and the embedded database parses each; here there is one
// parameter per batch. It is plain PostgreSQL, so it runs unchanged on PGlite and on a PostgreSQL server,
// through the same Prisma client and transaction. The column lists below mirror schema.prisma; the loader
// test fails if they drift (it reads every table back through Prisma).
import type { Prisma } from "../../generated/prisma/client";

export interface TableSpec {
  table: string;
  /** Column name → PostgreSQL type as json_to_recordset should read it (enums by their type name). */
  columns: Readonly<Record<string, string>>;
}

const sqlCache = new Map<string, string>();

/**
 * INSERT … SELECT … FROM json_to_recordset($1). With `ordered`, the rows are numbered (WITH ORDINALITY) and
 * inserted in input order, so the sequence hands out increasing ids in that order.
 */
function insertSql(spec: TableSpec, ordered: boolean): string {
  const key = `${spec.table}:${ordered}`;
  let sql = sqlCache.get(key);
  if (!sql) {
    const names = Object.keys(spec.columns).map((c) => `"${c}"`).join(", ");
    const definitions = Object.entries(spec.columns).map(([c, type]) => `"${c}" ${type}`).join(", ");
    sql = ordered
      ? `INSERT INTO "${spec.table}" (${names}) SELECT ${names} FROM ROWS FROM (json_to_recordset($1::json) AS (${definitions}))` +
        ` WITH ORDINALITY AS r(${names}, "ordinality") ORDER BY "ordinality" RETURNING id`
      : `INSERT INTO "${spec.table}" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS r(${definitions})`;
    sqlCache.set(key, sql);
  }
  return sql;
}

/**
 * Inserts `rows` (objects keyed by column name; Dates become ISO strings, which PostgreSQL reads as UTC for
 * the TIMESTAMP(3) columns Prisma uses) and returns their new ids in input order: ids are drawn from the
 * table's sequence in insertion order, so sorting them undoes whatever order RETURNING uses.
 */
export async function insertReturningIds(tx: Prisma.TransactionClient, spec: TableSpec, rows: object[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const returned = await tx.$queryRawUnsafe<Array<{ id: number }>>(insertSql(spec, true), JSON.stringify(rows));
  if (returned.length !== rows.length) throw new Error(`${spec.table}: inserted ${returned.length} rows, expected ${rows.length}`);
  return returned.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** Inserts `rows` (join rows and others whose ids nobody needs). */
export async function insertRows(tx: Prisma.TransactionClient, spec: TableSpec, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  const inserted = await tx.$executeRawUnsafe(insertSql(spec, false), JSON.stringify(rows));
  if (inserted !== rows.length) throw new Error(`${spec.table}: inserted ${inserted} rows, expected ${rows.length}`);
}

const ts = "timestamp(3)";

/** The demo's tables, as in prisma/migrations (quoted enum type names, text[] for String[]). */
export const TABLES = {
  society: {
    table: "Society",
    columns: { name: "text", level: '"SocietyLevel"', kind: '"SocietyKind"', disciplines: "text[]", active: "boolean", createdAt: ts, updatedAt: ts },
  },
  enterprise: {
    table: "Enterprise",
    columns: {
      name: "text", creditCode: "text", regionCode: "text", designations: '"EnterpriseDesignation"[]', hasRdAccount: "boolean",
      onKczg: "boolean", kczgSince: ts, createdAt: ts, updatedAt: ts,
    },
  },
  enterpriseChain: { table: "EnterpriseChain", columns: { enterpriseId: "integer", chainCode: "text" } },
  platform: {
    table: "InnovationPlatform",
    columns: {
      name: "text", kind: '"PlatformKind"', capabilities: "text", regionCode: "text", onKczg: "boolean", kczgSince: ts,
      active: "boolean", createdAt: ts, updatedAt: ts,
    },
  },
  platformChain: { table: "PlatformChain", columns: { platformId: "integer", chainCode: "text" } },
  expert: {
    table: "Expert",
    columns: {
      name: "text", title: "text", affiliation: "text", expertise: "text", keywords: "text[]", isYoungTalent: "boolean",
      capacity: "integer", email: "text", phone: "text", active: "boolean", employerId: "integer", createdAt: ts, updatedAt: ts,
    },
  },
  expertChain: { table: "ExpertChain", columns: { expertId: "integer", chainCode: "text" } },
  societyMembership: { table: "SocietyMembership", columns: { societyId: "integer", expertId: "integer" } },
  need: {
    table: "TechNeed",
    columns: {
      enterpriseId: "integer", title: "text", description: "text", chainCode: "text", kind: '"NeedKind"', status: '"NeedStatus"',
      visibility: '"Visibility"', keywords: "text[]", budgetMin: "integer", budgetMax: "integer", deadline: ts,
      isChallenge: "boolean", challengeAward: "integer", createdAt: ts, updatedAt: ts, openedAt: ts, firstResponseAt: ts,
      dockedAt: ts, resolvedAt: ts, closedAt: ts,
    },
  },
  response: {
    table: "Response",
    columns: {
      needId: "integer", societyId: "integer", proposal: "text", status: '"ResponseStatus"', declineReason: "text",
      createdAt: ts, updatedAt: ts,
    },
  },
  responseExpert: { table: "ResponseExpert", columns: { responseId: "integer", expertId: "integer" } },
  serviceRecord: {
    table: "ServiceRecord",
    columns: {
      societyId: "integer", enterpriseId: "integer", needId: "integer", kind: '"ServiceKind"', servedOn: ts, summary: "text",
      createdAt: ts, confirmedAt: ts,
    },
  },
  user: {
    table: "User",
    columns: {
      email: "text", passwordHash: "text", role: '"Role"', enterpriseId: "integer", societyId: "integer", expertId: "integer",
      createdAt: ts, updatedAt: ts,
    },
  },
} as const satisfies Record<string, TableSpec>;

const updateCache = new Map<string, string>();

/**
 * Updates rows by id in one statement (UPDATE … FROM json_to_recordset($1)), the update's twin of the inserts above:
 * every column of `spec` is set from the row, so a column the row leaves out becomes NULL; `spec` lists exactly the
 * columns the caller sets. Each row carries its `id`.
 */
export async function updateRowsById(tx: Prisma.TransactionClient, spec: TableSpec, rows: Array<{ id: number }>): Promise<void> {
  if (rows.length === 0) return;
  let sql = updateCache.get(spec.table + JSON.stringify(spec.columns));
  if (!sql) {
    const columns = Object.entries(spec.columns);
    const sets = columns.map(([c]) => `"${c}" = r."${c}"`).join(", ");
    const definitions = ["id integer", ...columns.map(([c, type]) => `"${c}" ${type}`)].join(", ");
    sql = `UPDATE "${spec.table}" t SET ${sets} FROM json_to_recordset($1::json) AS r(${definitions}) WHERE t.id = r.id`;
    updateCache.set(spec.table + JSON.stringify(spec.columns), sql);
  }
  const updated = await tx.$executeRawUnsafe(sql, JSON.stringify(rows));
  if (updated !== rows.length) throw new Error(`${spec.table}: updated ${updated} rows, expected ${rows.length}`);
}
