import { PGlite } from "@electric-sql/pglite";
import { PGLITE_SHARED_BUFFERS_MB } from "../../config";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { abortableAdapter, guardStatement } from "./deadline";
import { Client, Pool, type QueryResultRow } from "pg";
import { PGLITE_UTC_TIMESTAMPS, readDirectly, UTC_TIMESTAMPS, type DirectReader } from "./fixed-read";
import { PrismaClient } from "../../generated/prisma/client";
import type { Logger } from "../logger";
import { lockDataDir } from "./data-dir-lock";
import { migrate } from "./migrator";
import { pgSession, pgliteSession, type SqlSession } from "./sql-session";

/** The client type every service takes (the query event is on for statement counting). */
export type Prisma = ReturnType<typeof countingClient>["client"];

export interface Database {
  prisma: Prisma;
  kind: "pglite" | "postgresql";
  /** SQL statements sent since start; tests and benchmarks read differences of it. */
  statements(): number;
  /** Runs `work` on a single connection (advisory locks, multi-statement scripts). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… for PostgreSQL; otherwise the embedded database. */
  databaseUrl: string | null;
  /** PGlite data folder; "memory://" for an in-memory database (tests). */
  dataDir: string;
  log: Logger;
}

/** Opens the database the configuration names and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl, options.log) : await openPGlite(options.dataDir);
  const applied = await db.withSession((session) => migrate(session, options.log));
  options.log.info({ database: db.kind, applied: applied.length }, applied.length ? "migrations applied" : "schema up to date");
  return db;
}

async function openPGlite(dataDir: string): Promise<Database> {
  // One process per folder: a second hub (or a backup) opening it at the same time would corrupt it.
  const unlock = dataDir.startsWith("memory://") ? () => {} : lockDataDir(dataDir);
  const pglite = new PGlite(dataDir, { postgresqlconf: [`shared_buffers = ${pgliteSharedBuffersMb()}MB`] });
  await pglite.waitReady.catch((err) => {
    unlock();
    throw err;
  });
  const prisma = countingClient(new PrismaPGlite(pglite));
  readDirectly(prisma.client, prisma.counted(async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, [...params], PGLITE_UTC_TIMESTAMPS)).rows));
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

async function openPostgres(url: string, log: Logger): Promise<Database> {
  // While PostgreSQL is down or restarting, a request waits at most 5 s for a connection and then fails with
  // SERVICE_UNAVAILABLE (format-error.ts) instead of hanging; pg drops broken connections and opens fresh ones after.
  // One pool for Prisma's adapter and the fixed reads (fixed-read.ts).
  const pool = new Pool({ connectionString: url, max: Number(process.env.HUB_DB_POOL_SIZE || 10), connectionTimeoutMillis: 5_000 });
  pool.on("error", (err) => log.warn({ err: err.message }, "database connection lost (idle)"));
  const prisma = countingClient(
    new PrismaPg(pool, {
      disposeExternalPool: true,
      onConnectionError: (err) => log.warn({ err: err.message }, "database connection lost (in a transaction)"),
    }),
  );
  readDirectly(prisma.client, prisma.counted(async (sql, params) => (await pool.query<QueryResultRow>({ text: sql, values: [...params], types: UTC_TIMESTAMPS })).rows));
  return {
    prisma: prisma.client,
    kind: "postgresql",
    statements: prisma.statements,
    withSession: async (work) => {
      const client = new Client({ connectionString: url });
      // A dropped connection also fails the pending query; unheard, the 'error' event would end the process.
      client.on("error", (err) => log.warn({ err: err.message }, "database connection lost (session)"));
      await client.connect();
      try {
        return await work(pgSession(client));
      } finally {
        await client.end();
      }
    },
    close: () => prisma.client.$disconnect(),
  };
}

function countingClient(adapter: SqlDriverAdapterFactory) {
  // Matching runs inside the writing transaction; Prisma's 5 s default is too tight on a loaded 2-core box.
  const client = new PrismaClient({
    adapter: abortableAdapter(adapter),
    log: [{ emit: "event" as const, level: "query" as const }],
    transactionOptions: { timeout: 20_000, maxWait: 10_000 },
  });
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

