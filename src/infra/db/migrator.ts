import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../logger";
import { PROJECT_ROOT } from "../paths";
import type { SqlSession } from "./sql-session";

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

// Prisma's own bookkeeping table, so that `prisma migrate deploy` agrees with what we applied.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; several instances starting at once serialise on it (one applies, the others wait).
const MIGRATION_LOCK_KEY = 72_610_417;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies the pending migrations in order, each in its own transaction, under a session advisory lock.
 * Returns the names applied. Refuses to run when an applied migration's file has changed since.
 */
export async function migrate(session: SqlSession, log: Logger, migrations = readMigrations()): Promise<string[]> {
  await session.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    await session.exec(CREATE_MIGRATIONS_TABLE);
    const applied = await appliedMigrations(session);
    const pending: Migration[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum === undefined) pending.push(migration);
      else if (checksum !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was changed after it was applied (checksum differs)`);
      }
    }
    for (const [index, migration] of pending.entries()) {
      log.info({ migration: migration.name, step: index + 1, of: pending.length }, "applying migration");
      await applyOne(session, migration);
    }
    return pending.map((m) => m.name);
  } finally {
    await session.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}

async function appliedMigrations(session: SqlSession): Promise<Map<string, string>> {
  const rows = await session.query(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Map(rows.map((row) => [String(row.migration_name), String(row.checksum)]));
}

async function applyOne(session: SqlSession, migration: Migration): Promise<void> {
  const id = randomUUID();
  // A migration and its bookkeeping row commit together, so a crash leaves either both or neither.
  const record =
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) ` +
    `VALUES ('${id}', '${migration.checksum}', '${migration.name.replace(/'/g, "''")}', now(), now(), 1);`;
  await session.exec("BEGIN");
  try {
    await session.exec(`${migration.sql}\n;${record}`);
    await session.exec("COMMIT");
  } catch (err) {
    await session.exec("ROLLBACK");
    throw new Error(`Migration ${migration.name} failed: ${(err as Error).message}`);
  }
}
