import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { ConfigError, loadConfig } from "../config";
import { BadBackup, readBackup, summarize } from "../infra/db/backup-archive";
import { DataDirInUse, lockDataDir } from "../infra/db/data-dir-lock";
import { createLogger } from "../infra/logger";

/**
 * `npm run backup [-- FILE]`: writes the embedded data folder (HUB_DATA_DIR) to FILE, by default
 * backups/hub-backup-<time>.tar.gz (a folder .gitignore covers: the archive holds password hashes and the signing
 * key, and must never be committed). Offline only: the folder is PostgreSQL's files, and while a hub has them open
 * its latest writes may sit in its memory, so a copy taken then could be torn. It therefore refuses while a hub
 * (or anything else) holds the folder, and holds it itself meanwhile so that no hub starts half-way.
 * PostgreSQL (DATABASE_URL) is backed up with pg_dump.
 */
async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (config.databaseUrl) throw new ConfigError("DATABASE_URL is set: back up PostgreSQL with pg_dump (README, Backup and restore)");
  const dataDir = config.dataDir;
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) throw new ConfigError(`${dataDir} holds no embedded database (HUB_DATA_DIR)`);
  const file = path.resolve(process.argv[2] ?? path.join("backups", `hub-backup-${new Date().toISOString().replace(/[:.]/g, "-")}.tar.gz`));
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (fs.existsSync(file)) throw new ConfigError(`${file} exists already: name a new file`);
  const started = Date.now();
  const unlock = lockDataDir(dataDir);
  try {
    log.info({ dataDir }, "backup: opening the data folder");
    const db = new PGlite(dataDir);
    await db.waitReady;
    try {
      const summary = await summarize(db);
      await db.exec("CHECKPOINT"); // the files themselves up to date, so the copy needs no replay
      log.info({ ...summary }, "backup: writing the archive");
      const dump = await db.dumpDataDir("gzip");
      const partial = `${file}.partial`;
      try {
        fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 }); // holds password hashes and the signing key
        readBackup(partial); // the same check restore makes, before the file gets its name
        fs.renameSync(partial, file);
      } finally {
        fs.rmSync(partial, { force: true });
      }
      log.info({ file, bytes: fs.statSync(file).size, ...summary, ms: Date.now() - started }, "backup written");
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

main().catch((err) => {
  const known = err instanceof ConfigError || err instanceof DataDirInUse || err instanceof BadBackup;
  console.error(known ? `backup refused: ${err.message}` : err);
  process.exit(known ? 2 : 1);
});
