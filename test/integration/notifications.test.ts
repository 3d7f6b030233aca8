import type { Client } from "graphql-ws";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { NotificationSweep } from "../../src/modules/notification";
import {
  AcceptResponseDocument,
  MarkNotificationsReadDocument,
  MyNotificationPreferencesDocument,
  NotificationNodeDocument,
  NotificationsDocument,
  OnNotificationAddedDocument,
  RecordDealDocument,
  RespondDocument,
  SetNotificationPreferencesDocument,
  ShortlistResponseDocument,
  WithdrawResponseDocument,
  type NotificationFieldsFragment,
} from "../generated/operations";
import type { GqlClient } from "../support/client";
import { createExpert, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { settle, subscribe, wsClient } from "../support/ws";
import { buildWorld, dbId, matchIn, needIn, type World } from "../workflow/world";

// The inbox: every NotificationKind that exists today produced by performing its event, to the users who should
// hear of it and nobody else; the doors (list, count, node, marking, the subscription) open on one's own only.
let t: TestHub;
let w: World;
const sockets: Client[] = [];
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0", HUB_STALE_NEED_DAYS: "14" });
  w = await buildWorld(t);
}, 120_000);
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.stop();
});

async function inbox(client: GqlClient): Promise<NotificationFieldsFragment[]> {
  return (await client.data(NotificationsDocument, { first: 100 })).notifications.edges.map((e) => e.node);
}

const ofKind = (list: NotificationFieldsFragment[], kind: string) => list.filter((n) => n.kind === kind);
const DAY = 86_400_000;

test("a posted need tells each matched supplier's users; a society's users also hear of their member experts' matches", async () => {
  const need = await postNeed(w.as.owner, w.gids.owner, { title: "储能电站液冷热管理联合攻关" });
  const matched = await t.hub.database.prisma.match.findMany({ where: { needId: dbId(need.id) } });
  const kinds = new Set(matched.map((m) => m.supplierKind));
  expect(kinds).toEqual(new Set(["EXPERT", "PLATFORM", "SOCIETY"])); // the world's three suppliers fit this need

  const expertMatch = matched.find((m) => m.expertId === w.ids.expert)!;
  const forExpert = ofKind(await inbox(w.as.expert), "MATCH_FOUND");
  expect(forExpert).toHaveLength(1);
  expect(forExpert[0]).toMatchObject({ title: expect.stringContaining("储能电站液冷热管理联合攻关"), readAt: null, subject: { __typename: "Match", id: toGlobalId("Match", expertMatch.id) } });
  expect(forExpert[0].title).toMatch(/^新匹配：.*（匹配度 \d\.\d\d）$/);

  const forSociety = ofKind(await inbox(w.as.society), "MATCH_FOUND");
  const societyMatch = matched.find((m) => m.societyId === w.ids.society)!;
  expect(forSociety.map((n) => n.subject?.id).sort()).toEqual([toGlobalId("Match", expertMatch.id), toGlobalId("Match", societyMatch.id)].sort());
  expect(ofKind(await inbox(w.as.platform), "MATCH_FOUND")).toHaveLength(1);
  for (const bystander of [w.as.owner, w.as.otherEnterprise, w.as.analyst, t.admin]) expect(ofKind(await inbox(bystander), "MATCH_FOUND")).toEqual([]);
  // Another society hears of its own matches only (this text may match it too).
  const otherSocietys = new Set(matched.filter((m) => m.societyId === w.ids.otherSociety).map((m) => toGlobalId("Match", m.id)));
  expect(ofKind(await inbox(w.as.otherSociety), "MATCH_FOUND").map((n) => n.subject?.id)).toEqual([...otherSocietys]);
});

test("a CONFIDENTIAL need's MATCH_FOUND carries neither its title, its description nor its enterprise: its teaser, and the match (teaser only)", async () => {
  const title = "保密课题：新型固态电解质界面改性";
  const description = "我公司储能电站电池簇热管理与热失控预警的保密合作，涉及液冷板设计与热失控早期预警算法。";
  await postNeed(w.as.owner, w.gids.owner, { title, description, visibility: "CONFIDENTIAL", keywords: ["热失控", "热管理", "储能"] });
  const [latest] = ofKind(await inbox(w.as.expert), "MATCH_FOUND");
  expect(latest.title).toMatch(/^新匹配：一项保密需求（匹配度 \d\.\d\d）$/);
  expect(latest.subject?.__typename).toBe("Match");
  const enterprise = await t.hub.database.prisma.enterprise.findUniqueOrThrow({ where: { id: w.ids.owner } });
  for (const secret of [title, description.slice(0, 20), enterprise.name]) expect(`${latest.title}${latest.body}`).not.toContain(secret);
});

