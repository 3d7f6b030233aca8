/**
 * Conflicts of interest (issue 22, programme.graphql "Conflict of interest"): an expert employed by the enterprise,
 * a conflict the supplier's side declared, an organisation the enterprise excluded. Such a party is never matched to
 * the enterprise's needs (whatever their visibility), cannot be invited, and is not shown its MEMBERS or CONFIDENTIAL
 * needs; declaring removes its existing suggestions at once.
 */
import { errorOf, type GqlClient } from "../support/client";
import { createEnterprise, createExpert, createPlatform, createSociety, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

let t: TestHub;
let enterprise: { id: string };
let enterpriseUser: GqlClient;
let society: { id: string };
let societyUser: GqlClient;

beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  enterprise = await createEnterprise(t.admin, { name: "南阳利益冲突测试企业有限公司" });
  enterpriseUser = await userClient(t, "ENTERPRISE", enterprise.id);
  society = await createSociety(t.admin, { name: "冲突测试学会" });
  societyUser = await userClient(t, "SOCIETY", society.id);
}, 120_000);
afterAll(() => t?.stop());

const suppliersOf = async (needId: string) =>
  (
    await t.admin.data<{ node: { matches: Array<{ id: string; status: string; supplier: { id?: string } }> } }>(
      `query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 30) { id status supplier { ... on Expert { id } ... on InnovationPlatform { id } ... on Society { id } } } } } }`,
      { id: needId },
    )
  ).node.matches;

const seesNeed = async (client: GqlClient, id: string) => (await client.data<{ node: { id: string } | null }>(`query($id: ID!) { node(id: $id) { id } }`, { id })).node !== null;

