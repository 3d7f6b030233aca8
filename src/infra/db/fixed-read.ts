import { types } from "pg";
import type { Prisma } from "./database";

/** Runs one read statement straight on the driver, outside any transaction. */
export type DirectReader = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

const readers = new WeakMap<object, DirectReader>();

/** Lets fixed reads through this client go straight to the driver (database.ts, for the root client only). */
export function readDirectly(prisma: object, reader: DirectReader): void {
  readers.set(prisma, reader);
}

/**
 * A read of fixed SQL text (never spliced: values are bound parameters) whose columns are plain: int, text,
 * boolean, enum (as its label), timestamp(3) (as a UTC Date), double precision, text[]. On the root client it goes
 * straight to the driver (pg or PGlite): Prisma's raw-query path costs 0.25–0.4 ms of CPU per statement on top of
 * the driver's, the largest share of a by-id read, and buys nothing for such rows. Any other client (a
 * transaction's, a test's) runs it through Prisma, so a read inside a transaction still sees the transaction.
 * Statements are counted, and refused after the operation's deadline, as Prisma's are (database.ts).
 */
export function fixedRead<Row>(prisma: Prisma, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const reader = readers.get(prisma);
  return (reader ? reader(sql, params) : prisma.$queryRawUnsafe(sql, ...params)) as Promise<Row[]>;
}

// Prisma stores DateTime as `timestamp(3)` in UTC; pg would read such a value in the process's local time zone (a hub
// run with TZ=Asia/Shanghai would be eight hours off). On PGlite, pglite-parsers.ts reads it.
const utcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
export const UTC_TIMESTAMPS = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === types.builtins.TIMESTAMP ? utcTimestamp : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};