test("a response, its steps and its deal tell the other party", async () => {
  const need = await needIn(t, w, "OPEN", { title: "响应通知测试需求" });
  const needId = toGlobalId("TechNeed", need.id);
  const response = (await w.as.society.data(RespondDocument, { input: { needId, societyId: w.gids.society, expertIds: [w.gids.expert], proposal: "学会组织专家提供液冷改造方案。" } })).respondToNeed;
  const [received] = ofKind(await inbox(w.as.owner), "RESPONSE_RECEIVED");
  expect(received).toMatchObject({ title: expect.stringContaining("响应通知测试需求"), subject: { __typename: "Response", id: response.id } });

  await w.as.owner.data(ShortlistResponseDocument, { id: response.id });
  await w.as.owner.data(AcceptResponseDocument, { id: response.id });
  for (const party of [w.as.society, w.as.expert]) {
    const steps = ofKind(await inbox(party), "RESPONSE_STATUS_CHANGED").filter((n) => n.subject?.id === response.id);
    expect(steps.map((n) => n.title)).toEqual(["响应已被采纳：「响应通知测试需求」", "响应已入围：「响应通知测试需求」"]);
  }
  expect(ofKind(await inbox(w.as.owner), "RESPONSE_STATUS_CHANGED")).toEqual([]); // its own decisions are no news to it

  const deal = (await w.as.owner.data(RecordDealDocument, { input: { responseId: response.id, mode: "JOINT_RD", summary: "签订联合研发协议。" } })).recordDeal;
  for (const party of [w.as.owner, w.as.society, w.as.expert]) {
    expect(ofKind(await inbox(party), "DEAL_RECORDED").map((n) => n.subject)).toContainEqual({ __typename: "Deal", id: deal.id });
  }
  expect(ofKind(await inbox(w.as.otherSociety), "DEAL_RECORDED")).toEqual([]);

  // A withdrawal goes the other way: to the need's enterprise.
  const other = await needIn(t, w, "OPEN", { title: "撤回通知测试需求" });
  const withdrawn = (await w.as.society.data(RespondDocument, { input: { needId: toGlobalId("TechNeed", other.id), societyId: w.gids.society, proposal: "学会组织专家提供储能热管理方案。" } })).respondToNeed;
  await w.as.society.data(WithdrawResponseDocument, { id: withdrawn.id });
  expect(ofKind(await inbox(w.as.owner), "RESPONSE_STATUS_CHANGED").map((n) => n.title)).toEqual([expect.stringMatching(/^响应撤回：.*「撤回通知测试需求」的响应$/)]);
});

test("NEED_STALE and NEED_DEADLINE_NEAR come once each, though two sweeps run at once and they fell due while none ran", async () => {
  const stale = await needIn(t, w, "OPEN", { title: "无人响应的需求", openedAt: new Date(Date.now() - 20 * DAY) });
  const near = await needIn(t, w, "OPEN", { title: "即将截止的需求", deadline: new Date(Date.now() + 2 * DAY) });
  const far = await needIn(t, w, "OPEN", { title: "远未截止的需求", deadline: new Date(Date.now() + 10 * DAY) });
  // Someone is working on it (an accepted match; the need was moved back to OPEN): not stale.
  const worked = await needIn(t, w, "OPEN", { title: "有人对接的需求", openedAt: new Date(Date.now() - 20 * DAY) });
  await matchIn(t, w, worked.id, "ACCEPTED");
  const sweep = t.hub.services.notificationSweep;
  await Promise.all([sweep.run(), sweep.run()]);
  await sweep.run();

  const owner = await inbox(w.as.owner);
  expect(ofKind(owner, "NEED_STALE").filter((n) => n.subject?.id === toGlobalId("TechNeed", stale.id))).toHaveLength(1);
  expect(ofKind(await inbox(t.admin), "NEED_STALE").filter((n) => n.subject?.id === toGlobalId("TechNeed", stale.id))).toHaveLength(1);
  expect(ofKind(owner, "NEED_STALE").map((n) => n.subject?.id)).not.toContain(toGlobalId("TechNeed", worked.id));
  const nearing = ofKind(owner, "NEED_DEADLINE_NEAR");
  expect(nearing.map((n) => n.subject?.id)).toEqual([toGlobalId("TechNeed", near.id)]);
  expect(nearing[0].title).toMatch(/^需求即将截止：「即将截止的需求」将于 \d{4}-\d\d-\d\d 截止$/);
  expect(nearing.map((n) => n.subject?.id)).not.toContain(toGlobalId("TechNeed", far.id));
  // Not told to those it does not concern.
  expect(ofKind(await inbox(w.as.society), "NEED_STALE")).toEqual([]);
  expect(ofKind(await inbox(w.as.otherEnterprise), "NEED_DEADLINE_NEAR")).toEqual([]);

  // A deadline moved out and coming near again is told again.
  await t.hub.database.prisma.techNeed.update({ where: { id: near.id }, data: { deadline: new Date(Date.now() + 2.5 * DAY) } });
  await sweep.run();
  expect(ofKind(await inbox(w.as.owner), "NEED_DEADLINE_NEAR")).toHaveLength(2);
});

