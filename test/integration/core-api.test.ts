import { errorOf } from "../support/client";
import { createEnterprise, createExpert, createPlatform, createSociety, freshCreditCode, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import {
  CreateEnterpriseDocument,
  EnterprisesDocument,
  LoginDocument,
  MeDocument,
  NeedNodeDocument,
  NeedsDocument,
  ReferenceDocument,
  StatsDocument,
} from "../generated/operations";

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.stop());

test("reference data is seeded from the project's copy", async () => {
  const data = await t.anonymous.data(ReferenceDocument);
  expect(data.regions.map((r) => r.code)).toEqual(expect.arrayContaining(["411302", "411381", "NY-GXQ"]));
  expect(data.industryChains.slice(0, 5).map((c) => c.code)).toEqual(["AUTO_PARTS", "EQUIPMENT", "BIO", "OPTOELECTRONICS", "NEW_ENERGY"]);
});

test("the admin from HUB_ADMIN_* signs in and sees itself", async () => {
  const data = await t.admin.data(MeDocument);
  expect(data.me).toMatchObject({ email: "admin@hub.test", role: "ADMIN", organization: null });
  expect((await t.anonymous.data(MeDocument)).me).toBeNull();
});

test("login answers with the signed-in user, email included", async () => {
  const data = await t.anonymous.data(LoginDocument, { email: "admin@hub.test", password: "Admin-Passw0rd!" });
  expect(data.login.user).toMatchObject({ email: "admin@hub.test", role: "ADMIN" });
  const wrong = await t.anonymous.request(LoginDocument, { email: "admin@hub.test", password: "wrong-password" });
  expect(errorOf(wrong)?.code).toBe("UNAUTHENTICATED");
});

test("a bad token is UNAUTHENTICATED, a wrong role FORBIDDEN", async () => {
  const bad = await t.anonymous.as("not-a-jwt").request(MeDocument);
  expect(bad.status).toBe(401);
  expect(errorOf(bad)?.code).toBe("UNAUTHENTICATED");
  const enterprise = await createEnterprise(t.admin);
  const member = await userClient(t, "ENTERPRISE", enterprise.id);
  const denied = await member.request(CreateEnterpriseDocument, {
    input: { name: "越权企业", creditCode: freshCreditCode(), regionCode: "411302", industryChainCodes: ["BIO"] },
  });
  expect(errorOf(denied)?.code).toBe("FORBIDDEN");
  const anonymous = await t.anonymous.request(CreateEnterpriseDocument, {
    input: { name: "匿名企业", creditCode: freshCreditCode(), regionCode: "411302", industryChainCodes: ["BIO"] },
  });
  expect(errorOf(anonymous)?.code).toBe("UNAUTHENTICATED");
});

describe("bad input is named and nothing is written", () => {
  const countEnterprises = async () => (await t.admin.data(StatsDocument)).stats.enterprises;

  test.each([
    ["a wrong check character", { creditCode: "91350100M000100Y44" }, "input.creditCode"],
    ["a short credit code", { creditCode: "9135010" }, "input.creditCode"],
    ["an unknown region", { regionCode: "999999" }, "input.regionCode"],
    ["an unknown chain", { industryChainCodes: ["NOPE"] }, "input.industryChainCodes"],
    ["an empty name", { name: "" }, "input.name"],
  ])("%s", async (_label, override, field) => {
    const before = await countEnterprises();
    const result = await t.admin.request(CreateEnterpriseDocument, {
      input: { name: "南阳某某有限公司", creditCode: freshCreditCode(), regionCode: "411302", industryChainCodes: ["BIO"], ...override },
    });
    expect(errorOf(result)).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await countEnterprises()).toBe(before);
  });

  test("a duplicate credit code is a CONFLICT", async () => {
    const creditCode = freshCreditCode();
    const input = { name: "重复企业", creditCode, regionCode: "411302", industryChainCodes: ["BIO"] };
    await t.admin.data(CreateEnterpriseDocument, { input });
    const again = await t.admin.request(CreateEnterpriseDocument, { input });
    expect(errorOf(again)).toMatchObject({ code: "CONFLICT", field: "input.creditCode" });
  });

  test.each([
    ["budgetMin above budgetMax", { budgetMin: 500, budgetMax: 100 }, "input.budgetMax"],
    ["a negative budget", { budgetMin: -1 }, "input.budgetMin"],
    ["a deadline in the past", { deadline: "2020-01-01T00:00:00Z" }, "input.deadline"],
    ["an unknown chain", { industryChainCode: "NOPE" }, "input.industryChainCode"],
    ["a title too short", { title: "短" }, "input.title"],
  ])("postNeed with %s", async (_label, override, field) => {
    const enterprise = await createEnterprise(t.admin);
    const before = (await t.admin.data(StatsDocument)).stats.needs;
    const result = await t.admin.request(
      `mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`,
      { input: { enterpriseId: enterprise.id, title: "储能热管理需求", description: "需要储能系统热管理方案，温差控制在3℃以内。", industryChainCode: "NEW_ENERGY", kind: "JOINT_RD", ...override } },
    );
    expect(errorOf(result)).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect((await t.admin.data(StatsDocument)).stats.needs).toBe(before);
  });

  test("an unknown enterprise is NOT_FOUND, a malformed ID BAD_USER_INPUT", async () => {
    const unknown = await t.admin.request(`mutation { postNeed(input: { enterpriseId: "${Buffer.from("Enterprise:999999").toString("base64url")}", title: "某需求标题", description: "一个足够长的需求描述文本。", industryChainCode: "BIO", kind: CONSULTING }) { id } }`);
    expect(errorOf(unknown)?.code).toBe("NOT_FOUND");
    const malformed = await t.admin.request(`mutation { postNeed(input: { enterpriseId: "???", title: "某需求标题", description: "一个足够长的需求描述文本。", industryChainCode: "BIO", kind: CONSULTING }) { id } }`);
    expect(errorOf(malformed)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.enterpriseId" });
  });
});

