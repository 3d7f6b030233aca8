import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { onServer, PG_TEMPLATE_ENV, TEMPLATE_ENV } from "./global-setup";

/**
 * Where a test hub keeps its data: an in-memory PGlite by default; with DATABASE_URL set (CI's PostgreSQL
 * suite), a fresh database of its own on that server, dropped afterwards, so test files run in parallel.
 */
export interface TestDatabase {
  databaseUrl: string | null;
  dataDir: string;
  /** In-memory PGlite: the migrated data folder to start from (global-setup.ts); undefined when jest made none. */
  embeddedTemplate?: Blob;
  drop(): Promise<void>;
}

export async function testDatabase({ empty = false }: { empty?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { databaseUrl: null, dataDir: "memory://", embeddedTemplate: empty ? undefined : embeddedTemplate(), drop: async () => {} };
  const name = `hub_test_${randomBytes(6).toString("hex")}`;
  const template = process.env[PG_TEMPLATE_ENV];
  await adminQuery(serverUrl, `CREATE DATABASE ${name}${template && !empty ? ` TEMPLATE ${template}` : ""}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir: "",
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

let template: Blob | undefined;

/** The template global-setup.ts wrote, read once per test file. */
function embeddedTemplate(): Blob | undefined {
  const file = process.env[TEMPLATE_ENV];
  if (!file || !fs.existsSync(file)) return undefined;
  return (template ??= new Blob([new Uint8Array(fs.readFileSync(file))]));
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  await onServer(serverUrl, (admin) => admin.query(sql));
}
