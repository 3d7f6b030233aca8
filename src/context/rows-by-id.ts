import type { Prisma } from "../infra/db/database";
import { fixedRead } from "../infra/db/fixed-read";
import type { EnterpriseRow, UserRow } from "../infra/db/rows";

// The hottest by-id reads (the token check's user on every signed-in request; the user and enterprise loaders on
// every home page) as fixed SQL text, read straight from the driver (fixed-read.ts): Prisma's query compiler and
// result mapping cost most of such a one-row statement's CPU, and here they buy nothing. The text is built once, from a record
// that must name every column of the Prisma row type (a column added to the schema fails compilation here), and
// the ids are always a bound parameter, never spliced into the text. One id (the usual batch: the token's user, the
// viewer's enterprise) gets its own text, `"id" = $1`: PostgreSQL then settles on one generic plan for the named
// statement and only binds it, whereas `= ANY($1)` looks costlier as a generic plan (it assumes ten ids) and was
// planned again on every execution.

type ColumnsOf<Row> = Readonly<Record<keyof Row & string, string>>;

interface ByIdSql {
  one: string;
  many: string;
}

/** SELECT of every column of the row, by id; `expr` is the column as read (a cast where pg's default would differ). */
function selectById<Row>(table: string, columns: ColumnsOf<Row>): ByIdSql {
  const list = Object.entries(columns).map(([name, expr]) => `${expr} AS "${name}"`);
  const select = `SELECT ${list.join(", ")} FROM "${table}"`;
  return { one: `${select} WHERE "id" = $1::int`, many: `${select} WHERE "id" = ANY($1::int[])` };
}

function readById<Row>(prisma: Prisma, sql: ByIdSql, ids: readonly number[]): Promise<Row[]> {
  return ids.length === 1 ? fixedRead<Row>(prisma, sql.one, [ids[0]]) : fixedRead<Row>(prisma, sql.many, [[...ids]]);
}

const column = (name: string) => `"${name}"`;
const same = <K extends string>(...names: K[]) => Object.fromEntries(names.map((n) => [n, column(n)])) as Record<K, string>;

// Drivers map int, text, boolean, timestamp (Date) and enum (its label) as Prisma does; an enum array comes back
// as PostgreSQL's array literal text unless cast to text[] (test/integration/rows-by-id.test.ts compares both).
const USER_SQL = selectById<UserRow>(
  "User",
  same("id", "email", "passwordHash", "role", "enterpriseId", "societyId", "expertId", "platformId", "active", "tokenVersion", "createdAt", "updatedAt"),
);
const ENTERPRISE_SQL = selectById<EnterpriseRow>("Enterprise", {
  ...same("id", "name", "creditCode", "regionCode", "hasRdAccount", "onKczg", "kczgSince", "contact", "createdAt", "updatedAt"),
  designations: `"designations"::text[]`,
});

/** Users by id, in no particular order (unknown ids are absent). */
export function usersById(prisma: Prisma, ids: readonly number[]): Promise<UserRow[]> {
  return readById<UserRow>(prisma, USER_SQL, ids);
}

/** Enterprises by id, in no particular order (unknown ids are absent). */
export function enterprisesById(prisma: Prisma, ids: readonly number[]): Promise<EnterpriseRow[]> {
  return readById<EnterpriseRow>(prisma, ENTERPRISE_SQL, ids);
}

/** One user by id, or null. */
export async function userById(prisma: Prisma, id: number): Promise<UserRow | null> {
  const [row] = await usersById(prisma, [id]);
  return row ?? null;
}
