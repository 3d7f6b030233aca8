import { errorOf, type GqlResult } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";
import { AcceptResponseDocument, DeclineResponseDocument, ResponseWorkflowDocument, RespondDocument, ShortlistResponseDocument, WithdrawResponseDocument } from "../generated/operations";
import { toGlobalId } from "../../src/infra/relay/global-id";
import type { ResponseStatus } from "../../src/generated/prisma/enums";
import { buildWorld, needIn, responseIn, trail, type Role, type World } from "./world";

// The response lifecycle as the issue states it: the need's enterprise (or ADMIN) shortlists, accepts or
// declines (with a reason code); the society (or ADMIN) withdraws; accepted, declined and withdrawn are final.
type Action = "shortlist" | "accept" | "decline" | "withdraw";
const TARGET: Record<Action, ResponseStatus> = { shortlist: "SHORTLISTED", accept: "ACCEPTED", decline: "DECLINED", withdraw: "WITHDRAWN" };
const ALLOWED: Record<ResponseStatus, Action[]> = {
  SUBMITTED: ["shortlist", "accept", "decline", "withdraw"],
  SHORTLISTED: ["accept", "decline", "withdraw"],
  ACCEPTED: [],
  DECLINED: [],
  WITHDRAWN: [],
};
const DECIDERS: Role[] = ["admin", "owner"];
const WITHDRAWERS: Role[] = ["admin", "society"];
const ROLES: Role[] = ["anonymous", "admin", "owner", "otherEnterprise", "society", "otherSociety", "expert", "analyst"];

function expected(role: Role, from: ResponseStatus, action: Action): string {
  if (role === "anonymous") return "UNAUTHENTICATED";
  if (role === "otherEnterprise" || role === "otherSociety") return "NOT_FOUND"; // they may not see the response at all
  if (![...DECIDERS, ...WITHDRAWERS].includes(role)) return "FORBIDDEN";
  if (!ALLOWED[from].includes(action)) return "BAD_USER_INPUT";
  return (action === "withdraw" ? WITHDRAWERS : DECIDERS).includes(role) ? "OK" : "FORBIDDEN";
}

let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

function act(role: Role, action: Action, id: string): Promise<GqlResult<unknown>> {
  const client = w.as[role];
  switch (action) {
    case "shortlist":
      return client.request(ShortlistResponseDocument, { id });
    case "accept":
      return client.request(AcceptResponseDocument, { id });
    case "decline":
      return client.request(DeclineResponseDocument, { id, reasonCode: "BUDGET", reason: "预算不足" });
    case "withdraw":
      return client.request(WithdrawResponseDocument, { id });
  }
}

const STATUSES = Object.keys(ALLOWED) as ResponseStatus[];
const ACTIONS = Object.keys(TARGET) as Action[];
const cases = ROLES.flatMap((role) => STATUSES.flatMap((from) => ACTIONS.map((action) => [role, from, action, expected(role, from, action)] as const)));

test("the table has allowed and forbidden cases for every deciding role", () => {
  expect(cases).toHaveLength(ROLES.length * STATUSES.length * ACTIONS.length);
  for (const role of ["admin", "owner", "society"] as Role[]) {
    expect(cases.some((c) => c[0] === role && c[3] === "OK")).toBe(true);
    expect(cases.some((c) => c[0] === role && c[3] !== "OK")).toBe(true);
  }
});

test.each(cases)("%s: a %s response, %s: %s", async (role, from, action, outcome) => {
  const need = await needIn(t, w, "OPEN");
  const response = await responseIn(t, w, need.id, from);
  const result = await act(role, action, toGlobalId("Response", response.id));
  const after = await t.hub.database.prisma.response.findUniqueOrThrow({ where: { id: response.id } });
  const written = await trail(t, "RESPONSE", response.id);
  if (outcome === "OK") {
    expect(result.errors).toBeUndefined();
    expect(after.status).toBe(TARGET[action]);
    expect(written).toEqual({ history: 1, audit: 1 });
    const needAfter = await t.hub.database.prisma.techNeed.findUniqueOrThrow({ where: { id: need.id } });
    // Acceptance starts docking; every decision of the need's side starts the decision timer.
    expect(needAfter.status).toBe(action === "accept" ? "IN_DOCKING" : "OPEN");
    expect(needAfter.firstDecisionAt !== null).toBe(action !== "withdraw");
  } else {
    expect(errorOf(result)?.code).toBe(outcome);
    if (outcome === "BAD_USER_INPUT") expect(errorOf(result)?.message).toContain(from);
    expect(after.status).toBe(from);
    expect(written).toEqual({ history: 0, audit: 0 });
  }
});

