/**
 * Issue 22 §2, reproduced as the security review did it: a society user creates an expert whose profile repeats a
 * CONFIDENTIAL need's words (or an expert edits their own profile); automatic matching makes it a "matched
 * supplier"; before the fix the society then read the need's title through node, lists and totalCount. A match
 * alone must grant nothing: the need opens only when the enterprise invites the supplier and it accepts.
 */
import type { GqlClient } from "../support/client";
import { errorOf } from "../support/client";
import { createEnterprise, createSociety, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

let t: TestHub;
let enterpriseId: string;
let enterpriseUser: GqlClient;
let societyId: string;
let societyUser: GqlClient;

const TITLE = "钠电池极片涂布缺陷视觉检测绝密攻关";
const DESCRIPTION = "我公司钠离子电池极片涂布线出现针孔与划痕缺陷，需要合作开发基于深度学习的涂布缺陷在线视觉检测系统，预算充足。";
const BUDGET = 4_321_987;
const STUFFED = `${TITLE}。${DESCRIPTION}`;

beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  const enterprise = await createEnterprise(t.admin, { name: "南阳保密测试企业有限公司" });
  enterpriseId = enterprise.id;
  enterpriseUser = await userClient(t, "ENTERPRISE", enterpriseId);
  const society = await createSociety(t.admin, { name: "保密测试学会", disciplines: ["电池", "视觉检测"] });
  societyId = society.id;
  societyUser = await userClient(t, "SOCIETY", societyId);
}, 120_000);
afterAll(() => t?.stop());

async function postConfidential(title = TITLE): Promise<string> {
  const data = await enterpriseUser.data<{ postNeed: { id: string } }>(
    `mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`,
    {
      input: {
        enterpriseId,
        title,
        description: DESCRIPTION,
        industryChainCode: "NEW_ENERGY",
        kind: "JOINT_RD",
        keywords: ["涂布缺陷", "视觉检测", "钠离子电池"],
        visibility: "CONFIDENTIAL",
        teaser: "一家电池企业寻求极片缺陷在线检测方面的合作",
        budgetMin: BUDGET,
        budgetMax: BUDGET + 1,
      },
    },
  );
  return data.postNeed.id;
}

async function stuffedExpert(client: GqlClient): Promise<string> {
  const data = await client.data<{ createExpert: { id: string } }>(
    `mutation($input: CreateExpertInput!) { createExpert(input: $input) { id } }`,
    { input: { name: "填词专家", expertise: STUFFED, keywords: ["涂布缺陷", "视觉检测", "钠离子电池"], industryChainCodes: ["NEW_ENERGY"], societyIds: [societyId] } },
  );
  return data.createExpert.id;
}

/** Everything a supplier's viewer can ask about needs and its matches, in one answer (its JSON is searched). */
async function everyDoor(client: GqlClient, needId: string, supplierId: string) {
  const result = await client.request<Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
    `query($needId: ID!, $supplierId: ID!, $enterpriseId: ID!) {
      all: needs(first: 100) { totalCount edges { node { id title } } }
      text: needs(first: 100, filter: { text: "涂布缺陷" }) { totalCount edges { node { id title } } }
      byEnterprise: needs(first: 100, filter: { enterpriseId: $enterpriseId }) { totalCount edges { node { id title } } }
      node(id: $needId) { id ... on TechNeed { title description } }
      ent: node(id: $enterpriseId) { ... on Enterprise { needs(first: 100) { totalCount edges { node { title } } } } }
      forSupplier: matchesForSupplier(supplierId: $supplierId, first: 100) { id reason matchedTerms need { id title description budgetMin enterprise { name } } }
    }`,
    { needId, supplierId, enterpriseId },
  );
  expect(result.errors ?? null).toBeNull();
  return result.data!;
}

function leaks(answer: unknown): boolean {
  const text = JSON.stringify(answer);
  return text.includes(TITLE) || text.includes("针孔与划痕") || text.includes(String(BUDGET)) || text.includes("南阳保密测试企业");
}

