import { sql, type CompiledQuery, type SelectQueryBuilder } from "kysely";
import type { Prisma } from "../infra/db/database";
import type { EnterpriseRow, UserRow } from "../infra/db/rows";
import { db, fixedRead, type Database } from "../infra/db/sql";

// The hottest by-id reads (the token check's user on every signed-in request; the user and enterprise loaders on
// every home page), read straight from the driver (sql.ts `rows`): Prisma's query compiler and result mapping cost
// most of such a one-row statement's CPU, and here they buy nothing. The ids are always a bound parameter. One id
// (the usual batch: the token's user, the viewer's enterprise) gets its own text, `"id" = $1`: PostgreSQL then
// settles on one generic plan for the named statement and only binds it, whereas `= any($1)` looks costlier as a
// generic plan (it assumes ten ids) and was planned again on every execution.

type ById<Table extends keyof Database, Row> = SelectQueryBuilder<Database, Table, Row>;

interface ByIdText<Row> {
  one: CompiledQuery<Row>;
  many: CompiledQuery<Row>;
}

/**
 * The two statements of a by-id read, compiled once (the builder's work is then paid at start, not on every signed-in
 * request); `0` and `[]` stand for the ids, the only parameter, bound at each read.
 */
function byIdText<Row>(query: ById<"User" | "Enterprise", Row>): ByIdText<Row> {
  const id = sql.ref<number>("id");
  return { one: query.where(id, "=", 0).compile(), many: query.where(id, "=", sql<number>`any(${[] as number[]})`).compile() };
}

function readById<Row>(prisma: Prisma, text: ByIdText<Row>, ids: readonly number[]): Promise<Row[]> {
  return ids.length === 1 ? fixedRead<Row>(prisma, text.one.sql, [ids[0]]) : fixedRead<Row>(prisma, text.many.sql, [[...ids]]);
}

const USERS = byIdText(db.selectFrom("User").selectAll());
// An enum array comes back as PostgreSQL's array literal text unless cast to text[] (test/integration/rows-by-id.test.ts
// compares the rows with Prisma's).
const ENTERPRISE_COLUMNS = ["id", "name", "creditCode", "regionCode", "hasRdAccount", "onKczg", "kczgSince", "contact", "createdAt", "updatedAt"] as const;
const ENTERPRISES = byIdText(
  db
    .selectFrom("Enterprise")
    .select(ENTERPRISE_COLUMNS)
    .select(sql<EnterpriseRow["designations"]>`"designations"::text[]`.as("designations")),
);

// What a subscriber's token check reads of its user on every event (context/deliver.ts tokenCheck): a fan-out reads
// thousands of these per event, and the whole row (hash, dates) would cost most of the parsing.
const TOKEN_STATES = byIdText(db.selectFrom("User").select(["id", "active", "tokenVersion"]));

/** What decides whether a user's tokens still hold, by id, in no particular order (unknown ids are absent). */
export function tokenStatesById(prisma: Prisma, ids: readonly number[]): Promise<Array<Pick<UserRow, "id" | "active" | "tokenVersion">>> {
  return readById(prisma, TOKEN_STATES as unknown as ByIdText<Pick<UserRow, "id" | "active" | "tokenVersion">>, ids);
}

// The token check reads the user's row with the row of the enterprise it acts for, in one statement: the
// enterprise's home page asks for it next (`me { organization }`), and as a second statement it cost a round trip
// and the driver's work for one more statement on every home page (measured: docs/benchmarks.md, "Design decisions
// measured"). The enterprise's columns come prefixed; a user acting for none gets nulls, read as no enterprise.
const JOINED = "enterprise.";
const VIEWER_ROWS = `SELECT u.*, ${ENTERPRISE_COLUMNS.map((c) => `e."${c}" AS "${JOINED}${c}"`).join(", ")}, e."designations"::text[] AS "${JOINED}designations" FROM "User" u LEFT JOIN "Enterprise" e ON e."id" = u."enterpriseId" WHERE u."id" = $1`;

/** A user's row and, when the user acts for an enterprise, the enterprise's row (both as the loaders' rows); null for an unknown id. */
export async function viewerRowsById(prisma: Prisma, id: number): Promise<{ user: UserRow; enterprise: EnterpriseRow | null } | null> {
  const [row] = await fixedRead<Record<string, unknown>>(prisma, VIEWER_ROWS, [id]);
  if (!row) return null;
  const user: Record<string, unknown> = {};
  const enterprise: Record<string, unknown> = {};
  for (const key in row) {
    if (key.startsWith(JOINED)) enterprise[key.slice(JOINED.length)] = row[key];
    else user[key] = row[key];
  }
  return { user: user as UserRow, enterprise: enterprise.id === null ? null : (enterprise as EnterpriseRow) };
}

// What a list that names each row's enterprise usually shows (enterprise.columns.ts decides when it suffices).
const ENTERPRISE_BRIEFS = byIdText(db.selectFrom("Enterprise").select(["id", "name", "regionCode"]));
export type EnterpriseBriefColumn = "id" | "name" | "regionCode";
export type EnterpriseBrief = Pick<EnterpriseRow, EnterpriseBriefColumn>;

/** Users by id, in no particular order (unknown ids are absent). */
export function usersById(prisma: Prisma, ids: readonly number[]): Promise<UserRow[]> {
  return readById(prisma, USERS, ids);
}

/** Enterprises by id, in no particular order (unknown ids are absent). */
export function enterprisesById(prisma: Prisma, ids: readonly number[]): Promise<EnterpriseRow[]> {
  return readById(prisma, ENTERPRISES, ids) as Promise<EnterpriseRow[]>;
}

/** Enterprises' id, name and region by id, in no particular order (unknown ids are absent). */
export function enterpriseBriefsById(prisma: Prisma, ids: readonly number[]): Promise<EnterpriseBrief[]> {
  return readById(prisma, ENTERPRISE_BRIEFS, ids);
}

/** One user by id, or null. */
export async function userById(prisma: Prisma, id: number): Promise<UserRow | null> {
  const [row] = await usersById(prisma, [id]);
  return row ?? null;
}
