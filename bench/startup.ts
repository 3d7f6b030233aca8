// Start-up and memory: `node dist/src/main.js` (what `npm start` runs after its build) on an already migrated
// database, timed from spawn to the first 200 of /healthz; RSS 2 s and 20 s after ready. Then the restart as a user
// runs it: `npm start` itself (npm, the prestart's build check, scripts/hub.sh), on a build that is current.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { hubEnv, mb, type DbKind, ms, option, progress, rssOf, sleep, summarize, table, type BenchOptions } from "./lib/common";
import { hubNodeFlags, hubProcessEnv } from "./lib/child";
import { prepareData } from "./lib/data";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

/** When the second RSS sample is taken, from ready (the first is at 2 s, as in earlier runs). */
const SETTLE_MS = 20_000;

export async function startupBench(opts: BenchOptions): Promise<string> {
  const runs = Number(option(opts.args, "runs") ?? 5);
  const rows: Array<Array<string | number>> = [];
  for (const db of opts.dbs) {
    await prepareData(opts, db); // migrated and seeded: start-up must not migrate
    const ready: number[] = [];
    const idle: number[] = [];
    const settled: number[] = [];
    for (let i = 0; i < runs; i++) {
      const port = await freePort();
      const t0 = performance.now();
      // The main.js built beside this file (dist/, or another --outDir), not always dist/'s.
      // As `npm start` runs it (scripts/hub.sh): main.ts sets the V8 flags it can itself, the node flags and the
      // malloc setting come from here.
      const env = { ...process.env, ...hubProcessEnv(), ...hubEnv(opts, db, { PORT: String(port), LOG_LEVEL: "warn" }) };
      const child = spawn(process.execPath, [...hubNodeFlags(env), path.join(__dirname, "..", "src", "main.js")], {
        env,
        stdio: ["ignore", "ignore", "inherit"],
      });
      ready.push(await untilReady(child, port, t0));
      await sleep(2000);
      idle.push(rssOf(child.pid!));
      // V8's memory reducer runs after about 10 s without allocation: it shrinks the young generation (32 → 1 MB)
      // and collects the start-up garbage, which is what an idle hub holds for most of its life.
      await sleep(SETTLE_MS - 2000);
      settled.push(rssOf(child.pid!));
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
      progress(`${db} start-up ${i + 1}/${runs}: ready in ${ready[i].toFixed(0)} ms, idle RSS ${mb(idle[i])} MB, after ${SETTLE_MS / 1000} s ${mb(settled[i])} MB`);
    }
    const restart: number[] = [];
    for (let i = 0; i < runs; i++) {
      restart.push(await npmStartReady(opts, db));
      progress(`${db} npm start ${i + 1}/${runs}: ready in ${restart[i].toFixed(0)} ms`);
    }
    const r = summarize(ready);
    const m = summarize(idle);
    const s = summarize(settled);
    const n = summarize(restart);
    rows.push([db, runs, ms(r.p50), ms(r.max), ms(n.p50), ms(n.max), mb(m.p50), mb(m.max), mb(s.p50), mb(s.max)]);
  }
  const head = ["database", "runs", "ready median ms", "ready max ms", "`npm start` ready median ms", "`npm start` max ms"];
  return table([...head, "idle RSS median MB", "idle RSS max MB", `RSS ${SETTLE_MS / 1000} s after ready, median MB`, "max MB"], rows);
}

/** Milliseconds from `t0` to the hub's first 200 on /healthz. */
async function untilReady(child: ChildProcess, port: number, t0: number): Promise<number> {
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return performance.now() - t0;
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
    if (performance.now() - t0 > 120_000) throw new Error("hub not ready in 120 s");
    await sleep(10);
  }
}

/**
 * A restart as a user makes it: `npm start` in the project (npm, the prestart's fingerprint check of the sources
 * against dist/, scripts/hub.sh, the hub), timed to ready, then the whole process group stopped. The build must be
 * current (the bench has just built it), so this measures what a restart costs beyond the hub's own start.
 */
async function npmStartReady(opts: BenchOptions, db: DbKind): Promise<number> {
  const port = await freePort();
  const env = { ...process.env, ...hubEnv(opts, db, { PORT: String(port), LOG_LEVEL: "warn" }) };
  const t0 = performance.now();
  const npm = spawn("npm", ["start", "--silent"], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  try {
    return await untilReady(npm, port, t0);
  } finally {
    // npm, sh and node: the group (unless npm has already gone, which untilReady reports)
    if (npm.exitCode === null && npm.signalCode === null) {
      await new Promise((resolve) => {
        npm.once("exit", resolve);
        process.kill(-npm.pid!, "SIGTERM");
      });
    }
  }
}

/** dist/bench/ → the project's root (where package.json is). */
const PROJECT_ROOT = path.join(__dirname, "..", "..");
