// `npm run bench [-- read|write|startup|seed|matching|candidates|fanout|soak|notifications|import|all] [--db pglite|pg|both] [--seconds S] [--concurrency 1,8,32]`
// Runs the benchmarks and rewrites their sections of docs/benchmarks.md (with the command that made them).
// `--label L` writes a section of its own (`write-L`), beside the default one: the same benchmark on another
// database, such as the 100× one, keeps the programme-scale table.
import { execSync } from "node:child_process";
import { ensurePostgresDatabase, machine, option, parseOptions, progress, writeSection } from "./lib/common";
import { candidatesBench } from "./candidates";
import { fanoutBench } from "./fanout";
import { importBench } from "./import";
import { matchingBench } from "./matching";
import { notificationsBench } from "./notifications";
import { readBench } from "./read";
import { seedBench } from "./seed";
import { soakBench } from "./soak";
import { startupBench } from "./startup";
import { writeBench } from "./write";

const BENCHES: Record<string, { title: string; run: typeof readBench }> = {
  read: { title: "Read path: hub against two baselines and PostGraphile", run: readBench },
  write: { title: "Write path: postNeed end to end", run: writeBench },
  startup: { title: "Start-up and memory", run: startupBench },
  seed: { title: "Seeding", run: seedBench },
  matching: { title: "Matching: one need, one supplier (issue 3 item 7)", run: matchingBench },
  fanout: { title: "Fan-out: subscribers over two instances on PostgreSQL + Redis (issue 5)", run: fanoutBench },
  candidates: { title: "Candidate search: heads of the postings lists against every posting", run: candidatesBench },
  soak: { title: "Soak: mixed load for minutes, memory sampled", run: soakBench },
  import: { title: "Import from xlsx: enterprises and experts through the CLI (issue 26)", run: importBench },
  notifications: { title: "Notifications: postNeed telling ~60 users, the mail worker, the outbox's lag (issue 24)", run: notificationsBench },
};

/**
 * The databases named in the environment belong to the command that made a table (the 100× runs use their own).
 * A password in the URL stays out of docs/benchmarks.md.
 */
function databaseEnv(): string {
  const shown = (key: string, value: string) => {
    if (key !== "BENCH_DATABASE_URL" || !URL.canParse(value)) return value;
    const url = new URL(value);
    if (url.password) url.password = "***";
    return url.toString();
  };
  return ["BENCH_DATABASE_URL", "BENCH_PGLITE_DIR"]
    .filter((key) => process.env[key])
    .map((key) => `${key}=${shown(key, process.env[key]!)} `)
    .join("");
}

async function main() {
  const args = process.argv.slice(2);
  const which = args[0] && !args[0].startsWith("--") ? args[0] : "all";
  const names = which === "all" ? ["startup", "read", "write", "matching", "seed"] : [which];
  const opts = parseOptions(args);
  if (opts.dbs.includes("postgresql")) await ensurePostgresDatabase(opts.databaseUrl);
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`unknown benchmark "${name}"; one of ${Object.keys(BENCHES).join(", ")}, all`);
    const host = machine();
    let commit = "";
    try {
      commit = execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    } catch {
      /* not a git checkout */
    }
    const label = option(args, "label");
    const title = label ? `${bench.title}: ${label}` : bench.title;
    progress(`${name}: ${title}`);
    const started = Date.now();
    const body = await bench.run(opts);
    const command = `${databaseEnv()}npm run bench -- ${[name, ...args.filter((a) => a !== name)].join(" ")}`;
    writeSection(
      label ? `${name}-${label}` : name,
      [
        `## ${title}`,
        "",
        `Command: \`${command}\` — run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${commit ? ` on commit ${commit}` : ""}, ${((Date.now() - started) / 1000).toFixed(0)} s. Machine: ${host}.`,
        "",
        body,
      ].join("\n"),
    );
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
