import fs from "node:fs";
import path from "node:path";
import { openHubServices } from "../app";
import { ConfigError, loadConfig } from "../config";
import { createLogger } from "../infra/logger";
import { PROJECT_ROOT } from "../infra/paths";
import { FEATURE_WEIGHTS } from "../modules/matching";
import { recordedDecisions } from "../modules/match";
import { FEATURES, fitOnTimeSplit, type TimeSplitReport } from "../modules/matching/engine/learn-weights";
import { evaluateOutcomes, formatOutcomeEvaluation } from "../modules/matching/engine/eval/outcomes";
import { demoSuppliers } from "../modules/matching/engine/eval/demo-suppliers";
import type { MatchingSample } from "../modules/matching/engine/eval/evaluate";
import type { OwnSet } from "../modules/matching/engine/eval/own-set";
import { formatLabelLearning, learnFromLabels, measureProposal } from "../modules/matching/engine/eval/label-ranking";

/**
 * `npm run learn:weights [-- --share 0.7] [-- --adopt] | [-- --simulated] | [-- --labels [--folds k] [--adopt]]`: fits the score's feature weights to the
 * decisions the hub's database records (a logistic regression on each decided match's breakdown: fit = the need's side
 * invited, contacted, accepted or docked it; misfit = rejected as OUT_OF_SCOPE, or its invitation declined as
 * OUT_OF_SCOPE), on the earlier `share` of them by time, and measures the weights in use and the fitted ones on the
 * later ones (AUC). It prints; it changes the engine only with --adopt, and only for a fit that orders the later
 * decisions better, by writing src/modules/matching/data/feature-weights.json (rebuild and restart to use it).
 * --simulated: no database; the own labelled set's decisions simulated from its labels (docs/matching-eval.md).
 * --labels [--folds k]: no database; fits the weights to the own set's dev split labels (a pairwise ranking fit,
 * engine/learn-rank.ts), cross-validated by need (leave one need out unless --folds), and with --adopt writes them
 * only when cross-validation raises dev hit@1 or MRR; the test split and the sample are measured only then, for the note.
 */
const WEIGHTS_FILE = path.join(PROJECT_ROOT, "src", "modules", "matching", "data", "feature-weights.json");
const MIN_DECISIONS = 50;

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "test", "fixtures", name), "utf8"));

function writeWeights(adopted: string, weights: unknown) {
  fs.writeFileSync(WEIGHTS_FILE, `${JSON.stringify({ adopted, weights }, null, 2)}\n`);
  console.log(`adopted into ${path.relative(PROJECT_ROOT, WEIGHTS_FILE)}: rebuild and restart the hubs to use it`);
}

function learnFromOwnLabels(args: string[]) {
  const foldsAt = args.indexOf("--folds");
  const folds = foldsAt >= 0 ? Number(args[foldsAt + 1]) : 0;
  if (!(Number.isInteger(folds) && folds >= 0)) throw new ConfigError("--folds must be a whole number (0: leave one need out)");
  const own = fixture("matching-own.json") as OwnSet;
  const distractors = demoSuppliers();
  const learned = learnFromLabels(own, distractors, { folds });
  console.log(formatLabelLearning(learned));
  if (!args.includes("--adopt")) return;
  if (!learned.adoptable || !learned.fit.weights) {
    console.log("not adopted: the weights stay as they are");
    return;
  }
  const m = measureProposal(own, fixture("matching-sample.json") as MatchingSample, distractors, learned.fit.weights);
  const f = (x: { hit1: number; mrr: number; ndcg5: number }) => `${x.hit1.toFixed(3)} / ${x.mrr.toFixed(3)} / ${x.ndcg5.toFixed(3)}`;
  const cv = learned.chosen;
  writeWeights(
    `fitted ${new Date().toISOString().slice(0, 10)} on the labels of the own set's dev split (${learned.devNeeds} needs, pairwise, L2 ${cv.l2}): cross-validated dev hit@1 / MRR / nDCG@5 ${f(cv.inUse)} → ${f(cv.fitted)}; test ${f(m.test.inUse)} → ${f(m.test.proposed)}, sample ${f(m.sample.inUse)} → ${f(m.sample.proposed)} (npm run learn:weights -- --labels --adopt)`,
    learned.fit.weights,
  );
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--labels")) return learnFromOwnLabels(args);
  if (args.includes("--simulated")) {
    console.log(formatOutcomeEvaluation(evaluateOutcomes(fixture("matching-own.json") as OwnSet, fixture("matching-sample.json") as MatchingSample, demoSuppliers())));
    return;
  }
  const shareAt = args.indexOf("--share");
  const share = shareAt >= 0 ? Number(args[shareAt + 1]) : 0.7;
  if (!(share > 0 && share < 1)) throw new ConfigError("--share must be between 0 and 1");
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const { services, close } = await openHubServices(config, log);
  try {
    const decisions = await recordedDecisions(services.prisma);
    console.log(`${decisions.length} decisions recorded (${decisions.filter((d) => d.fit).length} fitting, ${decisions.filter((d) => !d.fit).length} out of scope)`);
    if (decisions.length < MIN_DECISIONS || decisions.every((d) => d.fit) || decisions.every((d) => !d.fit)) {
      console.log(`not enough to fit: at least ${MIN_DECISIONS}, of both kinds; the weights stay as they are`);
      return;
    }
    const report = fitOnTimeSplit(decisions, { share });
    console.log(formatReport(report));
    if (!args.includes("--adopt")) return;
    if (!report.weights || !(report.aucFitted > report.aucInUse)) {
      console.log("not adopted: the fit does not order the later decisions better than the weights in use");
      return;
    }
    writeWeights(`fitted ${new Date().toISOString().slice(0, 10)} on ${report.earlier} decisions, AUC on the ${report.later} later ones ${report.aucInUse.toFixed(3)} → ${report.aucFitted.toFixed(3)} (npm run learn:weights)`, report.weights);
  } finally {
    await close();
  }
}

function formatReport(r: TimeSplitReport): string {
  const coefficient = FEATURES.map((f, i) => `${f} ${r.fit.coefficients[i].toFixed(3)}`).join(", ");
  return [
    `fit on the earlier ${r.earlier}, measured on the later ${r.later} (by decision time)`,
    `coefficients: ${coefficient}; bias ${r.fit.bias.toFixed(3)}; held at the weights in use (no spread in the decisions): ${r.held.join(", ") || "none"}`,
    `weights in use: ${JSON.stringify(FEATURE_WEIGHTS)}`,
    `fitted weights: ${r.weights ? JSON.stringify(r.weights) : "none (the fit gives text relevance no positive weight)"}`,
    Number.isNaN(r.aucInUse)
      ? "AUC on the later decisions: none (they are all of one kind; nothing to measure, nothing to adopt)"
      : `AUC on the later decisions: weights in use ${r.aucInUse.toFixed(3)}, fitted ${r.aucFitted.toFixed(3)}`,
  ].join("\n");
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
