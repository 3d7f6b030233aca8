import type { Prisma } from "./database-types";
import type { DirectReader } from "./prisma-client";

/** Runs one read statement straight on the driver, outside any transaction. */
export type { DirectReader } from "./prisma-client";

const readers = new WeakMap<object, DirectReader>();

/** Lets fixed reads through this client go straight to the driver (embedded.ts and postgres.ts, for the root client only). */
export function readDirectly(prisma: object, reader: DirectReader): void {
  readers.set(prisma, reader);
}

/**
 * A read of fixed SQL text (never spliced: values are bound parameters) whose columns are plain: int, text,
 * boolean, enum (as its label), timestamp(3) (as a UTC Date), double precision, text[]. On the root client it goes
 * straight to the driver (pg or PGlite): Prisma's raw-query path costs more CPU per statement than
 * the driver's (measured: docs/benchmarks.md, "Design decisions measured"), and buys nothing for such rows. Any other client (a
 * transaction's, a test's) runs it through Prisma, so a read inside a transaction still sees the transaction.
 * Statements are counted, and refused after the operation's deadline, as Prisma's are (prisma-client.ts).
 */
export function fixedRead<Row>(prisma: Prisma, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const reader = readers.get(prisma);
  return (reader ? reader(sql, params) : prisma.$queryRawUnsafe(sql, ...params)) as Promise<Row[]>;
}
