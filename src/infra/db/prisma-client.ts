import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../../generated/prisma/client";
import { abortableAdapter, guardStatement } from "./deadline";
import { loadQueryCompilerWithoutItsSource } from "../library-patches/query-compiler";

/** A reader outside Prisma: fixed SQL straight to the driver (sql.ts). */
export type DirectReader = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** The Prisma client of either database, with the query event on for statement counting. */
export type CountingClient = ReturnType<typeof countingClient>;

/** A Prisma client on `adapter` that counts the statements it sends, and wraps readers outside Prisma to count theirs. */
export function countingClient(adapter: SqlDriverAdapterFactory) {
  // Matching runs inside the writing transaction; Prisma's 5 s default is too tight on a loaded 2-core box.
  const client = new PrismaClient({
    adapter: abortableAdapter(adapter),
    log: [{ emit: "event" as const, level: "query" as const }],
    transactionOptions: { timeout: 20_000, maxWait: 10_000 },
  });
  loadQueryCompilerWithoutItsSource(client);
  let count = 0;
  client.$on("query", () => {
    count += 1;
  });
  /** A reader outside Prisma, counted and held to the operation's deadline like Prisma's statements. */
  const counted = (read: DirectReader): DirectReader => (sql, params) =>
    guardStatement(() => {
      count += 1;
      return read(sql, params);
    });
  return { client, statements: () => count, counted };
}
