import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { ConfigError, loadConfig } from "../config";
import { BadBackup, readBackup, summarize } from "../infra/db/backup-archive";
import { DataDirInUse, LOCK_FILE, dataDirHolder, lockDataDir } from "../infra/db/data-dir-lock";
import { createLogger } from "../infra/logger";

const STAGING = ".restoring";

/**
 * `npm run restore -- FILE [--force]`: puts a backup (npm run backup) into HUB_DATA_DIR. The folder must be empty
 * or new; --force replaces what it holds. Nothing is touched until the backup has been checked in full and opened
 * as a database beside the old contents (in HUB_DATA_DIR/.restoring, on the same disk), so a bad file or one that
 * does not open leaves the folder as it was. Refused while a hub holds the folder, --force or not.
 */
async function main() {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) throw new ConfigError("usage: npm run restore -- <backup file> [--force]");
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (config.databaseUrl) throw new ConfigError("DATABASE_URL is set: restore PostgreSQL with pg_restore or psql (README, Backup and restore)");
  const dataDir = config.dataDir;
  const holder = dataDirHolder(dataDir);
  if (holder !== null) throw new DataDirInUse(dataDir, holder);
  const existing = contents(dataDir);
  if (existing.length && !force) {
    throw new ConfigError(`${dataDir} is not empty: restore into an empty or new folder (HUB_DATA_DIR), or add --force to replace its contents`);
  }
  const started = Date.now();
  log.info({ file: path.resolve(file) }, "restore: checking the backup");
  const tar = readBackup(file);
  const unlock = lockDataDir(dataDir);
  const staging = path.join(dataDir, STAGING);
  try {
    fs.rmSync(staging, { recursive: true, force: true }); // left by an earlier restore that was cut short
    log.info({ dataDir, bytes: tar.length }, "restore: unpacking");
    const summary = await unpack(tar, staging);
    if (existing.length) log.warn({ dataDir, replaced: existing.length }, "restore: replacing the folder's contents (--force)");
    for (const entry of existing) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    fs.rmSync(path.join(staging, LOCK_FILE), { force: true }); // the backup's own, taken while it was written
    for (const entry of fs.readdirSync(staging)) fs.renameSync(path.join(staging, entry), path.join(dataDir, entry));
    log.info({ dataDir, ...summary, ms: Date.now() - started }, "restore done: start the hub on this folder");
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    unlock();
  }
}

/** Unpacks into `dir` by opening it as a database, which also proves it opens and is the hub's. */
async function unpack(tar: Buffer, dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const db = new PGlite(dir, { loadDataDir: new Blob([new Uint8Array(tar)]) });
  try {
    await db.waitReady;
    const summary = await summarize(db).catch((err: Error) => {
      throw new BadBackup(`The backup opens but holds no hub database (${err.message}); nothing was restored`);
    });
    await db.exec("CHECKPOINT");
    return summary;
  } finally {
    await db.close().catch(() => {}); // it may not have opened: the error that says why is already on its way
  }
}

/** What the folder holds, but for the lock and an unfinished restore. */
function contents(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((entry) => entry !== LOCK_FILE && entry !== STAGING);
}

main().catch((err) => {
  const known = err instanceof ConfigError || err instanceof DataDirInUse || err instanceof BadBackup;
  console.error(known ? `restore refused: ${err.message}` : err);
  process.exit(known ? 2 : 1);
});
