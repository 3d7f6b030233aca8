import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Compilable, type CompiledQuery } from "kysely";
import type { Prisma } from "./database-types";
import type { DirectReader } from "./prisma-client";
import type { PrismaTypes } from "./rows";

// The one typed SQL builder of the hub's hot reads (each module's `X.queries.ts`): Kysely as a compiler only. It
// never opens a connection (DummyDriver); a compiled statement runs through the database the hub already has (see
// `rows`). Writes and simple reads stay with Prisma.

/**
 * The tables as Kysely sees them: every model's scalar columns, taken from the Prisma client generated from
 * schema.prisma (`npm run codegen`, or the postinstall), so the builder's types cannot drift from the schema: a
 * column renamed or dropped there fails compilation of every query naming it. No @map is used, so model and column
 * names are the table and column names.
 */
export type Database = {
  [Model in PrismaTypes.ModelName]: PrismaTypes.TypeMap["model"][Model]["payload"]["scalars"];
};

/** The builder. Build a query with it and run it with `rows`; `.execute()` would fail (no driver). */
export const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs one read statement straight on the driver, outside any transaction. */
export type { DirectReader } from "./prisma-client";

const readers = new WeakMap<object, DirectReader>();

/** Lets reads through this client go straight to the driver (embedded.ts and postgres.ts, for the root client only). */
export function readDirectly(prisma: object, reader: DirectReader): void {
  readers.set(prisma, reader);
}

/**
 * The rows of a query built with `db`. Its columns must be plain: int, text, boolean, enum (as its label),
 * timestamp(3) (as a UTC Date), double precision, text[]. On the root client the statement goes straight to the
 * driver (pg or PGlite): Prisma's raw-query path costs 0.25–0.4 ms of CPU per statement on top of the driver's, the
 * largest share of a by-id read, and buys nothing for such rows. Any other client (a transaction's, a test's) runs
 * it through Prisma, so a read inside a transaction still sees the transaction. Statements are counted, and refused
 * after the operation's deadline, as Prisma's are (prisma-client.ts). Values are always bound, never spliced.
 */
export function rows<Row>(prisma: Prisma | PrismaTypes.TransactionClient, query: Compilable<Row> | Pick<CompiledQuery<Row>, "sql" | "parameters">): Promise<Row[]> {
  // A statement compiled beforehand (kept for reuse, as need.queries.ts keeps its page) runs as it is.
  const compiled = "compile" in query ? query.compile() : query;
  return fixedRead<Row>(prisma, compiled.sql, compiled.parameters.map(boundValue));
}

/**
 * A Date bound as its UTC text: columns are `timestamp(3)` without a time zone, and pg would send a Date in the
 * process's local time with an offset, which PostgreSQL drops when it reads such a column.
 */
function boundValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return Array.isArray(value) ? value.map(boundValue) : value;
}

/**
 * A read of SQL text written by hand, as `rows` runs a built one. Only the matching engine's reads still use it
 * (match.loaders.ts); new reads are built with `db`.
 */
export function fixedRead<Row>(prisma: Prisma | PrismaTypes.TransactionClient, text: string, params: readonly unknown[]): Promise<Row[]> {
  const reader = readers.get(prisma);
  return (reader ? reader(text, params) : prisma.$queryRawUnsafe(text, ...params)) as Promise<Row[]>;
}
