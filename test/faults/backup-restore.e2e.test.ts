import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { GqlClient } from "../support/client";
import { createEnterprise, postNeed } from "../support/fixtures";
import { signInAdmin, startServer, stopServer, type ServerProcess } from "../support/server-process";

// npm run backup / npm run restore on the embedded data folder, with the real built scripts and the real server.
// Embedded suite only (CI runs it without DATABASE_URL); PostgreSQL is backed up with pg_dump.
const run = process.env.DATABASE_URL ? describe.skip : describe;
const SCRIPTS = path.join(__dirname, "..", "..", "dist", "src", "scripts");

interface ScriptRun {
  code: number;
  output: string;
}

/** `npm run backup|restore -- …` without the build step: the built script, with HUB_DATA_DIR. */
function script(name: "backup" | "restore", dataDir: string, args: string[]): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(SCRIPTS, `${name}.js`), ...args],
      { env: { PATH: process.env.PATH, HUB_DATA_DIR: dataDir, LOG_LEVEL: "info" } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, output: stdout + stderr }),
    );
  });
}

const NEEDS = `query { needs(first: 100) { edges { node { title } } } }`;
/** Read straight from a stopped hub's folder, as the next hub would open it. */
async function storedTitles(dataDir: string): Promise<string[]> {
  const db = new PGlite(dataDir);
  try {
    return (await db.query<{ title: string }>(`SELECT title FROM "TechNeed"`)).rows.map((r) => r.title).sort();
  } finally {
    await db.close();
  }
}

const titles = async (admin: GqlClient) =>
  (await admin.data<{ needs: { edges: { node: { title: string } }[] } }>(NEEDS)).needs.edges.map((e) => e.node.title).sort();

run("npm run backup / npm run restore (embedded data folder)", () => {
  let work: string;
  let server: ServerProcess | undefined;
  const folder = (name: string) => path.join(work, name);
  const serve = async (dataDir: string) => {
    server = await startServer({ HUB_DATA_DIR: dataDir });
    return signInAdmin(server.graphqlUrl);
  };
  const stop = async () => {
    if (server) expect(await stopServer(server)).toBe(0);
    server = undefined;
  };

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "hub-backup-"));
  });

  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(work, { recursive: true, force: true });
  });

  test("the restored folder holds what was backed up, not what changed after; a running hub's folder is refused", async () => {
    const data = folder("data");
    const file = path.join(work, "hub.tar.gz");
    let admin = await serve(data);
    const enterprise = await createEnterprise(admin);
    await postNeed(admin, enterprise.id, { title: "备份前发布的需求" });

    const whileRunning = await script("backup", data, [file]);
    expect(whileRunning.code).toBe(2);
    expect(whileRunning.output).toMatch(/backup refused: The data folder .* is in use by process \d+/);
    expect(fs.existsSync(file)).toBe(false);
    await expect(startServer({ HUB_DATA_DIR: data })).rejects.toThrow(/in use by process/); // nor does a second hub open it

    await stop();
    const backup = await script("backup", data, [file]);
    expect(backup).toMatchObject({ code: 0 });
    expect(backup.output).toMatch(/"needs":1,.*"msg":"backup written"/);
    expect((await script("backup", data, [file])).output).toMatch(/exists already/); // a backup is never overwritten

    admin = await serve(data);
    await postNeed(admin, enterprise.id, { title: "备份后发布的需求" });
    expect(await titles(admin)).toEqual(["备份前发布的需求", "备份后发布的需求"].sort());
    const inUse = await script("restore", data, [file, "--force"]);
    expect(inUse.code).toBe(2);
    expect(inUse.output).toMatch(/in use by process/);
    await stop();

    const refused = await script("restore", data, [file]);
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/is not empty: restore into an empty or new folder .* or add --force/);
    expect(await storedTitles(data)).toEqual(["备份前发布的需求", "备份后发布的需求"].sort()); // untouched

    // A look at the backup without any folder: an in-memory hub started from it (HUB_MEMORY_FROM); what it writes goes
    // nowhere, and the backup is left as it was (restored below).
    server = await startServer({ HUB_DATA_DIR: "memory://look", HUB_MEMORY_FROM: file });
    admin = await signInAdmin(server.graphqlUrl);
    expect(await titles(admin)).toEqual(["备份前发布的需求"]);
    await postNeed(admin, enterprise.id, { title: "只在内存中的需求" });
    await stop();
    const notABackup = await startServer({ HUB_DATA_DIR: "memory://look", HUB_MEMORY_FROM: path.join(work, "missing.tar.gz") }).catch((err: Error) => err);
    expect(String(notABackup)).toMatch(/Cannot read the backup/);

    // Into a new folder, then over the old one with --force: the backed-up data, not the later change.
    const fresh = folder("fresh");
    const restored = await script("restore", fresh, [file]);
    expect(restored.code).toBe(0);
    expect(restored.output).toMatch(/"msg":"restore done/);
    expect(fs.readdirSync(fresh)).not.toContain(".restoring");
    expect(fs.readdirSync(fresh)).not.toContain("hub.lock");
    admin = await serve(fresh);
    expect(await titles(admin)).toEqual(["备份前发布的需求"]);
    await stop();
    expect((await script("restore", data, [file, "--force"])).code).toBe(0);
    expect(await storedTitles(data)).toEqual(["备份前发布的需求"]);
  }, 240_000);

  test("a truncated, damaged or foreign file is refused and the target is left untouched", async () => {
    const good = fs.readdirSync(work).includes("hub.tar.gz") ? fs.readFileSync(path.join(work, "hub.tar.gz")) : null;
    expect(good).not.toBeNull();
    const truncated = path.join(work, "truncated.tar.gz");
    fs.writeFileSync(truncated, good!.subarray(0, Math.floor(good!.length / 2)));
    const damaged = path.join(work, "damaged.tar.gz");
    const copy = Buffer.from(good!);
    for (let i = 0; i < 64; i++) copy[Math.floor(copy.length / 3) + i] ^= 0xff;
    fs.writeFileSync(damaged, copy);
    const foreign = path.join(work, "foreign.tar.gz");
    fs.writeFileSync(foreign, "这不是备份文件");

    for (const bad of [truncated, damaged, foreign]) {
      const target = folder(`target-${path.basename(bad)}`);
      const result = await script("restore", target, [bad]);
      expect(result.code).toBe(2);
      expect(result.output).toMatch(/restore refused: The backup .* is (corrupt or truncated|damaged|truncated)/);
      expect(fs.existsSync(target)).toBe(false);
    }
    // --force changes nothing about that: the folder keeps what it had.
    const data = folder("data");
    const before = await storedTitles(data);
    expect((await script("restore", data, [truncated, "--force"])).output).toMatch(/corrupt or truncated/);
    expect(await storedTitles(data)).toEqual(before);
  }, 60_000);
});
