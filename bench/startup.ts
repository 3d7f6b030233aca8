// Start-up and memory: `node dist/src/main.js` (what `npm start` runs after its build) on an already migrated
// database, timed from spawn to the first 200 of /healthz; RSS 2 s and 20 s after ready.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { hubEnv, mb, ms, option, progress, rssOf, sleep, summarize, table, type BenchOptions } from "./lib/common";
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
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
        if (ok) break;
        if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
        if (performance.now() - t0 > 120_000) throw new Error("hub not ready in 120 s");
        await sleep(10);
      }
      ready.push(performance.now() - t0);
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
    const r = summarize(ready);
    const m = summarize(idle);
    const s = summarize(settled);
    rows.push([db, runs, ms(r.p50), ms(r.max), mb(m.p50), mb(m.max), mb(s.p50), mb(s.max)]);
  }
  const head = ["database", "runs", "ready median ms", "ready max ms", "idle RSS median MB", "idle RSS max MB"];
  return table([...head, `RSS ${SETTLE_MS / 1000} s after ready, median MB`, "max MB"], rows);
}
