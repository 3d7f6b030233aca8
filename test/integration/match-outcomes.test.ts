import { MoveMatchDocument } from "../generated/operations";
import type { GqlClient } from "../support/client";
import { createEnterprise, createExpert, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { recordedDecisions } from "../../src/modules/match";

// Learning from outcomes (issue 29, idea 4): the decisions the need sides record on a chain move a supplier there on
// the next need, through the API. Two experts with the same profile tie on every need, and the tie goes to the one
// created first (A); A's OUT_OF_SCOPE rejections on two NEW_ENERGY needs must put B first on the next NEW_ENERGY need,
// while A's BUDGET rejections on EQUIPMENT needs, which say nothing about fit, leave A first and its score unchanged.

const MATCHES = `query NeedMatches($id: ID!) {
  node(id: $id) { ... on TechNeed { matches(first: 30) { id score reason breakdown { feature value weight contribution } supplier { __typename ... on Expert { id } } } } }
}`;
const MATCH = `query OneMatch($id: ID!) { node(id: $id) { ... on Match { id score reason breakdown { feature value contribution } } } }`;

interface MatchView {
  id: string;
  score: number;
  reason: string;
  breakdown: Array<{ feature: string; value: number; weight: number; contribution: number }>;
  supplier: { __typename: string; id?: string };
}

let t: TestHub;
let owner: GqlClient;
let enterpriseId: string;
let expertA: string;
let expertB: string;
const EQUIPMENT_NEED = { industryChainCode: "EQUIPMENT" };

async function matchesOf(client: GqlClient, needId: string): Promise<MatchView[]> {
  return ((await client.data(MATCHES, { id: needId })) as { node: { matches: MatchView[] } }).node.matches;
}
const ofExpert = (matches: MatchView[], expert: string) => matches.find((m) => m.supplier.id === expert)!;
const rankOf = (matches: MatchView[], expert: string) => matches.findIndex((m) => m.supplier.id === expert);
const outcomeOf = (m: MatchView) => m.breakdown.find((c) => c.feature === "outcome");

async function reject(needId: string, expert: string, reasonCode: "OUT_OF_SCOPE" | "BUDGET") {
  const match = ofExpert(await matchesOf(owner, needId), expert);
  await owner.data(MoveMatchDocument, { id: match.id, status: "REJECTED", reasonCode });
}

let controlNewEnergy: MatchView[];
let controlEquipment: MatchView[];
let laterNewEnergy: { needId: string; matches: MatchView[] };
let laterEquipment: MatchView[];

beforeAll(async () => {
  t = await startTestHub();
  const enterprise = await createEnterprise(t.admin);
  enterpriseId = enterprise.id;
  owner = await userClient(t, "ENTERPRISE", enterpriseId);
  expertA = (await createExpert(t.admin)).id;
  expertB = (await createExpert(t.admin)).id;
  // Before any decision: the same need in both chains.
  const first = await postNeed(owner, enterpriseId);
  controlNewEnergy = await matchesOf(owner, first.id);
  const firstEquipment = await postNeed(owner, enterpriseId, EQUIPMENT_NEED);
  controlEquipment = await matchesOf(owner, firstEquipment.id);
  // Decisions: A out of scope twice on NEW_ENERGY, A over budget twice on EQUIPMENT.
  await reject(first.id, expertA, "OUT_OF_SCOPE");
  await reject((await postNeed(owner, enterpriseId)).id, expertA, "OUT_OF_SCOPE");
  await reject(firstEquipment.id, expertA, "BUDGET");
  await reject((await postNeed(owner, enterpriseId, EQUIPMENT_NEED)).id, expertA, "BUDGET");
  const later = await postNeed(owner, enterpriseId);
  laterNewEnergy = { needId: later.id, matches: await matchesOf(owner, later.id) };
  laterEquipment = await matchesOf(owner, (await postNeed(owner, enterpriseId, EQUIPMENT_NEED)).id);
}, 180_000);
afterAll(() => t?.stop());

test("before any decision the two like experts tie and A comes first, in both chains", () => {
  for (const matches of [controlNewEnergy, controlEquipment]) {
    expect(ofExpert(matches, expertA).score).toBeCloseTo(ofExpert(matches, expertB).score, 12);
    expect(rankOf(matches, expertA)).toBeLessThan(rankOf(matches, expertB));
    expect(outcomeOf(ofExpert(matches, expertA))?.value).toBe(0);
  }
});

test("OUT_OF_SCOPE rejections on a chain lower the supplier on the next need of that chain, and the need's side reads why", () => {
  const a = ofExpert(laterNewEnergy.matches, expertA);
  expect(rankOf(laterNewEnergy.matches, expertA)).toBeGreaterThan(rankOf(laterNewEnergy.matches, expertB));
  expect(a.score).toBeLessThan(ofExpert(controlNewEnergy, expertA).score);
  expect(outcomeOf(a)!.value).toBeLessThan(0);
  expect(a.reason).toContain("本链记录：2 项需求判为不对口");
  // Bounded: two rejections cost A a few hundredths, not its place among the matches.
  expect(a.score).toBeGreaterThan(ofExpert(controlNewEnergy, expertA).score * 0.9);
});

test("on another chain, and for BUDGET rejections, nothing changes", () => {
  const a = ofExpert(laterEquipment, expertA);
  expect(rankOf(laterEquipment, expertA)).toBeLessThan(rankOf(laterEquipment, expertB));
  expect(a.score).toBeCloseTo(ofExpert(controlEquipment, expertA).score, 12);
  expect(outcomeOf(a)!.value).toBe(0);
  expect(a.reason).not.toContain("本链记录");
});

test("the supplier's side, and other enterprises, never read other needs' decisions through the explanation", async () => {
  const matchId = ofExpert(laterNewEnergy.matches, expertA).id;
  const expertUser = await userClient(t, "EXPERT", expertA);
  const otherEnterprise = await userClient(t, "ENTERPRISE", (await createEnterprise(t.admin)).id);
  for (const viewer of [expertUser, otherEnterprise]) {
    const seen = ((await viewer.data(MATCH, { id: matchId })) as { node: MatchView }).node;
    expect(seen.id).toBe(matchId); // the match itself is readable: only the clause is not
    expect(seen.reason).not.toMatch(/本链记录|不对口/);
    expect(seen.reason).toContain("命中");
    expect(seen.breakdown.map((c) => c.feature)).not.toContain("outcome");
  }
  const analyst = await userClient(t, "ANALYST", null);
  for (const viewer of [owner, analyst, t.admin]) {
    const seen = ((await viewer.data(MATCH, { id: matchId })) as { node: MatchView }).node;
    expect(seen.reason).toContain("本链记录：2 项需求判为不对口");
    expect(outcomeOf(seen)!.value).toBeLessThan(0);
  }
});

test("the decisions a fit of the weights reads are the OUT_OF_SCOPE rejections, not the BUDGET ones, with the breakdowns scored", async () => {
  const decisions = await recordedDecisions(t.hub.database.prisma);
  expect(decisions.map((d) => d.fit)).toEqual([false, false]);
  for (const d of decisions) expect(d.breakdown.map((c) => c.feature)).toEqual(expect.arrayContaining(["text", "outcome"]));
  // Invited: a fit.
  const match = ofExpert(laterNewEnergy.matches, expertB);
  await owner.data(MoveMatchDocument, { id: match.id, status: "CONTACTED" });
  expect((await recordedDecisions(t.hub.database.prisma)).map((d) => d.fit)).toEqual([false, false, true]);
});