test("postNeed returns the need already matched, best first, with explained scores", async () => {
  const society = await createSociety(t.admin, { disciplines: ["储能", "电池安全"] });
  const expert = await createExpert(t.admin, { societyIds: [society.id] });
  await createExpert(t.admin, {
    expertise: "从事小麦抗病育种与栽培技术研究，培育高产优质小麦新品种。",
    keywords: ["小麦育种", "栽培"],
    industryChainCodes: ["AGRI_FOOD"],
  });
  await createPlatform(t.admin);
  const enterprise = await createEnterprise(t.admin);
  const need = await postNeed(t.admin, enterprise.id);
  expect(need.status).toBe("OPEN");
  expect(need.matches.length).toBeGreaterThan(0);
  expect(need.matches.map((m) => m.rank)).toEqual(need.matches.map((_, i) => i + 1));
  const scores = need.matches.map((m) => m.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  const names = need.matches.map((m) => m.supplier.__typename === "Expert" && m.supplier.id);
  expect(names).toContain(expert.id);
  expect(need.matches.some((m) => m.supplier.__typename === "Expert" && m.supplier.name.startsWith("专家") && m.matchedTerms.includes("小麦育种"))).toBe(false);
  for (const match of need.matches) {
    const sum = match.breakdown.reduce((total, c) => total + c.contribution, 0);
    expect(sum).toBeCloseTo(match.score, 6);
    expect(match.reason.length).toBeGreaterThan(0);
  }
});

test("connections page with opaque cursors, cap first at 100 and count what matches", async () => {
  for (let i = 0; i < 3; i++) await createEnterprise(t.admin, { regionCode: "411329", industryChainCodes: ["TEXTILE"] });
  const filter = { regionCode: "411329" };
  const page1 = await t.admin.data(EnterprisesDocument, { first: 2, filter });
  expect(page1.enterprises.totalCount).toBe(3);
  expect(page1.enterprises.edges).toHaveLength(2);
  expect(page1.enterprises.pageInfo.hasNextPage).toBe(true);
  const page2 = await t.admin.data(EnterprisesDocument, { first: 2, after: page1.enterprises.pageInfo.endCursor, filter });
  expect(page2.enterprises.edges).toHaveLength(1);
  expect(page2.enterprises.pageInfo.hasNextPage).toBe(false);
  const ids = [...page1.enterprises.edges, ...page2.enterprises.edges].map((e) => e.node.id);
  expect(new Set(ids).size).toBe(3);
  const tooMany = await t.admin.request(EnterprisesDocument, { first: 101 });
  expect(errorOf(tooMany)).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  const tooManyMatches = await t.admin.request(`{ needs(first: 1) { edges { node { matches(first: 101) { id } } } } }`);
  expect(errorOf(tooManyMatches)).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  const tooManyForSupplier = await t.admin.request(`query($id: ID!) { matchesForSupplier(supplierId: $id, first: 101) { id } }`, { id: page1.enterprises.edges[0].node.id });
  expect(errorOf(tooManyForSupplier)).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  const badCursor = await t.admin.request(EnterprisesDocument, { first: 1, after: "bm9wZQ" });
  expect(errorOf(badCursor)).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
});

test("a confidential need is hidden from other enterprises through every door", async () => {
  const owner = await createEnterprise(t.admin);
  const other = await createEnterprise(t.admin);
  const ownerClient = await userClient(t, "ENTERPRISE", owner.id);
  const otherClient = await userClient(t, "ENTERPRISE", other.id);
  const secret = await postNeed(ownerClient, owner.id, { title: "机密的储能热管理攻关", visibility: "CONFIDENTIAL", budgetMin: 100, budgetMax: 200 });
  const filter = { enterpriseId: owner.id };
  expect((await ownerClient.data(NeedsDocument, { filter })).needs.totalCount).toBe(1);
  expect((await otherClient.data(NeedsDocument, { filter })).needs.totalCount).toBe(0);
  expect((await otherClient.data(NeedNodeDocument, { id: secret.id })).node).toBeNull();
  expect((await ownerClient.data(NeedNodeDocument, { id: secret.id })).node).toMatchObject({ title: "机密的储能热管理攻关", budgetMin: 100 });
  expect((await t.anonymous.data(NeedNodeDocument, { id: secret.id })).node).toBeNull();
  const text = { text: "机密的储能" };
  expect((await otherClient.data(NeedsDocument, { filter: text })).needs.totalCount).toBe(0);
  expect((await t.admin.data(NeedsDocument, { filter: text })).needs.totalCount).toBe(1);
});

test("anonymous callers see public needs only, without budgets", async () => {
  const enterprise = await createEnterprise(t.admin);
  await postNeed(t.admin, enterprise.id, { title: "公开的电池热管理需求", visibility: "PUBLIC", budgetMin: 10, budgetMax: 20 });
  await postNeed(t.admin, enterprise.id, { title: "会员可见的电池热管理需求", visibility: "MEMBERS" });
  const data = await t.anonymous.data(`query { needs(first: 100) { totalCount edges { node { title visibility budgetMin } } } }`) as {
    needs: { totalCount: number; edges: Array<{ node: { title: string; visibility: string; budgetMin: number | null } }> };
  };
  expect(data.needs.edges.every((e) => e.node.visibility === "PUBLIC" && e.node.budgetMin === null)).toBe(true);
  expect(data.needs.edges.map((e) => e.node.title)).toContain("公开的电池热管理需求");
  expect(data.needs.edges.map((e) => e.node.title)).not.toContain("会员可见的电池热管理需求");
});
