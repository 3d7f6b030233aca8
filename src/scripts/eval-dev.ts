import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../infra/paths";
import { POSTINGS_HEAD_PER_QUOTA } from "../modules/match";
import { InMemoryCorpus } from "../modules/matching";
import { candidateRule, candidateSearch, type CandidateRule } from "../modules/matching/engine/eval/candidates";
import { demoSuppliers } from "../modules/matching/engine/eval/demo-suppliers";
import { evaluate, formatEval, sampleSuppliers, type EvalResult, type MatchingSample } from "../modules/matching/engine/eval/evaluate";
import { diagnoseNeeds } from "../modules/matching/engine/eval/diagnose";
import { feedbackNeedTerms } from "../modules/matching/engine/eval/feedback-terms";
import { formatOwn, ownSplit, type OwnSet } from "../modules/matching/engine/eval/own-set";
import { CANDIDATE_QUOTA } from "../modules/supplier";

/**
 * `npm run eval:dev [-- --split dev|test] [-- --no-sample] [-- --no-demo] [-- --explain a14,o10] [-- --out file.json]
 * [-- --candidates hub|widened|all]`: the engine in process, as the hub ranks (its candidate search, first ranking,
 * pseudo-relevance feedback, second ranking of the same candidates), over the own set's dev split and the 16-need
 * sample, with the demo's suppliers as distractors. In seconds, where `eval:matching` takes minutes through the API:
 * the tool for choosing a change on dev. Choose on dev only; the test split is for `eval:matching`'s report.
 * `--out` writes every need's full ranking, to compare two engines need by need.
 * `--no-demo` ranks against the sets' own suppliers alone: a change that moves dev only with the demo's templated
 * profiles as distractors wins by how the demo writes, not by reading real profiles better. `--explain` prints why the
 * named dev needs rank as they do (eval/diagnose.ts); it refuses the test split, whose needs are not to be read.
 * `--candidates widened` adds a second candidate search for the widened vector, `all` ranks every supplier (the eval
 * before session 19).
 */
function main() {
  const args = process.argv.slice(2);
  const split = args.includes("--split") ? (args[args.indexOf("--split") + 1] as "dev" | "test") : "dev";
  const explain = args.includes("--explain") ? args[args.indexOf("--explain") + 1]!.split(",") : [];
  if (explain.length > 0 && split !== "dev") {
    console.error("--explain reads dev needs only: the test split is measured, never read");
    process.exitCode = 2;
    return;
  }
  const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "test", "fixtures", name), "utf8"));
  const own = ownSplit(fixture("matching-own.json") as OwnSet, split);
  const candidates = args.includes("--candidates") ? (args[args.indexOf("--candidates") + 1] as CandidateRule | "all") : "hub";
  const distractors = args.includes("--no-demo") ? [] : demoSuppliers();
  const rank = (set: MatchingSample) => rankAsTheHub(set, distractors, candidates);
  const ownResult = rank(own as unknown as MatchingSample);
  console.log(`own set, ${split} split (${own.needs.length} needs, in process, candidates: ${candidates}${distractors.length ? "" : ", own suppliers only"})\n${withTypes(ownResult, own)}`);
  if (explain.length > 0) {
    const suppliers = [...sampleSuppliers(own as unknown as MatchingSample), ...distractors];
    console.log(`\n${diagnoseNeeds(own as unknown as MatchingSample, explain, suppliers, feedbackNeedTerms(suppliers)).join("\n")}`);
  }
  const out: Record<string, unknown> = { [split]: ownResult.rankings };
  if (!args.includes("--no-sample")) {
    const sample = fixture("matching-sample.json") as MatchingSample;
    const sampleResult = rank(sample);
    console.log(`\n16-need sample (in process)\n${formatEval(sampleResult)}`);
    out.sample = sampleResult.rankings;
  }
  if (args.includes("--out")) fs.writeFileSync(args[args.indexOf("--out") + 1]!, JSON.stringify(out));
}

function rankAsTheHub(set: MatchingSample, distractors: ReturnType<typeof demoSuppliers>, candidates: CandidateRule | "all"): EvalResult {
  const suppliers = [...sampleSuppliers(set), ...distractors];
  const search = candidateSearch(suppliers, new InMemoryCorpus(suppliers.map((s) => s.terms)), CANDIDATE_QUOTA, POSTINGS_HEAD_PER_QUOTA);
  const candidatesOf = candidates === "all" ? undefined : candidateRule(search, candidates);
  return evaluate(set, distractors, feedbackNeedTerms(suppliers, { candidatesOf }), candidatesOf);
}

/** The own set's table, then each need's first right rank (to compare two engines need by need). */
function withTypes(result: EvalResult, set: OwnSet): string {
  const ranks = result.perNeed.map((r) => `${r.key}:${r.firstRelevantRank ?? "-"}`).join(" ");
  return `${formatOwn(result, set)}\nfirst right rank: ${ranks}`;
}

main();
