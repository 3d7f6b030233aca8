import fs from "node:fs";
import path from "node:path";
import { startHub } from "../app";
import { loadConfig } from "../config";
import { createLogger } from "../infra/logger";
import { PROJECT_ROOT } from "../infra/paths";
import { seedDemo } from "../demo/seed-demo";
import { formatEval, HARD_NEEDS, mean, metricsFor, type EvalResult, type MatchingSample } from "../modules/matching/engine/eval/evaluate";
import { formatOwn, ownSplit, type OwnSet } from "../modules/matching/engine/eval/own-set";
import { loadSample, needInput, POST_NEED, signedIn } from "./matching-sample-api";

/**
 * `npm run eval:matching [-- --demo-scale N | --no-demo] [-- --outcomes]`: loads a labelled set through the GraphQL API of a hub that
 * also holds the demo's suppliers as distractors, posts the set's needs and scores the rankings the hub returns:
 * hit@1, MRR, precision@3, recall@5, nDCG@5 (partial = 0.5). Two sets, each in a hub of its own: the test split of
 * the own set (test/fixtures/matching-own.json; its dev split is for tuning and is not reported) and the 16-need
 * sample (test/fixtures/matching-sample.json). `--outcomes` adds a third hub: the own set's dev needs are posted first
 * and their side decides on each top 5 through the API, DECISIONS SIMULATED FROM THE LABELS (the right suppliers
 * contacted, the others rejected as OUT_OF_SCOPE, partial ones left alone); then the test split is posted and scored
 * (docs/matching-eval.md, "Learning from outcomes").
 */
const ADMIN = { email: "eval-admin@hub.local", password: "Eval-Admin-Passw0rd" };

async function main() {
  const args = process.argv.slice(2);
  const demoScale = args.includes("--no-demo") ? 0 : Number(args[args.indexOf("--demo-scale") + 1] || 1) || 1;
  const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "test", "fixtures", name), "utf8"));
  const own = ownSplit(fixture("matching-own.json") as OwnSet, "test");
  const sample = fixture("matching-sample.json") as MatchingSample;
  const reports: string[] = [];
  const ownResult = await evaluateThroughApi(own as unknown as MatchingSample, demoScale, new Set());
  reports.push(`own set, test split (${own.needs.length} needs; seed ${own.split.seed})\n${formatOwn(ownResult, own)}`);
  const sampleResult = await evaluateThroughApi(sample, demoScale, HARD_NEEDS);
  reports.push(`16-need sample\n${formatEval(sampleResult)}`);
  if (args.includes("--outcomes")) {
    const full = fixture("matching-own.json") as OwnSet;
    const dev = ownSplit(full, "dev");
    const decided = await evaluateThroughApi(own as unknown as MatchingSample, demoScale, new Set(), { set: full as unknown as MatchingSample, first: dev.needs.map((n) => n.key) });
    reports.push(`own set, test split, after the dev needs' decisions (SIMULATED FROM THE LABELS: ${decisionLine})\n${formatOwn(decided, own)}`);
  }
  const report = `${reports.join("\n\n")}\n(database: ${process.env.DATABASE_URL ? "postgresql" : "pglite"}; distractors: demo suppliers at scale ${demoScale}; demo:<id> = a demo supplier; ${timingLine}; one hub per set)`;
  console.log(report);
  writeReport(report, demoScale);
}

let timingLine = "";
let decisionLine = "";

const POST_AND_LIST = `mutation($input: PostNeedInput!) { postNeed(input: $input) { id matches(first: 5) { id supplier { ... on Expert { id } ... on InnovationPlatform { id } ... on Society { id } ... on University { id } } } } }`;
const DECIDE = `mutation($id: ID!, $status: MatchStatus!, $reasonCode: DeclineReason) { setMatchStatus(id: $id, status: $status, reasonCode: $reasonCode) { id } }`;

/** Needs posted before the measured ones, in order, each deciding on its top 5 from its labels. */
interface Decided {
  set: MatchingSample;
  first: string[];
}

/** Loads the set into a new hub holding the demo's suppliers, posts every need and scores what postNeed returns. */
async function evaluateThroughApi(set: MatchingSample, demoScale: number, hard: Set<string>, decided?: Decided): Promise<EvalResult> {
  const log = createLogger(process.env.LOG_LEVEL || "warn");
  const env = { ...process.env, PORT: "0", HOST: "127.0.0.1", HUB_DEMO: "off", HUB_ADMIN_EMAIL: ADMIN.email, HUB_ADMIN_PASSWORD: ADMIN.password };
  const config = { ...loadConfig(env), ...(process.env.DATABASE_URL ? {} : { dataDir: "memory://" }) };
  const hub = await startHub({
    config,
    log,
    beforeListen: async (services) => {
      if (!demoScale) return;
      process.stderr.write(`loading the demo's suppliers (scale ${demoScale}) as distractors…\n`);
      await seedDemo(services, log, { scale: demoScale, needLimit: 0 });
    },
  });
  try {
    const api = await signedIn(hub.url, ADMIN);
    const ids = await loadSample(api, decided?.set ?? set);
    const keyOf = new Map([...ids.entries()].map(([key, id]) => [id, key]));
    if (decided) {
      let invited = 0;
      let rejected = 0;
      for (const key of decided.first) {
        const need = decided.set.needs.find((n) => n.key === key)!;
        const posted = await api(POST_AND_LIST, { input: needInput(need, ids) });
        for (const m of posted.postNeed.matches as Array<{ id: string; supplier: { id: string } }>) {
          const supplier = keyOf.get(m.supplier.id) ?? `demo:${m.supplier.id}`;
          if (need.partial.includes(supplier)) continue;
          const right = need.relevant.includes(supplier);
          await api(DECIDE, right ? { id: m.id, status: "CONTACTED" } : { id: m.id, status: "REJECTED", reasonCode: "OUT_OF_SCOPE" });
          if (right) invited++;
          else rejected++;
        }
      }
      decisionLine = `${decided.first.length} dev needs: ${invited} contacted, ${rejected} rejected OUT_OF_SCOPE`;
    }
    const perNeed = [];
    const times: number[] = [];
    for (const need of set.needs) {
      const started = performance.now();
      const posted = await api(POST_NEED, { input: needInput(need, ids) });
      times.push(performance.now() - started);
      const ranking = (posted.postNeed.matches as Array<{ supplier: { id: string } }>).map((m) => keyOf.get(m.supplier.id) ?? `demo:${m.supplier.id}`);
      perNeed.push(metricsFor(need, ranking));
    }
    times.sort((a, b) => a - b);
    timingLine = `postNeed median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms over the last set`;
    return { overall: mean(perNeed), hard: mean(perNeed.filter((r) => hard.has(r.key))), perNeed, rankings: {} };
  } finally {
    await hub.stop();
  }
}

function writeReport(report: string, demoScale: number) {
  const file = path.join(PROJECT_ROOT, "docs", "matching-eval.md");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // What follows the marker (the methods and their measured gains) is written by hand and kept.
  const MARKER = "<!-- methods: kept by eval:matching -->";
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const kept = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : MARKER + "\n";
  const text = [
    "# Matching quality on the labelled sets",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run eval:matching${demoScale === 1 ? "" : ` -- --demo-scale ${demoScale}`}\`: each set is loaded through the`,
    "GraphQL API into a hub that also holds the demo's suppliers (thousands of distractors), and every need is",
    "posted with `postNeed`; the matches it returns are the ranking. The own set's dev split is never reported.",
    "",
    "```",
    report,
    "```",
    "",
    kept,
  ].join("\n");
  fs.writeFileSync(file, text);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