describe("declining", () => {
  test("needs a reason code, and OTHER a text", async () => {
    const need = await needIn(t, w, "OPEN");
    const response = await responseIn(t, w, need.id, "SUBMITTED");
    const id = toGlobalId("Response", response.id);
    const missing = await w.as.owner.request(`mutation($id: ID!) { declineResponse(id: $id) { id } }`, { id });
    expect(errorOf(missing)?.code).toBe("GRAPHQL_VALIDATION_FAILED"); // the reason code is a required argument
    const other = await w.as.owner.request(DeclineResponseDocument, { id, reasonCode: "OTHER", reason: "  " });
    expect(errorOf(other)).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const bad = await w.as.owner.request(DeclineResponseDocument, { id, reasonCode: "NOT_A_CODE" as never });
    expect(errorOf(bad)?.code).toBe("BAD_USER_INPUT");
    expect((await t.hub.database.prisma.response.findUniqueOrThrow({ where: { id: response.id } })).status).toBe("SUBMITTED");
  });

  test("the society sees the reason of its own response; the expert offered and other societies see nothing of it", async () => {
    const need = await needIn(t, w, "OPEN");
    const response = await responseIn(t, w, need.id, "SHORTLISTED");
    const id = toGlobalId("Response", response.id);
    await w.as.owner.data(DeclineResponseDocument, { id, reasonCode: "TOO_EARLY_STAGE", reason: "技术尚处实验室阶段" });
    const note = { code: "TOO_EARLY_STAGE", text: "技术尚处实验室阶段" };
    for (const role of ["society", "owner", "admin", "analyst"] as Role[]) {
      const seen = await w.as[role].data(ResponseWorkflowDocument, { id });
      expect(seen.node).toMatchObject({ status: "DECLINED", decline: note });
      expect(seen.node && "history" in seen.node && seen.node.history.at(-1)).toMatchObject({ status: "DECLINED", reasonCode: "TOO_EARLY_STAGE", reason: note.text });
    }
    const expert = await w.as.expert.data(ResponseWorkflowDocument, { id });
    expect(expert.node).toMatchObject({ status: "DECLINED", decline: null });
    expect(expert.node && "history" in expert.node && expert.node.history.every((s) => s.reasonCode === null && s.reason === null)).toBe(true);
    expect((await w.as.otherSociety.data(ResponseWorkflowDocument, { id })).node).toBeNull();
    expect((await w.as.otherEnterprise.data(ResponseWorkflowDocument, { id })).node).toBeNull();
  });
});

test("one open response per society per need; after withdrawing, the society may respond again", async () => {
  const need = await needIn(t, w, "OPEN");
  const input = { needId: toGlobalId("TechNeed", need.id), societyId: w.gids.society, expertIds: [w.gids.expert], proposal: "学会组织专家提供液冷改造方案与预警算法。" };
  const first = await w.as.society.data(RespondDocument, { input });
  const again = await w.as.society.request(RespondDocument, { input });
  expect(errorOf(again)).toMatchObject({ code: "CONFLICT", field: "input.societyId" });
  await w.as.society.data(WithdrawResponseDocument, { id: first.respondToNeed.id });
  const second = await w.as.society.data(RespondDocument, { input });
  expect(second.respondToNeed.status).toBe("SUBMITTED");
  expect(second.respondToNeed.history.map((s) => s.status)).toEqual(["SUBMITTED"]);
});