test("an expert employed by the enterprise is never matched to its needs, of any visibility, nor shown its MEMBERS needs", async () => {
  const employed = await createExpert(societyUser, { societyIds: [society.id], employerId: enterprise.id });
  const free = await createExpert(societyUser, { societyIds: [society.id] });
  const employedUser = await userClient(t, "EXPERT", employed.id);
  const employer = await t.admin.data<{ node: { employer: { id: string } | null } }>(`query($id: ID!) { node(id: $id) { ... on Expert { employer { id } } } }`, { id: employed.id });
  expect(employer.node.employer).toEqual({ id: enterprise.id });
  for (const visibility of ["PUBLIC", "MEMBERS", "CONFIDENTIAL"] as const) {
    const need = await postNeed(enterpriseUser, enterprise.id, { title: `冲突测试：储能热管理${visibility}`, visibility });
    const ids = (await suppliersOf(need.id)).map((m) => m.supplier.id);
    expect({ visibility, free: ids.includes(free.id), employed: ids.includes(employed.id) }).toEqual({ visibility, free: true, employed: false });
    expect({ visibility, sees: await seesNeed(employedUser, need.id) }).toEqual({ visibility, sees: visibility === "PUBLIC" });
  }
  // an unknown employer is bad input, and nothing is written
  const before = (await t.admin.data<{ experts: { totalCount: number } }>(`{ experts(first: 0) { totalCount } }`)).experts.totalCount;
  const bad = await societyUser.request(`mutation($input: CreateExpertInput!) { createExpert(input: $input) { id } }`, {
    input: { name: "无主专家", expertise: "从事储能热管理研究多年。", industryChainCodes: ["NEW_ENERGY"], societyIds: [society.id], employerId: Buffer.from("Enterprise:999999").toString("base64url") },
  });
  expect(errorOf(bad)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.employerId" });
  expect((await t.admin.data<{ experts: { totalCount: number } }>(`{ experts(first: 0) { totalCount } }`)).experts.totalCount).toBe(before);
});

test("declareConflict: the supplier's side or ADMIN; suggestions to the enterprise's needs go at once; no invitation; MEMBERS needs hidden", async () => {
  const expert = await createExpert(societyUser, { societyIds: [society.id] });
  const expertUser = await userClient(t, "EXPERT", expert.id);
  const members = await postNeed(enterpriseUser, enterprise.id, { title: "冲突测试：会员储能需求", visibility: "MEMBERS" });
  const match = (await suppliersOf(members.id)).find((m) => m.supplier.id === expert.id)!;
  expect(match.status).toBe("SUGGESTED");
  expect(await seesNeed(expertUser, members.id)).toBe(true);

  // who may declare: not the enterprise, not another society; anonymous callers are told to sign in
  const declare = (client: GqlClient, reason = "曾在该企业任职") =>
    client.request(`mutation($s: ID!, $e: ID!, $r: String!) { declareConflict(supplierId: $s, enterpriseId: $e, reason: $r) }`, { s: expert.id, e: enterprise.id, r: reason });
  expect(errorOf(await declare(t.anonymous))?.code).toBe("UNAUTHENTICATED");
  expect(errorOf(await declare(enterpriseUser))?.code).toBe("FORBIDDEN");
  const stranger = await userClient(t, "SOCIETY", (await createSociety(t.admin, { name: "无关学会" })).id);
  expect(errorOf(await declare(stranger))?.code).toBe("FORBIDDEN");
  expect(errorOf(await declare(expertUser, "  "))).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
  expect((await suppliersOf(members.id)).some((m) => m.supplier.id === expert.id)).toBe(true); // nothing written yet

  // the society declares for its member expert
  expect((await declare(societyUser)).data).toEqual({ declareConflict: true });
  expect((await suppliersOf(members.id)).some((m) => m.supplier.id === expert.id)).toBe(false);
  expect(await seesNeed(expertUser, members.id)).toBe(false);
  const again = await postNeed(enterpriseUser, enterprise.id, { title: "冲突测试：又一个储能需求", visibility: "PUBLIC" });
  expect((await suppliersOf(again.id)).some((m) => m.supplier.id === expert.id)).toBe(false);
  const audit = await t.admin.data<{ auditEvents: { edges: Array<{ node: { action: string } }> } }>(`{ auditEvents(first: 5) { edges { node { action } } } }`);
  expect(audit.auditEvents.edges.map((e) => e.node.action)).toContain("conflict.declare");
});

test("a conflicted supplier cannot be invited (BAD_USER_INPUT), and a declared conflict withdraws a pending invitation", async () => {
  const platform = await createPlatform(t.admin);
  const platformUser = await userClient(t, "EXPERT", platform.id).catch(() => null);
  const need = await postNeed(enterpriseUser, enterprise.id, { title: "冲突测试：保密储能需求", visibility: "CONFIDENTIAL" });
  const match = (await suppliersOf(need.id)).find((m) => m.supplier.id === platform.id)!;
  const invited = await enterpriseUser.data<{ inviteSupplier: { id: string } }>(`mutation($id: ID!) { inviteSupplier(matchId: $id) { id } }`, { id: match.id });
  await t.admin.data(`mutation($s: ID!, $e: ID!) { declareConflict(supplierId: $s, enterpriseId: $e, reason: "关联方") }`, { s: platform.id, e: enterprise.id });
  const withdrawn = await enterpriseUser.data<{ node: { status: string } }>(`query($id: ID!) { node(id: $id) { ... on Invitation { status } } }`, { id: invited.inviteSupplier.id });
  expect(withdrawn.node.status).toBe("WITHDRAWN");
  const retry = await enterpriseUser.request(`mutation($id: ID!) { inviteSupplier(matchId: $id) { id } }`, { id: match.id });
  expect(errorOf(retry)).toMatchObject({ code: "BAD_USER_INPUT", field: "matchId" });
  if (platformUser) expect(await seesNeed(platformUser, need.id)).toBe(false);
});

test("excludeOrganization: the enterprise's users or ADMIN; excludedOrganizations for them only; the excluded society is no longer matched", async () => {
  const competitor = await createSociety(t.admin, { name: "竞争对手学会", disciplines: ["储能", "电池安全"] });
  const exclude = (client: GqlClient) =>
    client.request<{ excludeOrganization: { id: string; excludedOrganizations: Array<{ id: string }> | null } }>(
      `mutation($e: ID!, $o: ID!) { excludeOrganization(enterpriseId: $e, organizationId: $o) { id excludedOrganizations { id } } }`,
      { e: enterprise.id, o: competitor.id },
    );
  expect(errorOf(await exclude(societyUser))?.code).toBe("FORBIDDEN");
  const other = await userClient(t, "ENTERPRISE", (await createEnterprise(t.admin)).id);
  expect(errorOf(await exclude(other))?.code).toBe("FORBIDDEN");
  const done = await exclude(enterpriseUser);
  expect(done.data?.excludeOrganization.excludedOrganizations).toEqual([{ id: competitor.id }]);
  const asOthers = await societyUser.data<{ node: { excludedOrganizations: unknown } }>(`query($id: ID!) { node(id: $id) { ... on Enterprise { excludedOrganizations { id } } } }`, { id: enterprise.id });
  expect(asOthers.node.excludedOrganizations).toBeNull();
  const need = await postNeed(enterpriseUser, enterprise.id, { title: "冲突测试：排除竞争对手后的储能需求", visibility: "MEMBERS" });
  expect((await suppliersOf(need.id)).some((m) => m.supplier.id === competitor.id)).toBe(false);
  const competitorUser = await userClient(t, "SOCIETY", competitor.id);
  expect(await seesNeed(competitorUser, need.id)).toBe(false);
});
