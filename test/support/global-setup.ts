import fs from "node:fs";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { migrate } from "../../src/infra/db/migrator";
import { pgSession, pgliteSession } from "../../src/infra/db/sql-session";
import { createLogger } from "../../src/infra/logger";

/** Where the migrated template of the embedded suite is kept while it runs (read by test/support/database.ts). */
export const TEMPLATE_ENV = "HUB_TEST_PGLITE_TEMPLATE";
/** The same, gzipped as a backup is: what hub processes started in memory by the tests begin from (HUB_MEMORY_FROM). */
export const EMBEDDED_BACKUP_ENV = "HUB_TEST_PGLITE_BACKUP";
/** The PostgreSQL suite's migrated template database, copied by each test's CREATE DATABASE … TEMPLATE. */
export const PG_TEMPLATE_ENV = "HUB_TEST_PG_TEMPLATE";

/**
 * Before the embedded suite: one in-memory database, migrated as the hub migrates (the same migrator), dumped to a
 * file that every test hub starts from instead of running PGlite's initdb again (3.3 s against 0.75 s a hub on the
 * CI machine). Made afresh each run, so it always holds the current migrations. The PostgreSQL suite needs none.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return postgresTemplate(process.env.DATABASE_URL);
  const pglite = new PGlite("memory://");
  await migrate(pgliteSession(pglite), createLogger("silent"));
  const tarball = await pglite.dumpDataDir("none");
  await pglite.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hub-test-template-")), "pgdata.tar");
  const tar = new Uint8Array(await tarball.arrayBuffer());
  fs.writeFileSync(file, tar);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(tar, { level: 1 }));
  process.env[TEMPLATE_ENV] = file; // the workers start after this and inherit it
  process.env[EMBEDDED_BACKUP_ENV] = `${file}.gz`;
}

/**
 * The PostgreSQL suite likewise: one database migrated here, copied by every test's CREATE DATABASE (0.5 s) instead
 * of each test hub applying every migration to an empty one (2.6 s of psql alone on a quiet machine). Dropped by
 * global-teardown.ts. The migrator's own tests ask for an empty database (testDatabase({ empty: true })).
 */
async function postgresTemplate(serverUrl: string): Promise<void> {
  const name = `hub_test_template_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await onServer(url.toString(), (client) => migrate(pgSession(client), createLogger("silent")));
  process.env[PG_TEMPLATE_ENV] = name;
}

export async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
