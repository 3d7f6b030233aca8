import { createEnterprise, createExpert, createPlatform, createSociety, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import type { GqlClient } from "../support/client";

// Issue 22, 3.9: `%` and `_` in a text filter were SQL wildcards (`text:"%"` matched every visible need).
let t: TestHub;
let enterprise: GqlClient;
let enterpriseId: string;
beforeAll(async () => {
  t = await startTestHub();
  enterpriseId = (await createEnterprise(t.admin, { name: "南阳百分之百_科技%有限公司" })).id;
  await createEnterprise(t.admin, { name: "南阳普通科技有限公司" });
  enterprise = await userClient(t, "ENTERPRISE", enterpriseId);
  await postNeed(enterprise, enterpriseId, { title: "良品率提升到99%以上的检测方案" });
  await postNeed(enterprise, enterpriseId, { title: "电池极片_涂布均匀性改进" });
  await postNeed(enterprise, enterpriseId, { title: "路径C:\\data 下的数据采集" });
  await postNeed(enterprise, enterpriseId, { title: "普通的储能热管理需求" });
  await createSociety(t.admin, { name: "南阳百分比%学会" });
  await createSociety(t.admin, { name: "南阳普通学会" });
  await createExpert(t.admin, { name: "专家_甲" });
  await createExpert(t.admin, { name: "专家乙" });
  await createPlatform(t.admin, { name: "中试基地%一号" });
  await createPlatform(t.admin, { name: "中试基地二号" });
});
afterAll(() => t?.stop());

const titles = async (text: string) =>
  (await t.admin.data<{ needs: { edges: Array<{ node: { title: string } }> } }>(`query($text: String) { needs(first: 50, filter: { text: $text }) { edges { node { title } } } }`, { text }))
    .needs.edges.map((e) => e.node.title);

const names = async (field: string, text: string) =>
  (await t.admin.data<Record<string, { edges: Array<{ node: { name: string } }> }>>(`query($text: String) { ${field}(first: 50, filter: { text: $text }) { edges { node { name } } } }`, { text }))[field]!
    .edges.map((e) => e.node.name);

test("text filters match %, _ and \\ literally, not as SQL wildcards", async () => {
  expect(await titles("%")).toEqual(["良品率提升到99%以上的检测方案"]);
  expect(await titles("_")).toEqual(["电池极片_涂布均匀性改进"]);
  expect(await titles("\\")).toEqual(["路径C:\\data 下的数据采集"]);
  expect(await titles("99%以上")).toEqual(["良品率提升到99%以上的检测方案"]);
  expect(await titles("极片%涂布")).toEqual([]);
  expect(await names("enterprises", "%")).toEqual(["南阳百分之百_科技%有限公司"]);
  expect(await names("enterprises", "_")).toEqual(["南阳百分之百_科技%有限公司"]);
  expect(await names("societies", "%")).toEqual(["南阳百分比%学会"]);
  expect(await names("experts", "_")).toEqual(["专家_甲"]);
  expect(await names("platforms", "%")).toEqual(["中试基地%一号"]);
});
