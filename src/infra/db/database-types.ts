import type { CountingClient } from "./prisma-client";
import type { SqlSession } from "./sql-session";

// The database's types, apart from database.ts (which re-exports them): the drivers' files (embedded.ts,
// postgres.ts) return a Database, and database.ts loads them, so the type cannot live there without a circle.

/** The client type every service takes (the query event is on for statement counting). */
export type Prisma = CountingClient["client"];

export interface Database {
  prisma: Prisma;
  kind: "pglite" | "postgresql";
  /** SQL statements sent since start; tests and benchmarks read differences of it. */
  statements(): number;
  /** Runs `work` on a single connection (advisory locks, multi-statement scripts). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
