import fs from "node:fs";
import path from "node:path";
import { startHub } from "../app";
import { loadConfig } from "../config";
import { createLogger } from "../infra/logger";
import { PROJECT_ROOT } from "../infra/paths";
import { seedDemo } from "../modules/demo/seed-demo";
import { formatEval, HARD_NEEDS, mean, metricsFor, type MatchingSample } from "../modules/matching/engine/eval/evaluate";
import { loadSample, needInput, POST_NEED, signedIn } from "./matching-sample-api";

/**
 * `npm run eval:matching [-- --demo-scale N | --no-demo]`: loads the labelled sample (test/fixtures/matching-sample.json)
 * through the GraphQL API of a hub that also holds the demo's suppliers as distractors, posts the sample's needs
 * and scores the rankings the hub returns: hit@1, MRR, precision@3, recall@5, nDCG@5 (partial = 0.5).
 */
const ADMIN = { email: "eval-admin@hub.local", password: "Eval-Admin-Passw0rd" };

async function main() {
  const args = process.argv.slice(2);
  const demoScale = args.includes("--no-demo") ? 0 : Number(args[args.indexOf("--demo-scale") + 1] || 1) || 1;
  const sample = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "test", "fixtures", "matching-sample.json"), "utf8")) as MatchingSample;
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
    const ids = await loadSample(api, sample);
    const keyOf = new Map([...ids.entries()].map(([key, id]) => [id, key]));
    const perNeed = [];
    for (const need of sample.needs) {
      const posted = await api(POST_NEED, { input: needInput(need, ids) });
      const ranking = (posted.postNeed.matches as Array<{ supplier: { id: string } }>).map((m) => keyOf.get(m.supplier.id) ?? `demo:${m.supplier.id}`);
      perNeed.push(metricsFor(need, ranking));
    }
    const result = { overall: mean(perNeed), hard: mean(perNeed.filter((r) => HARD_NEEDS.has(r.key))), perNeed, rankings: {} };
    const report = `${formatEval(result)}\n(database: ${hub.database.kind}; distractors: demo suppliers at scale ${demoScale}; demo:<id> = a demo supplier)`;
    console.log(report);
    writeReport(report, demoScale);
  } finally {
    await hub.stop();
  }
}

function writeReport(report: string, demoScale: number) {
  const file = path.join(PROJECT_ROOT, "docs", "matching-eval.md");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = [
    "# Matching quality on the labelled sample",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run eval:matching${demoScale === 1 ? "" : ` -- --demo-scale ${demoScale}`}\`: the sample is loaded through the`,
    "GraphQL API into a hub that also holds the demo's suppliers (thousands of distractors), and every sample need is",
    "posted with `postNeed`; the matches it returns are the ranking. Plain BM25 over the sample alone: hit@1 0.31,",
    "MRR 0.52–0.56, nDCG@5 0.61–0.68, and never a right supplier first on n7–n16.",
    "",
    "```",
    report,
    "```",
    "",
  ].join("\n");
  fs.writeFileSync(file, text);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