test("a society that stuffs an expert with a CONFIDENTIAL need's words never reads the need (node, lists, totalCount, matchesForSupplier)", async () => {
  const before = await everyDoor(societyUser, "VGVjaE5lZWQ6OTk5OTk5", "U29jaWV0eTo5OTk5OTk=");
  const needId = await postConfidential();
  const expertId = await stuffedExpert(societyUser);
  // the engine did match the stuffed expert to the need (the attack's premise)
  const matched = await enterpriseUser.data<{ node: { matches: Array<{ supplier: { id: string } }> } }>(
    `query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 30) { supplier { ... on Expert { id } } } } } }`,
    { id: needId },
  );
  expect(matched.node.matches.map((m) => m.supplier.id)).toContain(expertId);

  for (const supplierId of [expertId, societyId]) {
    const after = await everyDoor(societyUser, needId, supplierId);
    expect(after.node).toBeNull();
    expect(after.all.totalCount).toBe(before.all.totalCount);
    expect(after.text.totalCount).toBe(0);
    expect(after.byEnterprise.totalCount).toBe(0);
    expect(after.ent.needs.totalCount).toBe(0);
    expect(leaks(after)).toBe(false);
  }
});

test("an expert who edits their own profile to repeat a CONFIDENTIAL need's words never reads it", async () => {
  const society = await createSociety(t.admin, { name: "保密测试学会二" });
  const expert = await t.admin.data<{ createExpert: { id: string } }>(
    `mutation($input: CreateExpertInput!) { createExpert(input: $input) { id } }`,
    { input: { name: "改档专家", expertise: "从事农业机械设计与制造研究多年。", industryChainCodes: ["NEW_ENERGY"], societyIds: [society.id] } },
  );
  const expertUser = await userClient(t, "EXPERT", expert.createExpert.id);
  const before = (await everyDoor(expertUser, "VGVjaE5lZWQ6OTk5OTk5", expert.createExpert.id)).all.totalCount;
  const needId = await postConfidential(`${TITLE}（二）`);
  await expertUser.data(`mutation($id: ID!, $input: UpdateExpertInput!) { updateExpert(id: $id, input: $input) { id } }`, {
    id: expert.createExpert.id,
    input: { expertise: STUFFED, keywords: ["涂布缺陷", "视觉检测", "钠离子电池"] },
  });
  const after = await everyDoor(expertUser, needId, expert.createExpert.id);
  expect(after.node).toBeNull();
  expect(after.all.totalCount).toBe(before);
  expect(leaks(after)).toBe(false);
  // and responding to the hidden need is impossible: NOT_FOUND, exactly as for a missing id
  const societyOfExpert = await userClient(t, "SOCIETY", society.id);
  const respond = await societyOfExpert.request(`mutation($input: RespondInput!) { respondToNeed(input: $input) { id } }`, {
    input: { needId, societyId: society.id, expertIds: [expert.createExpert.id], proposal: "我们可以做这个项目，请联系我们。" },
  });
  expect(errorOf(respond)?.code).toBe("NOT_FOUND");
});

