/**
 * Subscriptions as a door (issue 4): real graphql-ws clients signed in as every role. An event reaches exactly
 * the subscribers who may see its payload when it is published, private fields stay private in events, an
 * expired token stops delivery, and a bad token closes the socket with 4403 in connection_init.
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { TokenService } from "../../src/infra/auth/tokens";
import { decodeGlobalId } from "../../src/infra/relay/global-id";
import type { GqlClient } from "../support/client";
import { createEnterprise, createExpert, createSociety, PASSWORD, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { settle, subscribe, wsClient, type Subscription } from "../support/ws";
import {
  ChangePasswordDocument,
  DeactivateUserDocument,
  MeDocument,
  NeedMatchesDocument,
  OnMatchFoundNeedDocument,
  OnNeedPostedPrivateDocument,
  OnResponseReceivedPrivateDocument,
  RespondToNeedDocument,
  type OnMatchFoundNeedSubscription,
  type OnNeedPostedPrivateSubscription,
  type OnResponseReceivedPrivateSubscription,
} from "../generated/operations";

const SECRET = "test-secret-test-secret-test-secret-0123456789"; // startTestHub's HUB_JWT_SECRET
const ROLES = ["anonymous", "ADMIN", "ANALYST", "ENTERPRISE_OWN", "ENTERPRISE_OTHER", "SOCIETY_MATCHED", "SOCIETY_UNMATCHED", "EXPERT_MATCHED", "EXPERT_UNMATCHED"] as const;
type RoleName = (typeof ROLES)[number];

let t: TestHub;
const as = {} as Record<RoleName, GqlClient>;
const w = {} as { e1: string; s1: string; s2: string; x1: string; x2: string };
const sockets: Client[] = [];
const socket = (token: string | null) => {
  const client = wsClient(t.hub.wsUrl, token);
  sockets.push(client);
  return client;
};

beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  const e1 = await createEnterprise(t.admin);
  const e2 = await createEnterprise(t.admin);
  const s1 = await createSociety(t.admin, { disciplines: ["储能", "电池安全"] });
  const s2 = await createSociety(t.admin, { disciplines: ["小麦育种", "作物栽培"] });
  const x1 = await createExpert(t.admin, { societyIds: [s1.id] });
  const x2 = await createExpert(t.admin, {
    societyIds: [s2.id],
    expertise: "从事小麦抗病育种与栽培技术研究，培育高产优质小麦新品种。",
    keywords: ["小麦育种", "栽培"],
    industryChainCodes: ["AGRI_FOOD"],
  });
  Object.assign(w, { e1: e1.id, s1: s1.id, s2: s2.id, x1: x1.id, x2: x2.id });
  as.anonymous = t.anonymous;
  as.ADMIN = t.admin;
  as.ANALYST = await userClient(t, "ANALYST", null);
  as.ENTERPRISE_OWN = await userClient(t, "ENTERPRISE", e1.id);
  as.ENTERPRISE_OTHER = await userClient(t, "ENTERPRISE", e2.id);
  as.SOCIETY_MATCHED = await userClient(t, "SOCIETY", s1.id);
  as.SOCIETY_UNMATCHED = await userClient(t, "SOCIETY", s2.id);
  as.EXPERT_MATCHED = await userClient(t, "EXPERT", x1.id);
  as.EXPERT_UNMATCHED = await userClient(t, "EXPERT", x2.id);
}, 180_000);
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.stop();
});

function subscribeAll<T>(open: (client: Client) => Subscription<T>): Record<RoleName, Subscription<T>> {
  return Object.fromEntries(ROLES.map((role) => [role, open(socket(as[role].token))])) as Record<RoleName, Subscription<T>>;
}

let warmups = 0;
/**
 * Makes sure the subscriptions are live before the test publishes (graphql-ws does not acknowledge a subscribe,
 * and on a loaded machine registering one can take a while): posts a PUBLIC need that every role may see, waits
 * until each subscription has an event for it, then forgets those events.
 */
