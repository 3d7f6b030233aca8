import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./server-process";

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test's own (initdb in a temp folder, a free port, trust auth), so that a test can
 * stop and restart it without disturbing the PostgreSQL other test files share. Like redis-process.ts.
 */
export interface PostgresProcess {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** Fast shutdown (pg_ctl stop -m fast): open connections are cut, as in a restart of the service. */
  stop(): Promise<void>;
  /** Starts again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops it and deletes the folder. */
  destroy(): Promise<void>;
}

/** The folder with initdb, pg_ctl and postgres (Debian: /usr/lib/postgresql/<version>/bin), or null. */
export function postgresBinaries(): string | null {
  const candidates = [process.env.PG_BIN ?? ""];
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(root, v, "bin")));
  }
  return candidates.find((dir) => dir && ["initdb", "pg_ctl", "postgres"].every((bin) => fs.existsSync(path.join(dir, bin)))) ?? null;
}

export async function startPostgres(): Promise<PostgresProcess> {
  const bin = postgresBinaries();
  if (!bin) throw new Error("PostgreSQL binaries not found (set PG_BIN)");
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-pg-"));
  const data = path.join(dir, "data");
  // postgres refuses to run as root: as root, everything runs as the `postgres` OS user, which owns the folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);

  await pg("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  // fsync off: every stop here is a clean shutdown, and the suite runs on a busy 2-core machine.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = async () => {
    await pg("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "postgres.log"), "-w", "-t", "60", "start"]);
  };
  const stop = async () => {
    await pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  };
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => {}); // already stopped
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