describe("consent: teaser first, the need after an accepted invitation", () => {
  let needId: string;
  let expertId: string;
  let matchId: string;

  beforeAll(async () => {
    needId = await postConfidential(`${TITLE}（三）`);
    expertId = await stuffedExpert(societyUser);
    const data = await societyUser.data<{ matchesForSupplier: Array<{ id: string; need: null | { id: string } }> }>(
      `query($id: ID!) { matchesForSupplier(supplierId: $id, first: 100) { id need { id } } }`,
      { id: expertId },
    );
    // the society sees its expert's matches to the closed need, without the need
    const ids = await enterpriseUser.data<{ node: { matches: Array<{ id: string; supplier: { id?: string } }> } }>(
      `query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 30) { id supplier { ... on Expert { id } } } } } }`,
      { id: needId },
    );
    matchId = ids.node.matches.find((m) => m.supplier.id === expertId)!.id;
    expect(data.matchesForSupplier.find((m) => m.id === matchId)).toEqual({ id: matchId, need: null });
  });

  test("a match shows the teaser only: Match.need null, no matched terms or reason", async () => {
    const data = await societyUser.data<{ node: Record<string, unknown> }>(
      `query($id: ID!) { node(id: $id) { ... on Match { need { id } matchedTerms reason teaser { summary kind industryChain { code } region { code } } } } }`,
      { id: matchId },
    );
    expect(data.node).toEqual({
      need: null,
      matchedTerms: [],
      reason: "",
      teaser: { summary: "一家电池企业寻求极片缺陷在线检测方面的合作", kind: "JOINT_RD", industryChain: { code: "NEW_ENERGY" }, region: { code: "411303" } },
    });
  });

  test("invite, a second invitation is a CONFLICT; declining needs a code; accepting opens the need", async () => {
    const invited = await enterpriseUser.data<{ inviteSupplier: { id: string; status: string } }>(
      `mutation($id: ID!) { inviteSupplier(matchId: $id, message: "请看看") { id status } }`,
      { id: matchId },
    );
    expect(invited.inviteSupplier.status).toBe("PENDING");
    const again = await enterpriseUser.request(`mutation($id: ID!) { inviteSupplier(matchId: $id) { id } }`, { id: matchId });
    expect(errorOf(again)).toMatchObject({ code: "CONFLICT", field: "matchId" });
    // the society (for its member expert) sees the invitation, with the teaser, still without the need
    const pending = await societyUser.data<{ invitations: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>(
      `{ invitations(first: 10, status: [PENDING]) { totalCount edges { node { id status need { id } teaser { summary } match { status need { id } } } } } }`,
    );
    expect(pending.invitations.edges.map((e) => e.node)).toContainEqual({
      id: invited.inviteSupplier.id,
      status: "PENDING",
      need: null,
      teaser: { summary: "一家电池企业寻求极片缺陷在线检测方面的合作" },
      match: { status: "CONTACTED", need: null },
    });
    expect(leaks(pending)).toBe(false);
    // the enterprise may not answer its own invitation; declining without a code is bad input
    const byEnterprise = await enterpriseUser.request(`mutation($id: ID!) { answerInvitation(id: $id, accept: true) { id } }`, { id: invited.inviteSupplier.id });
    expect(errorOf(byEnterprise)?.code).toBe("FORBIDDEN");
    const noCode = await societyUser.request(`mutation($id: ID!) { answerInvitation(id: $id, accept: false) { id } }`, { id: invited.inviteSupplier.id });
    expect(errorOf(noCode)).toMatchObject({ code: "BAD_USER_INPUT", field: "declineCode" });
    const stillPending = await societyUser.data<{ node: { status: string } }>(`query($id: ID!) { node(id: $id) { ... on Invitation { status } } }`, { id: invited.inviteSupplier.id });
    expect(stillPending.node.status).toBe("PENDING");

    const accepted = await societyUser.data<{ answerInvitation: { status: string; need: { title: string } | null } }>(
      `mutation($id: ID!) { answerInvitation(id: $id, accept: true) { status need { title } match { status } } }`,
      { id: invited.inviteSupplier.id },
    );
    expect(accepted.answerInvitation).toEqual({ status: "ACCEPTED", need: { title: `${TITLE}（三）` }, match: { status: "ACCEPTED" } });
    const node = await societyUser.data<{ node: { title: string } | null }>(`query($id: ID!) { node(id: $id) { ... on TechNeed { title } } }`, { id: needId });
    expect(node.node).toEqual({ title: `${TITLE}（三）` });
    // a second invitation stays refused once one is ACCEPTED; withdrawing an accepted one is bad input
    expect(errorOf(await enterpriseUser.request(`mutation($id: ID!) { inviteSupplier(matchId: $id) { id } }`, { id: matchId }))?.code).toBe("CONFLICT");
    expect(errorOf(await enterpriseUser.request(`mutation($id: ID!) { withdrawInvitation(id: $id) { id } }`, { id: invited.inviteSupplier.id }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "id",
    });
    // the enterprise lists what it sent; the need lists its invitations for it
    const sent = await enterpriseUser.data<{ node: { invitations: Array<{ id: string; status: string }> } }>(
      `query($id: ID!) { node(id: $id) { ... on TechNeed { invitations { id status } } } }`,
      { id: needId },
    );
    expect(sent.node.invitations).toEqual([{ id: invited.inviteSupplier.id, status: "ACCEPTED" }]);
  });

  test("a stranger sees neither the invitation nor the need", async () => {
    const other = await userClient(t, "SOCIETY", (await createSociety(t.admin, { name: "旁观学会" })).id);
    const data = await other.data<{ invitations: { totalCount: number } }>(`{ invitations(first: 10) { totalCount } }`);
    expect(data.invitations.totalCount).toBe(0);
    expect(await other.data(`query($id: ID!) { node(id: $id) { id } }`, { id: matchId })).toEqual({ node: null });
  });
});

test("withdraw (enterprise side, PENDING only) and decline (with a code) leave the need closed; each answer is audited", async () => {
  const needId = await postConfidential(`${TITLE}（四）`);
  const expertId = await stuffedExpert(societyUser);
  const node = await enterpriseUser.data<{ node: { matches: Array<{ id: string; supplier: { id?: string } }> } }>(
    `query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 30) { id supplier { ... on Expert { id } } } } } }`,
    { id: needId },
  );
  const matchId = node.node.matches.find((m) => m.supplier.id === expertId)!.id;
  const invite = async () => (await enterpriseUser.data<{ inviteSupplier: { id: string } }>(`mutation($id: ID!) { inviteSupplier(matchId: $id) { id } }`, { id: matchId })).inviteSupplier.id;

  const first = await invite();
  // the supplier's side may not withdraw; the enterprise may
  expect(errorOf(await societyUser.request(`mutation($id: ID!) { withdrawInvitation(id: $id) { id } }`, { id: first }))?.code).toBe("FORBIDDEN");
  expect(await enterpriseUser.data(`mutation($id: ID!) { withdrawInvitation(id: $id) { status } }`, { id: first })).toEqual({ withdrawInvitation: { status: "WITHDRAWN" } });
  expect(errorOf(await societyUser.request(`mutation($id: ID!) { answerInvitation(id: $id, accept: true) { id } }`, { id: first }))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });

  // a withdrawn invitation is no longer open: the enterprise may invite again; the society declines
  const second = await invite();
  const other = await societyUser.request(`mutation($id: ID!) { answerInvitation(id: $id, accept: false, declineCode: OTHER) { id } }`, { id: second });
  expect(errorOf(other)).toMatchObject({ code: "BAD_USER_INPUT", field: "declineText" });
  const declined = await societyUser.data<{ answerInvitation: Record<string, unknown> }>(
    `mutation($id: ID!) { answerInvitation(id: $id, accept: false, declineCode: NO_CAPACITY, declineText: "本季度排满") { status declineCode declineText need { id } } }`,
    { id: second },
  );
  expect(declined.answerInvitation).toEqual({ status: "DECLINED", declineCode: "NO_CAPACITY", declineText: "本季度排满", need: null });
  expect(await societyUser.data(`query($id: ID!) { node(id: $id) { id } }`, { id: needId })).toEqual({ node: null });
  const seen = await enterpriseUser.data<{ invitations: { edges: Array<{ node: { id: string; status: string } }> } }>(`{ invitations(first: 100, status: [DECLINED, WITHDRAWN]) { edges { node { id status } } } }`);
  expect(seen.invitations.edges.map((e) => e.node).filter((n) => [first, second].includes(n.id))).toEqual([
    { id: second, status: "DECLINED" },
    { id: first, status: "WITHDRAWN" },
  ]);
  const audit = await t.admin.data<{ auditEvents: { edges: Array<{ node: { action: string } }> } }>(`{ auditEvents(first: 20) { edges { node { action } } } }`);
  const actions = audit.auditEvents.edges.map((e) => e.node.action);
  for (const action of ["invitation.create", "invitation.withdraw", "invitation.decline"]) expect(actions).toContain(action);
});

test("posting a CONFIDENTIAL need without a teaser is BAD_USER_INPUT and writes nothing", async () => {
  const count = async () => (await enterpriseUser.data<{ needs: { totalCount: number } }>(`{ needs(first: 0) { totalCount } }`)).needs.totalCount;
  const before = await count();
  const result = await enterpriseUser.request(`mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`, {
    input: { enterpriseId, title: "无摘要的保密需求", description: DESCRIPTION, industryChainCode: "NEW_ENERGY", kind: "JOINT_RD", visibility: "CONFIDENTIAL" },
  });
  expect(errorOf(result)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.teaser" });
  expect(await count()).toBe(before);
});
