import { errorOf } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";
import { MoveMatchDocument } from "../generated/operations";
import { toGlobalId } from "../../src/infra/relay/global-id";
import type { MatchStatus } from "../../src/generated/prisma/enums";
import { buildWorld, matchIn, needIn, trail, type Role, type World } from "./world";

// The match lifecycle (issue 6): SUGGESTED → VIEWED → CONTACTED → ACCEPTED / REJECTED → DOCKED → CLOSED.
// "need": the need's enterprise or ADMIN; "supplier": the matched expert, its society, or ADMIN.
type Side = "need" | "supplier";
const ALLOWED: Record<MatchStatus, Partial<Record<MatchStatus, Side[]>>> = {
  SUGGESTED: { VIEWED: ["need", "supplier"], CONTACTED: ["need", "supplier"], ACCEPTED: ["need"], REJECTED: ["need"] },
  VIEWED: { CONTACTED: ["need", "supplier"], ACCEPTED: ["need"], REJECTED: ["need"] },
  CONTACTED: { ACCEPTED: ["need"], REJECTED: ["need"] },
  ACCEPTED: { DOCKED: ["need"], REJECTED: ["need"] },
  REJECTED: {},
  DOCKED: { CLOSED: ["need"] },
  CLOSED: {},
};
const SIDES: Partial<Record<Role, Side[]>> = { admin: ["need", "supplier"], owner: ["need"], expert: ["supplier"], society: ["supplier"] };
const ROLES: Role[] = ["anonymous", "admin", "owner", "otherEnterprise", "expert", "society", "otherSociety", "analyst"];
const STATUSES = Object.keys(ALLOWED) as MatchStatus[];

function expected(role: Role, from: MatchStatus, to: MatchStatus): string {
  if (role === "anonymous") return "UNAUTHENTICATED";
  const sides = SIDES[role] ?? [];
  if (!sides.length) return "FORBIDDEN"; // sees the PUBLIC need and its matches, but is no party to this one
  const by = ALLOWED[from][to];
  if (!by) return "BAD_USER_INPUT";
  return by.some((s) => sides.includes(s)) ? "OK" : "FORBIDDEN";
}

let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

const cases = ROLES.flatMap((role) => STATUSES.flatMap((from) => STATUSES.map((to) => [role, from, to, expected(role, from, to)] as const)));

test("the table has allowed and forbidden steps for both sides", () => {
  expect(cases.some((c) => c[0] === "expert" && c[3] === "OK")).toBe(true);
  expect(cases.some((c) => c[0] === "expert" && c[3] === "FORBIDDEN")).toBe(true);
  expect(cases.filter((c) => c[0] === "owner" && c[3] === "OK")).toHaveLength(12);
});

test.each(cases)("%s moves a %s match to %s: %s", async (role, from, to, outcome) => {
  const need = await needIn(t, w, "OPEN");
  const match = await matchIn(t, w, need.id, from);
  const variables = { id: toGlobalId("Match", match.id), status: to, ...(to === "REJECTED" ? { reasonCode: "OUT_OF_SCOPE" as const } : {}) };
  const result = await w.as[role].request(MoveMatchDocument, variables);
  const after = await t.hub.database.prisma.match.findUniqueOrThrow({ where: { id: match.id } });
  const written = await trail(t, "MATCH", match.id);
  if (outcome === "OK") {
    expect(result.errors).toBeUndefined();
    expect(after.status).toBe(to);
    expect(after.statusChangedAt).not.toBeNull();
    expect(written).toEqual({ history: 1, audit: 1 });
    expect(result.data?.setMatchStatus.history).toEqual([expect.objectContaining({ from, status: to, reasonCode: to === "REJECTED" ? "OUT_OF_SCOPE" : null })]);
    const needAfter = await t.hub.database.prisma.techNeed.findUniqueOrThrow({ where: { id: need.id } });
    // Accepting a match starts docking, as accepting a response does (docs/workflow.md).
    expect(needAfter.status).toBe(to === "DOCKED" || to === "ACCEPTED" ? "IN_DOCKING" : "OPEN");
    expect(needAfter.firstDecisionAt !== null).toBe(to === "ACCEPTED" || to === "REJECTED");
  } else {
    expect(errorOf(result)?.code).toBe(outcome);
    if (outcome === "BAD_USER_INPUT") expect(errorOf(result)).toMatchObject({ field: "status", message: expect.stringContaining(from) });
    expect(after.status).toBe(from);
    expect(written).toEqual({ history: 0, audit: 0 });
  }
});

test("a rejection needs a reason code (OTHER with a text), keeps it, and a text alone counts as OTHER", async () => {
  const need = await needIn(t, w, "OPEN");
  const match = await matchIn(t, w, need.id, "VIEWED");
  const id = toGlobalId("Match", match.id);
  expect(errorOf(await w.as.owner.request(MoveMatchDocument, { id, status: "REJECTED" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "reasonCode" });
  expect(errorOf(await w.as.owner.request(MoveMatchDocument, { id, status: "REJECTED", reasonCode: "OTHER" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
  expect(errorOf(await w.as.owner.request(MoveMatchDocument, { id, status: "CONTACTED", reasonCode: "BUDGET" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "reasonCode" });
  const rejected = await w.as.owner.data(MoveMatchDocument, { id, status: "REJECTED", reason: "方向不符" });
  expect(rejected.setMatchStatus).toMatchObject({ status: "REJECTED", statusReasonCode: "OTHER", statusReason: "方向不符" });
  // The data to teach the engine later: the rejected match stays, with its reason, in the database.
  const row = await t.hub.database.prisma.match.findUniqueOrThrow({ where: { id: match.id } });
  expect(row).toMatchObject({ status: "REJECTED", statusReasonCode: "OTHER" });
});

test("every step is kept with its time, in order", async () => {
  const need = await needIn(t, w, "OPEN");
  const id = toGlobalId("Match", (await matchIn(t, w, need.id, "SUGGESTED")).id);
  await w.as.expert.data(MoveMatchDocument, { id, status: "VIEWED" });
  await w.as.society.data(MoveMatchDocument, { id, status: "CONTACTED" });
  await w.as.owner.data(MoveMatchDocument, { id, status: "ACCEPTED" });
  await w.as.owner.data(MoveMatchDocument, { id, status: "DOCKED" });
  const closed = await w.as.owner.data(MoveMatchDocument, { id, status: "CLOSED" });
  const steps = closed.setMatchStatus.history;
  expect(steps.map((s) => [s.from, s.status])).toEqual([
    ["SUGGESTED", "VIEWED"],
    ["VIEWED", "CONTACTED"],
    ["CONTACTED", "ACCEPTED"],
    ["ACCEPTED", "DOCKED"],
    ["DOCKED", "CLOSED"],
  ]);
  const times = steps.map((s) => Date.parse(s.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
});
