import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGLITE_SHARED_BUFFERS_MB } from "../../config";
import type { Database } from "./database-types";
import { lockDataDir } from "./data-dir-lock";
import { readDirectly } from "./sql";
import { fixedReadRows, parsersLeftInPGlite } from "../library-patches/pglite-parsers";
import { countingClient } from "./prisma-client";
import { pgliteSession } from "./sql-session";

/** The embedded database (PGlite) in `dataDir`, or in memory ("memory://…"), optionally from a template folder. */
export async function openPGlite(dataDir: string, template?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  // One process per folder: a second hub (or a backup) opening it at the same time would corrupt it.
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  const pglite = new PGlite(dataDir, {
    postgresqlconf: [`shared_buffers = ${pgliteSharedBuffersMb()}MB`, `default_statistics_target = ${PGLITE_STATISTICS_TARGET}`],
    ...(inMemory && template ? { loadDataDir: template } : {}),
  });
  await pglite.waitReady.catch((err) => {
    unlock();
    throw err;
  });
  const prisma = countingClient(new PrismaPGlite(parsersLeftInPGlite(pglite)));
  readDirectly(prisma.client, prisma.counted(async (sql, params) => fixedReadRows(pglite, await pglite.query<Record<string, unknown>>(sql, [...params]))));
  const session = pgliteSession(pglite);
  return {
    prisma: prisma.client,
    kind: "pglite",
    statements: prisma.statements,
    withSession: (work) => work(session),
    close: async () => {
      await prisma.client.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}

/**
 * PGlite's buffer pool lives inside its WebAssembly memory, allocated at start: PostgreSQL's 128 MB default is
 * most of an idle embedded hub's memory. A page that misses the pool is read from the operating system's file
 * cache, which keeps the hub's working set at programme scale close to memory speed.
 */
function pgliteSharedBuffersMb(): number {
  return Number(process.env.HUB_PGLITE_SHARED_BUFFERS_MB || PGLITE_SHARED_BUFFERS_MB);
}

/**
 * ANALYZE samples 300 × this many rows of each table, and PGlite keeps the sample in its WebAssembly memory, whose
 * pages stay resident once touched: at PostgreSQL's default (100) the embedded vacuum's first ANALYZE added to the
 * hub's RSS for good about twice what 50 adds, and took longer, while requests wait (measured: docs/benchmarks.md, "Design decisions measured"). 50 keeps 50 common values and 50 histogram buckets a
 * column, plenty for tables of programme size.
 */
export const PGLITE_STATISTICS_TARGET = 50;