async function warmUp<T>(subs: Array<Subscription<T>>, isFor: (event: T, needId: string) => boolean): Promise<void> {
  // A subscription that was not live yet misses a warm-up need for good: post another until all have one.
  const warmIds: string[] = [];
  const live = () => subs.every((sub) => sub.events.some((e) => warmIds.some((id) => isFor(e, id))));
  for (let attempt = 0; !live(); attempt++) {
    if (attempt === 20) throw new Error("the subscriptions never became live");
    warmIds.push((await postNeed(t.admin, w.e1, { title: `公开：预热需求${++warmups}`, visibility: "PUBLIC" })).id);
    for (const until = Date.now() + 2_000; Date.now() < until && !live(); ) await settle(100);
  }
  await settle(500);
  for (const sub of subs) {
    sub.events.splice(0);
    sub.errors.splice(0);
  }
}
const postedFor = (e: OnNeedPostedPrivateSubscription, needId: string) => e.needPosted.id === needId;

/** Waits until every subscriber has the sentinel (which all may see), then lets stragglers arrive. */
async function untilSentinel<T>(subs: Record<RoleName, Subscription<T>>, isSentinel: (event: T) => boolean) {
  for (const role of ROLES) {
    const sub = subs[role];
    for (let n = 1; !sub.events.some(isSentinel); n = sub.events.length + 1) await sub.waitFor(n, 10_000);
  }
  await settle(300);
}

const LET_IN: RoleName[] = ["ADMIN", "ANALYST", "ENTERPRISE_OWN"];
const MATCHED_SIDE: RoleName[] = ["SOCIETY_MATCHED", "EXPERT_MATCHED"];

test("needPosted: each role receives exactly the needs it may see, budgets only where it may read them (a match lets no supplier in)", async () => {
  const subs = subscribeAll((c) => subscribe(c, OnNeedPostedPrivateDocument, { industryChainCode: null }));
  await warmUp(Object.values(subs), postedFor);
  const confidential = await postNeed(as.ENTERPRISE_OWN, w.e1, { title: "机密：储能电池热失控预警", visibility: "CONFIDENTIAL", budgetMin: 100, budgetMax: 200 });
  const members = await postNeed(as.ENTERPRISE_OWN, w.e1, { title: "会员：储能液冷热管理", visibility: "MEMBERS", budgetMin: 30, budgetMax: 40 });
  const sentinel = await postNeed(as.ENTERPRISE_OWN, w.e1, { title: "公开：储能热管理改进", visibility: "PUBLIC", budgetMin: 10, budgetMax: 20 });
  // precondition: X1 (and so S1) is matched to the confidential need when it is published, X2 is not
  const matched = ((await t.admin.data(NeedMatchesDocument, { id: confidential.id, first: 100 })).node as { matches: Array<{ supplier: { id: string } }> }).matches.map((m) => m.supplier.id);
  expect(matched).toContain(w.x1);
  expect(matched).not.toContain(w.x2);
  await untilSentinel(subs, (e: OnNeedPostedPrivateSubscription) => e.needPosted.id === sentinel.id);

  const received = Object.fromEntries(ROLES.map((role) => [role, subs[role].events.map((e) => [e.needPosted.title, e.needPosted.budgetMin, e.needPosted.budgetMax])]));
  const budgets = (role: RoleName) => (["ADMIN", "ANALYST", "ENTERPRISE_OWN"].includes(role) ? true : false);
  const expected = Object.fromEntries(
    ROLES.map((role) => {
      const list: unknown[] = [];
      // issue 22: X1 and S1 are matched, not invited: the CONFIDENTIAL need is not theirs to hear of
      if (LET_IN.includes(role)) list.push(budgets(role) ? [confidential.title, 100, 200] : [confidential.title, null, null]);
      if (role !== "anonymous") list.push(budgets(role) ? [members.title, 30, 40] : [members.title, null, null]);
      list.push(role === "anonymous" ? [sentinel.title, null, null] : [sentinel.title, 10, 20]);
      return [role, list];
    }),
  );
  expect(received).toEqual(expected);
  for (const role of ROLES) expect(subs[role].errors).toEqual([]);
});

