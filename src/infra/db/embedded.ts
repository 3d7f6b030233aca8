import v8 from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGLITE_SHARED_BUFFERS_MB } from "../../config";
import type { Database } from "./database";
import { lockDataDir } from "./data-dir-lock";
import { readDirectly } from "./fixed-read";
import { fixedReadRows, parsersLeftInPGlite } from "./pglite-parsers";
import { countingClient } from "./prisma-client";
import { pgliteSession } from "./sql-session";

/** The embedded database (PGlite) in `dataDir`, or in memory ("memory://…"), optionally from a template folder. */
export async function openPGlite(dataDir: string, template?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  // One process per folder: a second hub (or a backup) opening it at the same time would corrupt it.
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  v8.setFlagsFromString(`--wasm-tiering-budget=${PGLITE_TIERING_BUDGET}`);
  const pglite = new PGlite(dataDir, {
    postgresqlconf: [`shared_buffers = ${pgliteSharedBuffersMb()}MB`],
    ...(inMemory && template ? { loadDataDir: template } : {}),
  });
  await pglite.waitReady
    .catch((err) => {
      unlock();
      throw err;
    })
    .finally(() => v8.setFlagsFromString(`--wasm-tiering-budget=${V8_TIERING_BUDGET}`));
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
 * V8 runs a WebAssembly function on its baseline compiler's code until the function has used up a budget (roughly
 * bytes of code executed), then compiles it again with its optimising compiler on a background thread. With V8's
 * default budget, PGlite's start-up alone (catalogues, the migration check, reference data) sends enough of
 * PostgreSQL's functions there to cost 0.5 s of background CPU, which on two cores holds the start-up back: ready
 * in 2.69 s against 2.41 s with this budget (median of 6 interleaved start-ups each; docs/benchmarks.md,
 * "Session 11"). Queries' hot functions still use the larger budget up within seconds: the home page's
 * throughput was the same after 20 s. V8 gives an instance its budget when it is made, so the flag is raised only
 * while PGlite's is, and other modules keep V8's default.
 */
const PGLITE_TIERING_BUDGET = 20_000_000;
/** V8's default (`node --v8-options`, Node 20). */
const V8_TIERING_BUDGET = 1_800_000;

/**
 * PGlite's buffer pool lives inside its WebAssembly memory, allocated at start: PostgreSQL's 128 MB default is
 * most of an idle embedded hub's memory. A page that misses the pool is read from the operating system's file
 * cache, which keeps the hub's working set at programme scale close to memory speed.
 */
function pgliteSharedBuffersMb(): number {
  return Number(process.env.HUB_PGLITE_SHARED_BUFFERS_MB || PGLITE_SHARED_BUFFERS_MB);
}

