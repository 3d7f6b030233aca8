import type { Logger } from "../logger";
import { migrate } from "./migrator";
import type { Database } from "./database-types";

export type { Database, Prisma } from "./database-types";

export interface DatabaseOptions {
  /** postgresql://… for PostgreSQL; otherwise the embedded database. */
  databaseUrl: string | null;
  /** PGlite data folder; "memory://" for an in-memory database (tests). */
  dataDir: string;
  /** PostgreSQL: name statements seen before, so that each connection parses them once (prepared-statements.ts). */
  namedStatements?: boolean;
  /**
   * An in-memory ("memory://") database starts from this data folder (PGlite's `dumpDataDir` tarball) instead of
   * running initdb, several times faster (measured: docs/benchmarks.md, "Design decisions measured"). The test suites start their hubs from one migrated folder.
   */
  embeddedTemplate?: Blob;
  log: Logger;
}

/**
 * Opens the database the configuration names and brings its schema up to date. Only that database's driver is
 * loaded: pg and Prisma's pg adapter, or PGlite and its adapter (start-up time that never uses the other;
 * (measured: docs/benchmarks.md, "Design decisions measured")).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await (require("./postgres") as typeof import("./postgres")).openPostgres(options.databaseUrl, options.log, options.namedStatements ?? true)
    : await (require("./embedded") as typeof import("./embedded")).openPGlite(options.dataDir, options.embeddedTemplate);
  const applied = await db.withSession((session) => migrate(session, options.log));
  options.log.info({ database: db.kind, applied: applied.length }, applied.length ? "migrations applied" : "schema up to date");
  return db;
}