test("matchFound: matches on a confidential need reach those who may see the need; the matched supplier's side gets the teaser only", async () => {
  const subs = subscribeAll((c) => subscribe(c, OnMatchFoundNeedDocument, { needId: null, supplierId: null }));
  await warmUp(Object.values(subs), (e: OnMatchFoundNeedSubscription, needId) => e.matchFound.need?.id === needId);
  const title = "机密：储能电站热失控早期预警";
  const confidential = await postNeed(as.ENTERPRISE_OWN, w.e1, { title, visibility: "CONFIDENTIAL", teaser: "某企业寻求储能安全合作" });
  const sentinel = await postNeed(as.ENTERPRISE_OWN, w.e1, { title: "公开：储能电站液冷改造", visibility: "PUBLIC" });
  await untilSentinel(subs, (e: OnMatchFoundNeedSubscription) => e.matchFound.need?.id === sentinel.id);
  const sawConfidential = Object.fromEntries(ROLES.map((role) => [role, subs[role].events.some((e) => e.matchFound.need?.id === confidential.id)]));
  expect(sawConfidential).toEqual(Object.fromEntries(ROLES.map((role) => [role, LET_IN.includes(role)])));
  // the matched side hears of its own match: need null, the teaser, no words of the need
  const teasers = Object.fromEntries(ROLES.map((role) => [role, subs[role].events.filter((e) => e.matchFound.need === null).map((e) => e.matchFound.teaser?.summary)]));
  for (const role of ROLES) expect({ role, teasers: [...new Set(teasers[role])] }).toEqual({ role, teasers: MATCHED_SIDE.includes(role) ? ["某企业寻求储能安全合作"] : [] });
  for (const role of [...MATCHED_SIDE, "SOCIETY_UNMATCHED", "EXPERT_UNMATCHED", "ENTERPRISE_OTHER", "anonymous"] as RoleName[]) {
    expect({ role, leaked: JSON.stringify(subs[role].events).includes(title) }).toEqual({ role, leaked: false });
    expect(subs[role].events.filter((e) => e.matchFound.need === null).flatMap((e) => [...e.matchFound.matchedTerms, e.matchFound.reason].filter(Boolean))).toEqual([]);
  }
  for (const role of ROLES) expect(subs[role].errors).toEqual([]);
});

test("responseReceived: proposals reach the need's enterprise, ADMIN, ANALYST and the responding society only", async () => {
  const need = await postNeed(as.ENTERPRISE_OWN, w.e1, { title: "公开：储能热管理方案征集", visibility: "PUBLIC" });
  const clients = Object.fromEntries(ROLES.map((role) => [role, socket(as[role].token)])) as Record<RoleName, Client>;
  const subs = Object.fromEntries(ROLES.map((role) => [role, subscribe(clients[role], OnResponseReceivedPrivateDocument, { needId: need.id })])) as Record<
    RoleName,
    Subscription<OnResponseReceivedPrivateSubscription>
  >;
  // Roles that must receive nothing prove nothing unless their subscription is live: barrier on the same sockets.
  await warmUp(ROLES.map((role) => subscribe(clients[role], OnNeedPostedPrivateDocument, { industryChainCode: null })), postedFor);
  await settle(1_000);
  const r1 = await as.SOCIETY_MATCHED.data(RespondToNeedDocument, { input: { needId: need.id, societyId: w.s1, expertIds: [w.x1], proposal: "学会一：组织储能热管理专家提供液冷改造方案。" } });
  const r2 = await as.SOCIETY_UNMATCHED.data(RespondToNeedDocument, { input: { needId: need.id, societyId: w.s2, proposal: "学会二：提供电池热失控预警算法与试验验证。" } });
  await subs.ADMIN.waitFor(2);
  await settle(500);
  const got = Object.fromEntries(ROLES.map((role) => [role, subs[role].events.map((e: OnResponseReceivedPrivateSubscription) => e.responseReceived.proposal).sort()]));
  const both = ["学会一：组织储能热管理专家提供液冷改造方案。", "学会二：提供电池热失控预警算法与试验验证。"];
  expect(got).toEqual({
    anonymous: [],
    ADMIN: both,
    ANALYST: both,
    ENTERPRISE_OWN: both,
    ENTERPRISE_OTHER: [],
    SOCIETY_MATCHED: ["学会一：组织储能热管理专家提供液冷改造方案。"],
    SOCIETY_UNMATCHED: ["学会二：提供电池热失控预警算法与试验验证。"],
    EXPERT_MATCHED: ["学会一：组织储能热管理专家提供液冷改造方案。"], // offered in S1's response
    EXPERT_UNMATCHED: [],
  });
  expect(r1.respondToNeed.id).not.toBe(r2.respondToNeed.id);
});

