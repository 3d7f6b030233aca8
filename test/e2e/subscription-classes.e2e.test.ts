// Subscriptions cost per event, not per socket (issue 30 §1): subscribers of one document, variables and rights share
// one execution per event, counted by the hub's hub_subscription_executions_total; viewers whose rights differ get
// payloads of their own. A real hub process (as `npm start` runs it) and real graphql-ws clients.
import type { Client } from "graphql-ws";
import type { GqlClient } from "../support/client";
import { createEnterprise, createSociety, PASSWORD } from "../support/fixtures";
import { startHubProcess, type HubProcess } from "../support/hub-process";
import { settle, wsClient } from "../support/ws";

let hub: HubProcess;
let sockets: Client[] = [];
let users = 0;

beforeAll(async () => {
  hub = await startHubProcess({ HUB_SWEEP_SECONDS: "0" });
}, 300_000);
afterAll(async () => hub?.stop());
afterEach(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  sockets = [];
  await settle(300); // the hub completes the closed sockets' subscriptions
});

async function userOf(role: string, organizationId: string): Promise<GqlClient> {
  const email = `classes-${role.toLowerCase()}${++users}@hub.test`;
  await hub.admin.data(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: PASSWORD, role, organizationId } });
  return hub.signIn(email, PASSWORD);
}

interface Listener<T> {
  events: T[];
  /** Resolves when `count` events have arrived (rejects after 15 s). */
  waitFor(count: number): Promise<T[]>;
}

