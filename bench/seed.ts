// Seeding: the demo generated and bulk-loaded into a fresh database (a new PGlite folder; a new PostgreSQL
// database, dropped afterwards), with the progress bar; rows/s of the load and needs/s of the matching.
// `--keep NAME` keeps the PostgreSQL database under that name (it must not exist), so that the 100× seeding
// measured here is also the database the write path at 100× runs on (BENCH_DATABASE_URL=…/NAME).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { openHubServices } from "../src/app";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/infra/logger";
import { demoProgressBar } from "../src/demo/progress";
import { seedDemo } from "../src/demo/seed-demo";
import { hubEnv, option, progress, table, type BenchOptions } from "./lib/common";

async function adminQuery(url: string, sql: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function seedBench(opts: BenchOptions): Promise<string> {
  const scale = Number(option(opts.args, "scale") ?? 1);
  const needLimit = Number(option(opts.args, "match-limit") ?? 100);
  const fraction = Number(option(opts.args, "fraction") ?? 1);
  const rows: Array<Array<string | number>> = [];
  const keep = option(opts.args, "keep");
  if (keep !== undefined && (!/^[a-z_][a-z0-9_]*$/.test(keep) || opts.dbs.includes("pglite"))) {
    throw new Error("--keep takes a PostgreSQL database name (lower-case letters, digits, _) and needs --db pg");
  }
  for (const db of opts.dbs) {
    const name = keep ?? `hub_bench_seed_${process.pid}`;
    const dir = path.join(os.tmpdir(), name);
    const url = new URL(opts.databaseUrl);
    url.pathname = `/${name}`;
    if (db === "postgresql") await adminQuery(opts.databaseUrl, `CREATE DATABASE ${name}`);
    const scratch = { ...opts, pgliteDir: dir, databaseUrl: url.toString() };
    try {
      const { services, close } = await openHubServices(loadConfig(hubEnv(scratch, db)), createLogger("warn"));
      const phases = new Map<string, { from: number; to: number; rows: number }>();
      const bar = demoProgressBar();
      const t0 = performance.now();
      let last = t0;
      try {
        await seedDemo(services, createLogger("warn"), {
          scale,
          fraction,
          needLimit,
          onProgress: (done, total, phase) => {
            bar.onProgress(done, total, phase);
            const now = performance.now();
            const kind = phase === "indexing suppliers" ? "index" : phase === "matching needs" ? "match" : "load";
            const p = phases.get(kind) ?? { from: last, to: now, rows: 0 };
            p.to = now;
            p.rows = kind === "load" ? done : done;
            phases.set(kind, p);
            last = now;
          },
        });
      } finally {
        bar.stop();
        await close();
      }
      const total = performance.now() - t0;
      const rate = (kind: string) => {
        const p = phases.get(kind);
        return p ? `${p.rows} in ${((p.to - p.from) / 1000).toFixed(1)} s = ${(p.rows / ((p.to - p.from) / 1000)).toFixed(0)}/s` : "–";
      };
      rows.push([db, `${scale} × ${fraction}`, rate("load"), rate("index"), rate("match"), (total / 1000).toFixed(1)]);
      progress(`${db} seed done in ${(total / 1000).toFixed(1)} s`);
    } finally {
      if (db === "postgresql" && !keep) await adminQuery(opts.databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      else fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return table(["database", "scale × fraction", "rows loaded (generate + bulk insert)", "suppliers indexed", `needs matched (newest ${needLimit})`, "total s"], rows);
}