test("DOCKING_REMINDER: the sweep's mechanism reminds both sides once per docking and time, again when it moves", async () => {
  // Dockings come from another branch: a stand-in for the query that finds the due ones (timed.ts, dueDockingReminders).
  const need = await needIn(t, w, "IN_DOCKING", { title: "对接提醒测试需求" });
  let startsAt = new Date(Date.now() + 20 * 3_600_000);
  const due = async () => [{ id: 9001, startsAt, supplier: { kind: "EXPERT" as const, id: w.ids.expert }, need }];
  const s = t.hub.services;
  const sweep = new NotificationSweep(s.prisma, s.pubsub, s.notifier, { staleNeedDays: 14, timeZone: "Asia/Shanghai" }, null, t.hub.log, due);
  await Promise.all([sweep.run(), sweep.run()]);
  await sweep.run();
  const reminders = async (client: GqlClient) => ofKind(await inbox(client), "DOCKING_REMINDER");
  for (const side of [w.as.owner, w.as.expert, w.as.society]) expect((await reminders(side)).map((n) => n.title)).toEqual([expect.stringMatching(/^对接提醒：「对接提醒测试需求」将于 \d{4}-\d\d-\d\d \d\d:\d\d 举行$/)]);
  expect(await reminders(w.as.otherEnterprise)).toEqual([]);
  startsAt = new Date(startsAt.getTime() + 3_600_000); // moved: reminded again
  await sweep.run();
  expect(await reminders(w.as.owner)).toHaveLength(2);
});

test("a new supplier matched against the open needs tells its users: a new member expert's society hears of it", async () => {
  const need = await postNeed(w.as.owner, w.gids.owner, { title: "新专家匹配测试：储能热失控预警" });
  const before = ofKind(await inbox(w.as.society), "MATCH_FOUND").length;
  const expert = await createExpert(t.admin, { societyIds: [w.gids.society] });
  const match = await t.hub.database.prisma.match.findFirst({ where: { needId: dbId(need.id), expertId: dbId(expert.id) } });
  expect(match).not.toBeNull(); // the new expert entered the need's list
  const told = ofKind(await inbox(w.as.society), "MATCH_FOUND");
  expect(told.length).toBeGreaterThan(before);
  expect(told.map((n) => n.subject?.id)).toContain(toGlobalId("Match", match!.id));
});