function listen<T = Record<string, any>>(client: GqlClient, query: string, variables: Record<string, unknown> = {}): Listener<T> {
  const socket = wsClient(hub.wsUrl, client.token);
  sockets.push(socket);
  const events: T[] = [];
  const errors: unknown[] = [];
  let wake = () => {};
  socket.subscribe<T>({ query, variables }, {
    next: (value) => {
      if (value.errors) errors.push(value.errors);
      if (value.data) events.push(value.data as T);
      wake();
    },
    error: (err) => void errors.push(err),
    complete: () => {},
  });
  return {
    events,
    waitFor: (count) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited for ${count} events, got ${events.length}: ${JSON.stringify(errors)}`)), 15_000);
        wake = () => {
          if (events.length < count) return;
          clearTimeout(timer);
          resolve(events.slice());
        };
        wake();
      }),
  };
}

/** How many times the hub executed a subscription document for an event, so far. */
async function executions(): Promise<number> {
  const text = await (await fetch(hub.url.replace(/\/graphql$/, "/metrics"))).text();
  return Number(/^hub_subscription_executions_total (\d+)/m.exec(text)?.[1] ?? NaN);
}

/** Waits until every listener's subscription is open on the hub (a first event cannot be awaited for that). */
const subscribed = () => settle(1500);

async function postNeed(client: GqlClient, enterpriseId: string, input: Record<string, unknown> = {}): Promise<string> {
  const data = await client.data<{ postNeed: { id: string } }>(`mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`, {
    input: { enterpriseId, title: "储能电池簇液冷热管理改造", description: "储能电站电池簇温差过大，需要液冷热管理方案与热失控预警。", industryChainCode: "NEW_ENERGY", kind: "JOINT_RD", ...input },
  });
  return data.postNeed.id;
}

test("viewers of one organisation share one execution per event; ADMIN is a class of its own", async () => {
  const enterprise = await createEnterprise(hub.admin);
  const owner = await userOf("ENTERPRISE", enterprise.id);
  const other = await createEnterprise(hub.admin);
  const colleagues = [await userOf("ENTERPRISE", other.id), await userOf("ENTERPRISE", other.id), await userOf("ENTERPRISE", other.id)];
  const query = "subscription { needPosted { id title } }";
  const listeners = [...colleagues.map((c) => listen(c, query)), listen(hub.admin, query), listen(hub.admin, query)];
  await subscribed();
  const before = await executions();
  const needId = await postNeed(owner, enterprise.id);
  for (const l of listeners) expect((await l.waitFor(1))[0]).toEqual({ needPosted: { id: needId, title: "储能电池簇液冷热管理改造" } });
  // five sockets, two classes: the other enterprise's three users, and ADMIN's two sockets
  expect((await executions()) - before).toBe(2);
});

test("two viewers with different rights on one document get different payloads: contact and budget split the class", async () => {
  const enterprise = await createEnterprise(hub.admin);
  await hub.admin.data(`mutation($id: ID!, $input: UpdateEnterpriseInput!) { updateEnterprise(id: $id, input: $input) { id } }`, {
    id: enterprise.id,
    input: { contact: { person: "王工", phone: "13812345678" } },
  });
  const owner = await userOf("ENTERPRISE", enterprise.id);
  const stranger = await userOf("ENTERPRISE", (await createEnterprise(hub.admin)).id);
  const query = "subscription($chain: String) { needPosted(industryChainCode: $chain) { id budgetMin enterprise { id contact { person } } } }";
  const mine = listen(owner, query, { chain: "NEW_ENERGY" });
  const theirs = listen(stranger, query, { chain: "NEW_ENERGY" });
  await subscribed();
  const before = await executions();
  const needId = await postNeed(owner, enterprise.id, { visibility: "MEMBERS", budgetMin: 300_000, budgetMax: 500_000 });
  expect((await mine.waitFor(1))[0]).toEqual({ needPosted: { id: needId, budgetMin: 300_000, enterprise: { id: enterprise.id, contact: { person: "王工" } } } });
  expect((await theirs.waitFor(1))[0]).toEqual({ needPosted: { id: needId, budgetMin: null, enterprise: { id: enterprise.id, contact: null } } });
  expect((await executions()) - before).toBe(2);
});

test("a CONFIDENTIAL need's match never reaches a supplier that was not invited; its matched supplier hears of it by teaser only", async () => {
  const enterprise = await createEnterprise(hub.admin);
  const owner = await userOf("ENTERPRISE", enterprise.id);
  const matched = await createSociety(hub.admin, { disciplines: ["电池", "视觉检测"] });
  const matchedUser = await userOf("SOCIETY", matched.id);
  const bystanders = await createSociety(hub.admin, { disciplines: ["电池", "视觉检测"] });
  const bystanderUsers = [await userOf("SOCIETY", bystanders.id), await userOf("SOCIETY", bystanders.id)];
  const title = "钠电池极片涂布缺陷视觉检测绝密攻关";
  const needId = await postNeed(owner, enterprise.id, {
    title,
    description: "钠离子电池极片涂布线出现针孔与划痕缺陷，需要合作开发涂布缺陷在线视觉检测系统。",
    keywords: ["涂布缺陷", "视觉检测", "钠离子电池"],
    visibility: "CONFIDENTIAL",
    teaser: "一家电池企业寻求极片缺陷在线检测方面的合作",
  });
  const query = "subscription { matchFound { id need { id title } teaser { summary } } }";
  const ownSide = listen(owner, query);
  const supplierSide = listen(matchedUser, query);
  const others = bystanderUsers.map((u) => listen(u, query));
  const staff = listen(hub.admin, query);
  await subscribed();
  // the society's new expert repeats the need's words: the engine matches it to the closed need
  await matchedUser.data(`mutation($input: CreateExpertInput!) { createExpert(input: $input) { id } }`, {
    input: { name: "涂布检测专家", expertise: `${title}。针孔与划痕缺陷的在线视觉检测。`, keywords: ["涂布缺陷", "视觉检测", "钠离子电池"], industryChainCodes: ["NEW_ENERGY"], societyIds: [matched.id] },
  });
  // other needs (public ones of earlier tests) may match the new expert too: follow the closed need's match
  const closedMatch = async (l: Listener<Record<string, any>>) => {
    for (let n = 1; ; n++) {
      const found = (await l.waitFor(n)).find((e) => e.matchFound.need?.id === needId || e.matchFound.teaser?.summary?.includes("极片缺陷"));
      if (found) return found.matchFound;
    }
  };
  const forOwner = await closedMatch(ownSide);
  expect(forOwner.need).toEqual({ id: needId, title });
  expect((await closedMatch(staff)).need).toEqual({ id: needId, title });
  expect(await closedMatch(supplierSide)).toEqual({ id: forOwner.id, need: null, teaser: { summary: "一家电池企业寻求极片缺陷在线检测方面的合作" } });
  expect(JSON.stringify(supplierSide.events)).not.toContain("涂布缺陷视觉检测绝密");
  await settle(1000);
  for (const o of others) {
    expect(o.events.map((e) => e.matchFound.id)).not.toContain(forOwner.id);
    expect(JSON.stringify(o.events)).not.toContain("极片");
  }
});

test("matchFound's filters still hold: needId, supplierId, industryChainCode, minScore", async () => {
  const enterprise = await createEnterprise(hub.admin);
  const owner = await userOf("ENTERPRISE", enterprise.id);
  const society = await createSociety(hub.admin, { disciplines: ["储能", "热管理"] });
  const needId = await postNeed(owner, enterprise.id, { keywords: ["液冷", "热管理", "储能"] });
  const otherNeedId = await postNeed(owner, enterprise.id, { title: "农机齿轮箱降噪", description: "拖拉机齿轮箱噪声过大，需要降噪设计。", industryChainCode: "EQUIPMENT", keywords: ["齿轮箱", "降噪"] });
  const query = "subscription($needId: ID, $supplierId: ID, $chain: String, $minScore: Float) { matchFound(needId: $needId, supplierId: $supplierId, industryChainCode: $chain, minScore: $minScore) { id need { id } score } }";
  const byNeed = listen(hub.admin, query, { needId });
  const byOtherNeed = listen(hub.admin, query, { needId: otherNeedId });
  const bySociety = listen(hub.admin, query, { supplierId: society.id });
  const byOtherSociety = listen(hub.admin, query, { supplierId: (await createSociety(hub.admin)).id });
  const byChain = listen(hub.admin, query, { chain: "NEW_ENERGY" });
  const byOtherChain = listen(hub.admin, query, { chain: "EQUIPMENT" });
  const anyScore = listen(hub.admin, query, { needId, minScore: 0 });
  const aboveAll = listen(hub.admin, query, { needId, minScore: 1000 });
  await subscribed();
  const societyUser = await userOf("SOCIETY", society.id);
  await societyUser.data(`mutation($input: CreateExpertInput!) { createExpert(input: $input) { id } }`, {
    input: { name: "储能热管理专家", expertise: "储能电站电池簇液冷热管理与热失控预警。", keywords: ["液冷", "热管理", "储能"], industryChainCodes: ["NEW_ENERGY"], societyIds: [society.id] },
  });
  const [match] = await byNeed.waitFor(1);
  expect(match.matchFound.need.id).toBe(needId);
  await anyScore.waitFor(1);
  await byChain.waitFor(1);
  await settle(1000);
  expect(byChain.events.every((e) => e.matchFound.need.id !== otherNeedId)).toBe(true);
  for (const none of [byOtherNeed, byOtherChain, aboveAll, byOtherSociety]) expect(none.events.filter((e) => e.matchFound.need.id === needId)).toEqual([]);
  // the expert's own match is its society's? a new expert is matched as an Expert: the society filter hears none of it
  expect(bySociety.events.filter((e) => e.matchFound.id === match.matchFound.id)).toEqual([]);
});

test("notificationAdded: colleagues of one enterprise each receive their own notification, executed together (fewer executions than users)", async () => {
  const enterprise = await createEnterprise(hub.admin);
  const colleagues: GqlClient[] = [];
  for (let i = 0; i < 6; i++) colleagues.push(await userOf("ENTERPRISE", enterprise.id));
  const needId = await postNeed(colleagues[0], enterprise.id);
  const query = "subscription { notificationAdded { id kind } }";
  const inboxes = colleagues.map((c) => listen(c, query));
  await subscribed();
  const before = await executions();
  const society = await createSociety(hub.admin);
  const societyUser = await userOf("SOCIETY", society.id);
  await societyUser.data(`mutation($input: RespondInput!) { respondToNeed(input: $input) { id } }`, {
    input: { needId, societyId: society.id, proposal: "我会组织储能热管理专家团队提供液冷改造方案。" },
  });
  const received = await Promise.all(inboxes.map((i) => i.waitFor(1)));
  await settle(500);
  for (const [i, colleague] of colleagues.entries()) {
    const own = await colleague.data<{ notifications: { edges: Array<{ node: { id: string } }> } }>(`{ notifications(first: 50) { edges { node { id } } } }`);
    const ownIds = own.notifications.edges.map((e) => e.node.id);
    for (const event of inboxes[i].events) expect(ownIds).toContain(event.notificationAdded.id);
  }
  const ids = received.map((r) => r[0].notificationAdded.id);
  expect(new Set(ids).size).toBe(colleagues.length);
  // One group of six users: one execution per notification each of them received (their k-th together), not one per user.
  const executed = (await executions()) - before;
  expect(executed).toBe(Math.max(...inboxes.map((i) => i.events.length)));
  expect(executed).toBeLessThan(colleagues.length);
});
