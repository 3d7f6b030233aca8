import fs from "node:fs";
import path from "node:path";

/**
 * One process at a time in an embedded data folder. PGlite is PostgreSQL in this process's memory: a second
 * process opening the same folder (a second hub, a backup, a seed) would write over the first one's files and
 * corrupt them. PGlite's own postmaster.pid cannot tell (it always holds -42), so the hub keeps `hub.lock` with
 * its real pid. A lock whose process is gone (a crash, SIGKILL) is taken over. Processes are seen on this machine
 * only (one pid namespace): do not share a data folder between machines or containers.
 */
export const LOCK_FILE = "hub.lock";

export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data folder ${dataDir} is in use by process ${pid} (a running hub, backup or seed): stop it first`);
    this.name = "DataDirInUse";
  }
}

/** The pid of another live process holding the folder, or null. */
export function dataDirHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, LOCK_FILE), "utf8").trim());
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
}

/** Takes the folder (creating it) or throws DataDirInUse; returns the release. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" }); // exclusive: of two starting at once, one wins
      return () => {
        if (fs.existsSync(file) && fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = dataDirHolder(dataDir);
    if (holder !== null) throw new DataDirInUse(dataDir, holder);
    fs.rmSync(file, { force: true }); // left by a process that is gone
  }
  throw new Error(`Could not take ${file}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, another user's
  }
}
