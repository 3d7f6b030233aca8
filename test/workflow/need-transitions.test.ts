import { errorOf } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";
import { MoveNeedDocument } from "../generated/operations";
import { toGlobalId } from "../../src/infra/relay/global-id";
import type { NeedStatus } from "../../src/generated/prisma/enums";
import { buildWorld, needIn, trail, type Role, type World } from "./world";

// The need lifecycle, written out here independently of src/modules/need/need-status.ts: DRAFT → OPEN →
// IN_DOCKING → RESOLVED / CLOSED; EXPIRED only by the sweep, from which a need can be reopened or closed.
const ALLOWED: Record<NeedStatus, NeedStatus[]> = {
  DRAFT: ["OPEN", "CLOSED"],
  OPEN: ["IN_DOCKING", "RESOLVED", "CLOSED"],
  IN_DOCKING: ["OPEN", "RESOLVED", "CLOSED"],
  EXPIRED: ["OPEN", "CLOSED"],
  RESOLVED: [],
  CLOSED: [],
};
const STATUSES = Object.keys(ALLOWED) as NeedStatus[];
const ROLES: Role[] = ["anonymous", "admin", "owner", "otherEnterprise", "society", "expert", "analyst"];

/** What each role gets, from the rules in core.graphql and the issue (not from the code under test). */
function expected(role: Role, from: NeedStatus, to: NeedStatus): string {
  if (role === "anonymous") return "UNAUTHENTICATED";
  const seesDrafts = ["admin", "owner", "analyst"].includes(role);
  if (from === "DRAFT" && !seesDrafts) return "NOT_FOUND";
  if (role !== "admin" && role !== "owner") return "FORBIDDEN";
  return ALLOWED[from].includes(to) ? "OK" : "BAD_USER_INPUT";
}

let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

const cases = ROLES.flatMap((role) => STATUSES.flatMap((from) => STATUSES.map((to) => [role, from, to, expected(role, from, to)] as const)));

test("the table covers every role × from × to, with both outcomes for the deciding roles", () => {
  expect(cases).toHaveLength(ROLES.length * 36);
  expect(cases.filter((c) => c[3] === "OK")).toHaveLength(2 * 10);
});

test.each(cases)("%s moves a %s need to %s: %s", async (role, from, to, outcome) => {
  const deadline = new Date(Date.now() + 7 * 86_400_000);
  const need = await needIn(t, w, from, { deadline, ...(from === "EXPIRED" ? { deadline: new Date(Date.now() - 86_400_000) } : {}) });
  // Reopening an expired need needs a new deadline; everyone else passes none.
  const newDeadline = from === "EXPIRED" && to === "OPEN" ? deadline.toISOString() : undefined;
  const result = await w.as[role].request(MoveNeedDocument, { id: toGlobalId("TechNeed", need.id), status: to, deadline: newDeadline });
  const after = await t.hub.database.prisma.techNeed.findUniqueOrThrow({ where: { id: need.id } });
  const written = await trail(t, "NEED", need.id);
  if (outcome === "OK") {
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateNeedStatus.status).toBe(to);
    expect(after.status).toBe(to);
    expect(written).toEqual({ history: 1, audit: 1 });
    expect(result.data?.updateNeedStatus.history.at(-1)).toMatchObject({ from, status: to, byUser: true });
  } else {
    expect(errorOf(result)?.code).toBe(outcome);
    if (outcome === "BAD_USER_INPUT") {
      expect(errorOf(result)?.field).toBe("status");
      expect(errorOf(result)?.message).toContain(from); // names the current state
    }
    expect(after.status).toBe(from);
    expect(written).toEqual({ history: 0, audit: 0 });
  }
});

test("reopening an expired need needs a deadline in the future", async () => {
  const need = await needIn(t, w, "EXPIRED", { deadline: new Date(Date.now() - 86_400_000) });
  const id = toGlobalId("TechNeed", need.id);
  const bare = await w.as.owner.request(MoveNeedDocument, { id, status: "OPEN" });
  expect(errorOf(bare)).toMatchObject({ code: "BAD_USER_INPUT", field: "deadline" });
  const past = await w.as.owner.request(MoveNeedDocument, { id, status: "OPEN", deadline: "2020-01-01T00:00:00Z" });
  expect(errorOf(past)).toMatchObject({ code: "BAD_USER_INPUT", field: "deadline" });
  const deadline = new Date(Date.now() + 86_400_000).toISOString();
  const reopened = await w.as.owner.data(MoveNeedDocument, { id, status: "OPEN", deadline });
  expect(reopened.updateNeedStatus.status).toBe("OPEN");
  const row = await t.hub.database.prisma.techNeed.findUniqueOrThrow({ where: { id: need.id } });
  expect(row.deadline?.toISOString()).toBe(deadline);
});

test("a deadline goes with opening only", async () => {
  const need = await needIn(t, w, "OPEN");
  const result = await w.as.owner.request(MoveNeedDocument, { id: toGlobalId("TechNeed", need.id), status: "CLOSED", deadline: new Date(Date.now() + 86_400_000).toISOString() });
  expect(errorOf(result)).toMatchObject({ code: "BAD_USER_INPUT", field: "deadline" });
});

test("docking and reopening keep the first opening and docking times (the timers start there)", async () => {
  const need = await needIn(t, w, "OPEN", { openedAt: new Date(Date.now() - 3_600_000) });
  const id = toGlobalId("TechNeed", need.id);
  const docked = await w.as.owner.data(MoveNeedDocument, { id, status: "IN_DOCKING" });
  const firstDock = docked.updateNeedStatus.timers!.dockedAt;
  await w.as.owner.data(MoveNeedDocument, { id, status: "OPEN" });
  const again = await w.as.owner.data(MoveNeedDocument, { id, status: "IN_DOCKING" });
  expect(again.updateNeedStatus.timers!.dockedAt).toBe(firstDock);
  expect(again.updateNeedStatus.timers!.openedAt).toBe(need.openedAt!.toISOString());
  expect(again.updateNeedStatus.timers!.secondsToDocking).toBeGreaterThanOrEqual(3600);
  expect(again.updateNeedStatus.history.map((s) => s.status)).toEqual(["IN_DOCKING", "OPEN", "IN_DOCKING"]);
});
