// Prints the outcome feature's evaluation on the own set (docs/matching-eval.md, "Learning from outcomes"): decisions
// simulated from the labels on the dev split, measured on the test split. Slow (three passes over 2,000 suppliers).
import fs from "node:fs";
import path from "node:path";
import sample from "../../../../../test/fixtures/matching-sample.json";
import { demoSuppliers } from "./demo-suppliers";
import type { MatchingSample } from "./evaluate";
import { evaluateOutcomes, formatOutcomeEvaluation } from "./outcomes";
import type { OwnSet } from "./own-set";

const own = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../../test/fixtures/matching-own.json"), "utf8")) as OwnSet;

test("dev decisions reach the test split through the outcome feature, and the cost is counted", () => {
  const e = evaluateOutcomes(own, sample as unknown as MatchingSample, demoSuppliers());
  console.log(formatOutcomeEvaluation(e));
  expect(e.dev.decisions).toBeGreaterThan(e.dev.needs * 3);
  expect(e.dev.misfits).toBeGreaterThan(0);
  // Rejected suppliers rank lower where they were rejected: every hurt right supplier is no higher than without.
  for (const h of e.hurt) if (h.rankWithout !== null && h.rankWith !== null) expect(h.rankWith).toBeGreaterThanOrEqual(h.rankWithout);
  // The feature changes some test ranking (else the decisions never reached it).
  expect(Object.keys(e.test.with.rankings).some((k) => e.test.with.rankings[k].slice(0, 5).join() !== e.test.without.rankings[k].slice(0, 5).join())).toBe(true);
}, 600_000);
