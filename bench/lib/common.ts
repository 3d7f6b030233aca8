// Shared helpers of the benchmarks: options, statistics, progress lines and the report file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/infra/paths";

export type DbKind = "pglite" | "postgresql";

export interface BenchOptions {
  dbs: DbKind[];
  seconds: number;
  concurrency: number[];
  pgliteDir: string;
  databaseUrl: string;
  args: string[];
}

export function parseOptions(args: string[]): BenchOptions {
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const db = option("db") ?? "both";
  return {
    dbs: db === "both" ? ["pglite", "postgresql"] : [db === "pg" ? "postgresql" : (db as DbKind)],
    seconds: Number(option("seconds") ?? 5),
    concurrency: (option("concurrency") ?? "1,8,32").split(",").map(Number),
    pgliteDir: path.resolve(process.env.BENCH_PGLITE_DIR || path.join(PROJECT_ROOT, ".bench-data", "pglite")),
    databaseUrl: process.env.BENCH_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/bench_hub",
    args,
  };
}

/**
 * The benchmark's PostgreSQL database, made when missing (a fresh machine has only the server's own), so that
 * `npm run bench` works with nothing set up beforehand.
 */
export async function ensurePostgresDatabase(databaseUrl: string): Promise<void> {
  const { Client } = await import("pg");
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const server = new URL(databaseUrl);
  server.pathname = "/postgres";
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!found.rowCount) {
      progress(`creating the benchmark's database ${name}`);
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await admin.end();
  }
}

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The environment a hub process (or the in-process services) gets for one database. */
export function hubEnv(opts: BenchOptions, db: DbKind, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: "127.0.0.1",
    PORT: "0",
    HUB_DEMO: "off",
    LOG_LEVEL: "warn",
    HUB_JWT_SECRET: BENCH_JWT_SECRET,
    // As `npm start` runs it: graphql-js skips its development-mode checks.
    NODE_ENV: "production",
    // The load generator is one user sending thousands of queries a minute: the per-user budget would refuse them.
    HUB_QUERY_BUDGET_PER_MINUTE: "1000000000",
    ...(db === "postgresql" ? { DATABASE_URL: opts.databaseUrl, HUB_DATA_DIR: path.join(os.tmpdir(), "hub-bench-unused") } : { HUB_DATA_DIR: opts.pgliteDir }),
    ...extra,
  };
}

/**
 * For the request-path benchmarks: the sweeps (need expiry, timed notifications) run once a minute on their own, and
 * their statements would land in the statement count of whichever request they fell beside.
 */
export const QUIET_SWEEPS = { HUB_SWEEP_SECONDS: "0" };

export const BENCH_JWT_SECRET = "bench-secret-bench-secret-bench-secret-0123";

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarize(xs: number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 0.5), p99: percentile(s, 0.99), mean: s.reduce((a, b) => a + b, 0) / (s.length || 1), max: s[s.length - 1] ?? NaN };
}

export const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : "–");
export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** A progress line on stderr (the tables go to the report). */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** RSS of a process from /proc (Linux), in bytes. */
export function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used, from /proc (Linux; counted in 10 ms ticks), in ms. */
export function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at start`;
}

export const REPORT_FILE = process.env.BENCH_REPORT || path.join(PROJECT_ROOT, "docs", "benchmarks.md");

/**
 * Replaces one section (between `<!-- bench:NAME -->` markers) of docs/benchmarks.md, so that each
 * sub-command rewrites only its own tables.
 */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  let text = fs.existsSync(REPORT_FILE) ? fs.readFileSync(REPORT_FILE, "utf8") : "# Benchmarks\n";
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
  fs.writeFileSync(REPORT_FILE, text);
  progress(`wrote section "${name}" of ${REPORT_FILE}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
