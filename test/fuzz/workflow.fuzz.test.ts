/**
 * Fuzzing (issue: property-based tests): random and boundary inputs at the workflow mutations (needs,
 * responses, matches, deals, service, workstations, and any mutation not in the directory group) over real
 * HTTP on a real hub. The property and the generators are in ./support; see run.ts.
 */
import { brokenInvariants } from "./support/database";
import { fuzz, ONLY, outcomeReport, outcomes, RUNS } from "./support/run";
import { startFuzzHub, type FuzzHub } from "./support/world";
import { WORKFLOW } from "./groups";

let h: FuzzHub;
beforeAll(async () => void (h = await startFuzzHub()), 180_000);
afterAll(() => h?.t.stop());

test(`${RUNS} random calls of each workflow mutation end in data or a clear error, and a rejected one writes nothing`, async () => {
  await fuzz(h, WORKFLOW);
  console.info(`fuzz outcomes:\n${outcomeReport()}`);
  // every mutation was fuzzed, and got past the schema into its own checks at least once
  expect(WORKFLOW.filter((m) => (!ONLY || m === ONLY) && !outcomes.get(m)?.has("BAD_USER_INPUT"))).toEqual([]);
}, 300_000);

test("the database holds only valid rows afterwards", async () => {
  expect(await brokenInvariants(h.t.hub.database.prisma)).toEqual({});
});
