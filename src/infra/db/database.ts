import fs from "node:fs";
import v8 from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_SHARED_BUFFERS_MB } from "../../config";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { abortableAdapter, guardStatement } from "./deadline";
import { Client, Pool, type QueryResultRow } from "pg";
import { readDirectly, UTC_TIMESTAMPS, type DirectReader } from "./fixed-read";
import { NAMED_STATEMENTS_MAX, StatementNames } from "./prepared-statements";
import { fixedReadRows, parsersLeftInPGlite } from "./pglite-parsers";
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
  /** PostgreSQL: name statements seen before, so that each connection parses them once (prepared-statements.ts). */
  namedStatements?: boolean;
  /**
   * An in-memory ("memory://") database starts from this data folder (PGlite's `dumpDataDir` tarball) instead of
   * running initdb: 0.75 s against 3.3 s here. The test suites start their hubs from one migrated folder.
   */
  embeddedTemplate?: Blob;
  log: Logger;
}

/** Opens the database the configuration names and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl, options.log, options.namedStatements ?? true) : await openPGlite(options.dataDir, options.embeddedTemplate);
  const applied = await db.withSession((session) => migrate(session, options.log));
  options.log.info({ database: db.kind, applied: applied.length }, applied.length ? "migrations applied" : "schema up to date");
  return db;
}

async function openPGlite(dataDir: string, template?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  // One process per folder: a second hub (or a backup) opening it at the same time would corrupt it.
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  const pglite = new PGlite(dataDir, {
    postgresqlconf: [`shared_buffers = ${pgliteSharedBuffersMb()}MB`],
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

async function openPostgres(url: string, log: Logger, namedStatements: boolean): Promise<Database> {
  // While PostgreSQL is down or restarting, a request waits at most 5 s for a connection and then fails with
  // SERVICE_UNAVAILABLE (format-error.ts) instead of hanging; pg drops broken connections and opens fresh ones after.
  // One pool for Prisma's adapter and the fixed reads (fixed-read.ts).
  const pool = new Pool({
    connectionString: url,
    max: Number(process.env.HUB_DB_POOL_SIZE || 10),
    connectionTimeoutMillis: 5_000,
  });
  // Statements are parsed once per connection (prepared-statements.ts), Prisma's and the fixed reads alike.
  const names = new StatementNames(namedStatements ? NAMED_STATEMENTS_MAX : 0);
  pool.on("error", (err) => log.warn({ err: err.message }, "database connection lost (idle)"));
  const prisma = countingClient(
    new PrismaPg(pool, {
      disposeExternalPool: true,
      // undefined (a text seen once) leaves the statement unnamed, as without the option; the type says string.
      statementNameGenerator: (query) => names.nameFor(query.sql) as string,
      onConnectionError: (err) => log.warn({ err: err.message }, "database connection lost (in a transaction)"),
    }),
  );
  readDirectly(prisma.client, prisma.counted(async (sql, params) => (await pool.query<QueryResultRow>({ name: names.nameFor(sql), text: sql, values: [...params], types: UTC_TIMESTAMPS })).rows));
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

/** What Prisma's generated client gives its engine to load the query compiler (generated/prisma/internal/class.ts). */
interface CompilerWasm {
  getQueryCompilerWasmModule: () => Promise<object>;
}

/** The global WebAssembly object (the project's type libraries do not declare it). */
const WebAssemblyModule = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } }).WebAssembly.Module;

const OWN_LOADER = Symbol("hub: the query compiler is read without Node's module loader");

/**
 * Prisma's generated client imports its query compiler (WebAssembly) from a module that exports it as one 4.6 MB
 * base64 string. Node's module loader keeps that module's source and its exported string for the life of the
 * process: 13 MB of V8's heap at start (its large-object space 15 → 2 MB) that nothing reads again once the
 * compiler is compiled (once per process). Reading the same file here leaves only short-lived strings. The loader
 * is shared by every client of the process, so it is replaced once; a generated client of another shape keeps
 * Prisma's own loading (the unit test on it then fails).
 */
export function loadQueryCompilerWithoutItsSource(client: object): void {
  const wasm = (client as { _engineConfig?: { compilerWasm?: CompilerWasm & { [OWN_LOADER]?: true } } })._engineConfig?.compilerWasm;
  if (!wasm || wasm[OWN_LOADER] || typeof wasm.getQueryCompilerWasmModule !== "function") return;
  const file = compilerModuleFile(wasm.getQueryCompilerWasmModule);
  if (!file) return;
  wasm.getQueryCompilerWasmModule = async () => compileBase64Module(file);
  wasm[OWN_LOADER] = true;
}

/**
 * The file Prisma's loader imports (`import("…wasm-base64.js")` in its source, `require(…)` once a test's compiler
 * has rewritten it), resolved; null if it names none.
 */
export function compilerModuleFile(load: () => unknown): string | null {
  const specifier = /(?:import|require)\((["'])([^"']+\.wasm-base64\.js)\1\)/.exec(load.toString())?.[2];
  if (!specifier) return null;
  try {
    return require.resolve(specifier);
  } catch {
    return null;
  }
}

/** Compiles the WebAssembly a `module.exports = { wasm }` file holds as its only string literal (baseline code only). */
export function compileBase64Module(file: string): object {
  const source = fs.readFileSync(file, "latin1");
  const start = source.indexOf('"');
  const end = source.indexOf('"', start + 1);
  if (start < 0 || end < 0) throw new Error(`no base64 string in ${file}`);
  return compileBaselineOnly(Buffer.from(source.slice(start + 1, end), "base64"));
}

/**
 * Compiles a WebAssembly module whose functions never move up to V8's optimising tier. Prisma's query compiler
 * runs once per query shape (Prisma caches the plans), yet V8 optimised enough of its functions over the first
 * queries to hold 56–63 MB of RSS instead of 21–28 (optimised code, and what its compilation left in the
 * allocator's thread arenas), for no CPU per request that we could measure (docs/benchmarks.md, "Session 6:
 * memory"). V8 fixes a module's tiers when it compiles it, so the flag is on only for this synchronous call;
 * PGlite's module, compiled before, keeps its optimising tier.
 */
export function compileBaselineOnly(bytes: Uint8Array): object {
  v8.setFlagsFromString("--liftoff-only");
  try {
    return new WebAssemblyModule(bytes);
  } finally {
    v8.setFlagsFromString("--no-liftoff-only");
  }
}
