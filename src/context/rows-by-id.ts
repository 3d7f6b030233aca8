import { sql, type SelectQueryBuilder } from "kysely";
import type { Prisma } from "../infra/db/database";
import type { EnterpriseRow, UserRow } from "../infra/db/rows";
import { db, rows, type Database } from "../infra/db/sql";

// The hottest by-id reads (the token check's user on every signed-in request; the user and enterprise loaders on
// every home page), read straight from the driver (sql.ts `rows`): Prisma's query compiler and result mapping cost
// most of such a one-row statement's CPU, and here they buy nothing. The ids are always a bound parameter. One id
// (the usual batch: the token's user, the viewer's enterprise) gets its own text, `"id" = $1`: PostgreSQL then
// settles on one generic plan for the named statement and only binds it, whereas `= any($1)` looks costlier as a
// generic plan (it assumes ten ids) and was planned again on every execution.

type ById<Table extends keyof Database, Row> = SelectQueryBuilder<Database, Table, Row>;

function byIds<Table extends keyof Database & ("User" | "Enterprise"), Row>(query: ById<Table, Row>, ids: readonly number[]) {
  const id = sql.ref<number>("id");
  return ids.length === 1 ? query.where(id, "=", ids[0]) : query.where(id, "=", sql<number>`any(${[...ids]})`);
}

/** Users by id, in no particular order (unknown ids are absent). */
export function usersById(prisma: Prisma, ids: readonly number[]): Promise<UserRow[]> {
  return rows(prisma, byIds(db.selectFrom("User").selectAll(), ids));
}

/**
 * Enterprises by id, in no particular order (unknown ids are absent). An enum array comes back as PostgreSQL's
 * array literal text unless cast to text[] (test/integration/rows-by-id.test.ts compares the rows with Prisma's).
 */
export function enterprisesById(prisma: Prisma, ids: readonly number[]): Promise<EnterpriseRow[]> {
  const query = db
    .selectFrom("Enterprise")
    .select(["id", "name", "creditCode", "regionCode", "hasRdAccount", "onKczg", "kczgSince", "contact", "createdAt", "updatedAt"])
    .select(sql<EnterpriseRow["designations"]>`"designations"::text[]`.as("designations"));
  return rows(prisma, byIds(query, ids)) as Promise<EnterpriseRow[]>;
}

/** One user by id, or null. */
export async function userById(prisma: Prisma, id: number): Promise<UserRow | null> {
  const [row] = await usersById(prisma, [id]);
  return row ?? null;
}
