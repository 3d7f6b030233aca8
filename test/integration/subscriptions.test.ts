import type { Client } from "graphql-ws";
import { OnMatchFoundDocument, OnNeedPostedDocument, OnResponseReceivedDocument, RespondToNeedDocument } from "../generated/operations";
import { createEnterprise, createExpert, createSociety, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { settle, subscribe, wsClient } from "../support/ws";

let t: TestHub;
const sockets: Client[] = [];
const socket = (token: string | null) => {
  const client = wsClient(t.hub.wsUrl, token);
  sockets.push(client);
  return client;
};

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.stop();
});

test("needPosted reaches subscribers of the chain, and only with needs they may see", async () => {
  const owner = await createEnterprise(t.admin);
  const other = await createEnterprise(t.admin);
  const ownerClient = await userClient(t, "ENTERPRISE", owner.id);
  const otherClient = await userClient(t, "ENTERPRISE", other.id);
  const ownSub = subscribe(socket(ownerClient.token), OnNeedPostedDocument, { industryChainCode: "NEW_ENERGY" });
  const otherSub = subscribe(socket(otherClient.token), OnNeedPostedDocument, { industryChainCode: "NEW_ENERGY" });
  const bioSub = subscribe(socket(otherClient.token), OnNeedPostedDocument, { industryChainCode: "BIO" });
  await settle(200);
  await postNeed(ownerClient, owner.id, { title: "机密：储能热管理", visibility: "CONFIDENTIAL" });
  const open = await postNeed(ownerClient, owner.id, { title: "公开：储能热管理" });
  const [first, second] = await ownSub.waitFor(2);
  expect([first.needPosted.title, second.needPosted.title]).toEqual(["机密：储能热管理", "公开：储能热管理"]);
  const [seen] = await otherSub.waitFor(1);
  expect(seen.needPosted.id).toBe(open.id);
  await settle();
  expect(otherSub.events).toHaveLength(1); // the confidential one never reached another enterprise
  expect(bioSub.events).toHaveLength(0);
});

test("matchFound delivers a new expert's match on an open need, filtered by need", async () => {
  const enterprise = await createEnterprise(t.admin);
  const need = await postNeed(t.admin, enterprise.id, { title: "氢燃料电池膜电极耐久性提升", description: "公司氢燃料电池电堆膜电极在动态工况下衰减快，希望提升膜电极耐久性和催化剂稳定性。", keywords: ["膜电极", "燃料电池", "催化剂"] });
  const sub = subscribe(socket(t.admin.token), OnMatchFoundDocument, { needId: need.id });
  await settle(200);
  const expert = await createExpert(t.admin, { expertise: "长期从事质子交换膜燃料电池膜电极制备与耐久性研究，开发了高稳定性铂碳催化剂。", keywords: ["膜电极", "燃料电池", "催化剂"] });
  const events = await sub.waitFor(1);
  expect(events[0].matchFound.need?.id).toBe(need.id);
  expect(events.map((e) => e.matchFound.supplier.__typename === "Expert" && e.matchFound.supplier.id)).toContain(expert.id);
});

test("each event is loaded fresh: a renamed expert arrives under the new name on the same socket", async () => {
  const enterprise = await createEnterprise(t.admin);
  const need = await postNeed(t.admin, enterprise.id, { title: "锂电池隔膜涂覆均匀性改进", description: "公司锂电池隔膜陶瓷涂覆厚度不均，希望改进涂覆工艺与浆料配方。", keywords: ["隔膜", "涂覆", "浆料"] });
  const sub = subscribe(socket(t.admin.token), OnMatchFoundDocument, { needId: need.id });
  await settle(200);
  const expertise = "从事锂电池隔膜陶瓷涂覆工艺与浆料配方研究，解决涂覆厚度不均问题。";
  const expert = await createExpert(t.admin, { name: "旧名专家", expertise, keywords: ["隔膜", "涂覆", "浆料"] });
  const [first] = await sub.waitFor(1);
  expect(first.matchFound.supplier).toMatchObject({ id: expert.id, name: "旧名专家" });
  await t.admin.data(`mutation($id: ID!) { updateExpert(id: $id, input: { name: "新名专家" }) { id } }`, { id: expert.id });
  const events = await sub.waitFor(2);
  expect(events[1].matchFound.supplier).toMatchObject({ id: expert.id, name: "新名专家" });
});

test("responseReceived reaches the need's enterprise, not other enterprises", async () => {
  const enterprise = await createEnterprise(t.admin);
  const other = await createEnterprise(t.admin);
  const ownerClient = await userClient(t, "ENTERPRISE", enterprise.id);
  const otherClient = await userClient(t, "ENTERPRISE", other.id);
  const society = await createSociety(t.admin);
  const societyClient = await userClient(t, "SOCIETY", society.id);
  const need = await postNeed(ownerClient, enterprise.id);
  const ownerSub = subscribe(socket(ownerClient.token), OnResponseReceivedDocument, { needId: need.id });
  const otherSub = subscribe(socket(otherClient.token), OnResponseReceivedDocument, { needId: need.id });
  await settle(200);
  await societyClient.data(RespondToNeedDocument, { input: { needId: need.id, societyId: society.id, proposal: "我会组织储能热管理专家团队提供液冷改造方案。" } });
  const [event] = await ownerSub.waitFor(1);
  expect(event.responseReceived.society.id).toBe(society.id);
  await settle();
  expect(otherSub.events).toHaveLength(0);
});

test("a bad token closes the socket in connection_init", async () => {
  const client = socket("not-a-token");
  const sub = subscribe(client, OnNeedPostedDocument, {});
  await expect(sub.waitFor(1, 2000)).rejects.toThrow();
  expect(String((sub.errors[0] as { code?: number }).code)).toBe("4403");
});