test("a subscriber whose token expires stops receiving", async () => {
  const me = (await as.ANALYST.data(MeDocument)).me!;
  const ttl = 8;
  const expiresAt = Date.now() + ttl * 1000;
  const shortLived = await new TokenService(SECRET, ttl).sign({ id: decodeGlobalId(me.id)!.id, role: "ANALYST", tokenVersion: 0, organizationId: null });
  const sub = subscribe(socket(shortLived), OnNeedPostedPrivateDocument, { industryChainCode: null });
  const control = subscribe(socket(as.ANALYST.token), OnNeedPostedPrivateDocument, { industryChainCode: null });
  await warmUp([sub, control], postedFor); // both live: the short-lived token works until it expires
  await settle(Math.max(0, expiresAt - Date.now()) + 1_200);
  const after = await postNeed(t.admin, w.e1, { title: "公开：过期后的需求" });
  await control.waitFor(1);
  await settle(500);
  expect(sub.events.map((e) => e.needPosted.id)).toEqual([]);
  expect(control.events.map((e) => e.needPosted.id)).toEqual([after.id]);
});

test("a subscriber who is deactivated, or whose password changes, stops receiving at once", async () => {
  const deactivated = await userClient(t, "ANALYST", null);
  const changer = await userClient(t, "ANALYST", null);
  const subs = {
    deactivated: subscribe(socket(deactivated.token), OnNeedPostedPrivateDocument, { industryChainCode: null }),
    changer: subscribe(socket(changer.token), OnNeedPostedPrivateDocument, { industryChainCode: null }),
    control: subscribe(socket(as.ANALYST.token), OnNeedPostedPrivateDocument, { industryChainCode: null }),
  };
  await warmUp(Object.values(subs), postedFor); // all three receive while their tokens hold
  await t.admin.data(DeactivateUserDocument, { id: (await deactivated.data(MeDocument)).me!.id });
  await changer.data(ChangePasswordDocument, { currentPassword: PASSWORD, newPassword: "Changed-Passw0rd!" });
  const after = await postNeed(t.admin, w.e1, { title: "公开：吊销后的需求" });
  await subs.control.waitFor(1);
  await settle(500);
  expect(Object.fromEntries(Object.entries(subs).map(([name, sub]) => [name, sub.events.map((e) => e.needPosted.id)]))).toEqual({
    deactivated: [],
    changer: [],
    control: [after.id],
  });
});

/** Opens a graphql-ws connection and resolves with how it ended: "connected" or the close code. */
function connectOutcome(connectionParams: Record<string, unknown>): Promise<"connected" | number> {
  return new Promise((resolve) => {
    const client = createClient({
      url: t.hub.wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams,
      on: {
        connected: () => resolve("connected"),
        closed: (event) => resolve((event as { code: number }).code),
      },
      onNonLazyError: () => {},
    });
    sockets.push(client);
  });
}

test("connection_init with a bad token closes the socket with 4403; a good one connects", async () => {
  const victim = await userClient(t, "ANALYST", null);
  const victimId = (await victim.data(MeDocument)).me!.id;
  const changer = await userClient(t, "ANALYST", null);
  const changed = await changer.data(ChangePasswordDocument, { currentPassword: PASSWORD, newPassword: "N3w-Strong-Passw0rd!" });
  await t.admin.data(DeactivateUserDocument, { id: victimId });
  const forged = await new TokenService("another-secret-another-secret-another-secret", 3600).sign({ id: 1, role: "ADMIN", tokenVersion: 0, organizationId: null });

  expect({
    good: await connectOutcome({ authorization: `Bearer ${as.ENTERPRISE_OWN.token}` }),
    anonymous: await connectOutcome({}),
    garbage: await connectOutcome({ authorization: "Bearer not-a-jwt" }),
    notBearer: await connectOutcome({ authorization: as.ENTERPRISE_OWN.token }),
    forged: await connectOutcome({ authorization: `Bearer ${forged}` }),
    deactivated: await connectOutcome({ authorization: `Bearer ${victim.token}` }),
    beforePasswordChange: await connectOutcome({ authorization: `Bearer ${changer.token}` }),
    afterPasswordChange: await connectOutcome({ authorization: `Bearer ${changed.changePassword.token}` }),
  }).toEqual({
    good: "connected",
    anonymous: "connected",
    garbage: 4403,
    notBearer: 4403,
    forged: 4403,
    deactivated: 4403,
    beforePasswordChange: 4403,
    afterPasswordChange: "connected",
  });
});