test("nobody reads or marks another user's notification through any door", async () => {
  const [mine] = await inbox(w.as.expert);
  // node(id:) answers only its recipient
  expect((await w.as.expert.data(NotificationNodeDocument, { id: mine.id })).node).toMatchObject({ __typename: "Notification", id: mine.id });
  for (const other of [w.as.society, t.admin, w.as.analyst, t.anonymous]) expect((await other.data(NotificationNodeDocument, { id: mine.id })).node).toBeNull();
  // marking someone else's changes nothing
  expect((await w.as.society.data(MarkNotificationsReadDocument, { ids: [mine.id] })).markNotificationsRead).toBe(0);
  expect((await w.as.expert.data(NotificationNodeDocument, { id: mine.id })).node).toMatchObject({ readAt: null });
  // lists and counts are one's own
  const anonymous = await t.anonymous.request(NotificationsDocument, {});
  expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  const before = (await w.as.expert.data(NotificationsDocument, { first: 1, unreadOnly: true })).unreadNotificationCount;
  expect(before).toBeGreaterThan(0);
  expect((await w.as.expert.data(MarkNotificationsReadDocument, { ids: [mine.id] })).markNotificationsRead).toBe(1);
  const after = await w.as.expert.data(NotificationsDocument, { first: 100, unreadOnly: true });
  expect(after.unreadNotificationCount).toBe(before - 1);
  expect(after.notifications.totalCount).toBe(before - 1);
  expect(after.notifications.edges.map((e) => e.node.id)).not.toContain(mine.id);
  expect((await w.as.expert.data(MarkNotificationsReadDocument, { all: true })).markNotificationsRead).toBe(before - 1);
  expect((await w.as.expert.data(NotificationsDocument, {})).unreadNotificationCount).toBe(0);
});

test("markNotificationsRead and setNotificationPreferences reject bad input and write nothing", async () => {
  const unread = (await w.as.society.data(NotificationsDocument, {})).unreadNotificationCount;
  const bad = await w.as.society.request(MarkNotificationsReadDocument, { ids: ["not-an-id"] });
  expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ids.0" });
  const none = await w.as.society.request(MarkNotificationsReadDocument, {});
  expect(none.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ids" });
  expect((await w.as.society.data(NotificationsDocument, {})).unreadNotificationCount).toBe(unread);

  expect((await w.as.society.data(MyNotificationPreferencesDocument, {})).me?.notificationPreferences).toEqual({ emailKinds: expect.arrayContaining(["MATCH_FOUND", "DEAL_RECORDED"]), dailyDigest: false });
  const set = await w.as.society.data(SetNotificationPreferencesDocument, { input: { emailKinds: ["RESPONSE_STATUS_CHANGED"], dailyDigest: true } });
  expect(set.setNotificationPreferences).toEqual({ emailKinds: ["RESPONSE_STATUS_CHANGED"], dailyDigest: true });
  await w.as.society.data(SetNotificationPreferencesDocument, { input: { dailyDigest: false } });
  expect((await w.as.society.data(MyNotificationPreferencesDocument, {})).me?.notificationPreferences).toEqual({ emailKinds: ["RESPONSE_STATUS_CHANGED"], dailyDigest: false });
  const anonymous = await t.anonymous.request(SetNotificationPreferencesDocument, { input: { dailyDigest: true } });
  expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
});

test("notificationAdded over graphql-ws brings the viewer's own notifications, and nobody else's", async () => {
  const expertToken = w.as.expert.token!;
  const expertSocket = wsClient(t.hub.wsUrl, expertToken);
  const bystanderSocket = wsClient(t.hub.wsUrl, w.as.otherEnterprise.token!);
  sockets.push(expertSocket, bystanderSocket);
  const mine = subscribe(expertSocket, OnNotificationAddedDocument, {});
  const theirs = subscribe(bystanderSocket, OnNotificationAddedDocument, {});
  await settle(500); // the subscriptions are registered
  await postNeed(w.as.owner, w.gids.owner, { title: "订阅通知测试：储能热管理" });
  const [event] = await mine.waitFor(1);
  expect(event.notificationAdded).toMatchObject({ kind: "MATCH_FOUND", title: expect.stringContaining("订阅通知测试"), subject: { __typename: "Match" } });
  const stored = await t.hub.database.prisma.notification.findUniqueOrThrow({ where: { id: dbId(event.notificationAdded.id) } });
  const expertUser = await t.hub.database.prisma.user.findFirstOrThrow({ where: { expertId: w.ids.expert } });
  expect(stored.userId).toBe(expertUser.id);
  await settle();
  expect(theirs.events).toEqual([]);
  const anonymousSocket = wsClient(t.hub.wsUrl, null);
  sockets.push(anonymousSocket);
  const anonymous = subscribe(anonymousSocket, OnNotificationAddedDocument, {});
  await settle();
  expect(anonymous.events).toEqual([]);
  expect(JSON.stringify(anonymous.errors)).toContain("UNAUTHENTICATED");
});
