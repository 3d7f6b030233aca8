import type { Client } from "graphql-ws";
import { toGlobalId } from "../../src/infra/relay/global-id";
import {
  AcceptResponseDocument,
  CancelDockingDocument,
  RescheduleDockingDocument,
  ScheduleDockingDocument,
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
import { createExpert, freshCreditCode, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { settle, subscribe, wsClient } from "../support/ws";
import { buildWorld, dbId, matchIn, needIn, type World } from "../workflow/world";

// The inbox: every NotificationKind produced by performing its event through the API, told to exactly the users who
// should hear of it (`toldExactly`) and nobody else; the last test fails when a kind of the served enum was never
// produced and checked here. The doors (list, count, node, marking, the subscription) open on one's own only.
let t: TestHub;
let w: World;
/** Users by who they act for: ADMINs are the hub's own and a second one; an inactive ADMIN hears nothing. */
const users = {} as Record<"owner" | "otherEnterprise" | "society" | "otherSociety" | "expert" | "platform" | "analyst" | "admin" | "secondAdmin", number>;
const sockets: Client[] = [];
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0", HUB_STALE_NEED_DAYS: "14" });
  w = await buildWorld(t);
  const secondAdmin = await userClient(t, "ADMIN", null);
  const inactiveAdmin = await userClient(t, "ADMIN", null);
  const clients = { ...w.as, secondAdmin, inactiveAdmin };
  for (const role of ["owner", "otherEnterprise", "society", "otherSociety", "expert", "platform", "analyst", "admin", "secondAdmin", "inactiveAdmin"] as const) {
    (users as Record<string, number>)[role] = dbId((await clients[role].data<{ me: { id: string } }>(`{ me { id } }`)).me.id);
  }
  await t.hub.database.prisma.user.update({ where: { id: (users as Record<string, number>).inactiveAdmin }, data: { active: false } });
  // Room for the engagements the tests below open (invitations accepted): the expert keeps being matched.
  await t.hub.database.prisma.expert.update({ where: { id: w.ids.expert }, data: { capacity: 20 } });
}, 120_000);

/** The kinds produced by their event and checked for their recipients (the last test holds them to the enum). */
const checked = new Set<string>();

/** Exactly these users (each once) were told `kind` about `subject`: nobody missing, nobody else. */
async function toldExactly(kind: string, subject: { type: string; id: number }, expected: number[]) {
  const rows = await t.hub.database.prisma.notification.findMany({ where: { kind: kind as never, subjectType: subject.type, subjectId: subject.id } });
  expect(rows.map((r) => r.userId).sort((x, y) => x - y)).toEqual([...expected].sort((x, y) => x - y));
  checked.add(kind);
  return rows;
}
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

  const expertMatch = matched.find((m) => m.supplierKind === "EXPERT" && m.supplierId === w.ids.expert)!;
  const forExpert = ofKind(await inbox(w.as.expert), "MATCH_FOUND");
  expect(forExpert).toHaveLength(1);
  expect(forExpert[0]).toMatchObject({ title: expect.stringContaining("储能电站液冷热管理联合攻关"), readAt: null, subject: { __typename: "Match", id: toGlobalId("Match", expertMatch.id) } });
  expect(forExpert[0].title).toMatch(/^新匹配：.*（匹配度 \d\.\d\d）$/);

  const forSociety = ofKind(await inbox(w.as.society), "MATCH_FOUND");
  const societyMatch = matched.find((m) => m.supplierKind === "SOCIETY" && m.supplierId === w.ids.society)!;
  expect(forSociety.map((n) => n.subject?.id).sort()).toEqual([toGlobalId("Match", expertMatch.id), toGlobalId("Match", societyMatch.id)].sort());
  expect(ofKind(await inbox(w.as.platform), "MATCH_FOUND")).toHaveLength(1);
  await toldExactly("MATCH_FOUND", { type: "Match", id: expertMatch.id }, [users.expert, users.society]); // the expert's society too
  await toldExactly("MATCH_FOUND", { type: "Match", id: societyMatch.id }, [users.society]);
  await toldExactly("MATCH_FOUND", { type: "Match", id: matched.find((m) => m.supplierKind === "PLATFORM" && m.supplierId === w.ids.platform)!.id }, [users.platform]);
  for (const bystander of [w.as.owner, w.as.otherEnterprise, w.as.analyst, t.admin]) expect(ofKind(await inbox(bystander), "MATCH_FOUND")).toEqual([]);
  // Another society hears of its own matches only (this text may match it too).
  const otherSocietys = new Set(matched.filter((m) => m.supplierKind === "SOCIETY" && m.supplierId === w.ids.otherSociety).map((m) => toGlobalId("Match", m.id)));
  expect(ofKind(await inbox(w.as.otherSociety), "MATCH_FOUND").map((n) => n.subject?.id)).toEqual([...otherSocietys]);
});

test("a CONFIDENTIAL need's MATCH_FOUND carries neither its title, its description nor its enterprise: its teaser, and the match (teaser only)", async () => {
  const title = "保密课题：新型固态电解质界面改性";
  const description = "我公司储能电站电池簇热管理与热失控预警的保密合作，涉及液冷板设计与热失控早期预警算法。";
  const teaser = "寻求储能系统热管理与安全预警方面的合作";
  const need = await postNeed(w.as.owner, w.gids.owner, { title, description, teaser, visibility: "CONFIDENTIAL", keywords: ["热失控", "热管理", "储能"] });
  const [latest] = ofKind(await inbox(w.as.expert), "MATCH_FOUND");
  expect(latest.title).toMatch(/^新匹配：一项保密需求（匹配度 \d\.\d\d）$/);
  expect(latest.body).toContain(teaser);
  expect(latest.subject?.__typename).toBe("Match");
  const match = await t.hub.database.prisma.match.findFirstOrThrow({ where: { needId: dbId(need.id), supplierKind: "EXPERT", supplierId: w.ids.expert } });
  for (const row of await toldExactly("MATCH_FOUND", { type: "Match", id: match.id }, [users.expert, users.society])) {
    for (const secret of [title, description.slice(0, 20)]) expect(`${row.title}${row.body}`).not.toContain(secret);
  }
  const enterprise = await t.hub.database.prisma.enterprise.findUniqueOrThrow({ where: { id: w.ids.owner } });
  for (const secret of [title, description.slice(0, 20), enterprise.name]) expect(`${latest.title}${latest.body}`).not.toContain(secret);
});

test("a response, its steps and its deal tell the other party", async () => {
  const need = await needIn(t, w, "OPEN", { title: "响应通知测试需求" });
  const needId = toGlobalId("TechNeed", need.id);
  const response = (await w.as.society.data(RespondDocument, { input: { needId, societyId: w.gids.society, expertIds: [w.gids.expert], proposal: "学会组织专家提供液冷改造方案。" } })).respondToNeed;
  const [received] = ofKind(await inbox(w.as.owner), "RESPONSE_RECEIVED");
  expect(received).toMatchObject({ title: expect.stringContaining("响应通知测试需求"), subject: { __typename: "Response", id: response.id } });
  await toldExactly("RESPONSE_RECEIVED", { type: "Response", id: dbId(response.id) }, [users.owner]);

  await w.as.owner.data(ShortlistResponseDocument, { id: response.id });
  await w.as.owner.data(AcceptResponseDocument, { id: response.id });
  for (const party of [w.as.society, w.as.expert]) {
    const steps = ofKind(await inbox(party), "RESPONSE_STATUS_CHANGED").filter((n) => n.subject?.id === response.id);
    expect(steps.map((n) => n.title)).toEqual(["响应已被采纳：「响应通知测试需求」", "响应已入围：「响应通知测试需求」"]);
  }
  expect(ofKind(await inbox(w.as.owner), "RESPONSE_STATUS_CHANGED")).toEqual([]); // its own decisions are no news to it
  // shortlisted and accepted: the society and the expert it offered, once per step
  await toldExactly("RESPONSE_STATUS_CHANGED", { type: "Response", id: dbId(response.id) }, [users.society, users.expert, users.society, users.expert]);

  const deal = (await w.as.owner.data(RecordDealDocument, { input: { responseId: response.id, mode: "JOINT_RD", summary: "签订联合研发协议。" } })).recordDeal;
  for (const party of [w.as.owner, w.as.society, w.as.expert]) {
    expect(ofKind(await inbox(party), "DEAL_RECORDED").map((n) => n.subject)).toContainEqual({ __typename: "Deal", id: deal.id });
  }
  expect(ofKind(await inbox(w.as.otherSociety), "DEAL_RECORDED")).toEqual([]);
  await toldExactly("DEAL_RECORDED", { type: "Deal", id: dbId(deal.id) }, [users.owner, users.society, users.expert]);

  // A withdrawal goes the other way: to the need's enterprise.
  const other = await needIn(t, w, "OPEN", { title: "撤回通知测试需求" });
  const withdrawn = (await w.as.society.data(RespondDocument, { input: { needId: toGlobalId("TechNeed", other.id), societyId: w.gids.society, proposal: "学会组织专家提供储能热管理方案。" } })).respondToNeed;
  await w.as.society.data(WithdrawResponseDocument, { id: withdrawn.id });
  expect(ofKind(await inbox(w.as.owner), "RESPONSE_STATUS_CHANGED").map((n) => n.title)).toEqual([expect.stringMatching(/^响应撤回：.*「撤回通知测试需求」的响应$/)]);
  await toldExactly("RESPONSE_STATUS_CHANGED", { type: "Response", id: dbId(withdrawn.id) }, [users.owner]);
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
  // The need's enterprise and every active ADMIN hear of a stale need; its deadline concerns the enterprise only.
  await toldExactly("NEED_STALE", { type: "TechNeed", id: stale.id }, [users.owner, users.admin, users.secondAdmin]);
  await toldExactly("NEED_DEADLINE_NEAR", { type: "TechNeed", id: near.id }, [users.owner]);
  // Not told to those it does not concern.
  expect(ofKind(await inbox(w.as.society), "NEED_STALE")).toEqual([]);
  expect(ofKind(await inbox(w.as.otherEnterprise), "NEED_DEADLINE_NEAR")).toEqual([]);

  // A deadline moved out and coming near again is told again.
  await t.hub.database.prisma.techNeed.update({ where: { id: near.id }, data: { deadline: new Date(Date.now() + 2.5 * DAY) } });
  await sweep.run();
  expect(ofKind(await inbox(w.as.owner), "NEED_DEADLINE_NEAR")).toHaveLength(2);
});

const INVITE = `mutation($matchId: ID!, $message: String) { inviteSupplier(matchId: $matchId, message: $message) { id status } }`;
const ANSWER = `mutation($id: ID!, $accept: Boolean!, $declineCode: InvitationDeclineCode) { answerInvitation(id: $id, accept: $accept, declineCode: $declineCode) { id status } }`;

test("an invitation tells the invited supplier's users (a member expert's society too); its answer tells the inviting enterprise", async () => {
  const need = await postNeed(w.as.owner, w.gids.owner, { title: "邀请通知测试：储能热失控预警" });
  const matches = await t.hub.database.prisma.match.findMany({ where: { needId: dbId(need.id) } });
  const expertMatch = matches.find((m) => m.supplierKind === "EXPERT" && m.supplierId === w.ids.expert)!;
  const platformMatch = matches.find((m) => m.supplierKind === "PLATFORM" && m.supplierId === w.ids.platform)!;
  const toExpert = (await w.as.owner.data<{ inviteSupplier: { id: string } }>(INVITE, { matchId: toGlobalId("Match", expertMatch.id), message: "请于本周内答复" })).inviteSupplier;
  const toPlatform = (await w.as.owner.data<{ inviteSupplier: { id: string } }>(INVITE, { matchId: toGlobalId("Match", platformMatch.id) })).inviteSupplier;
  const [received] = ofKind(await inbox(w.as.expert), "INVITATION_RECEIVED");
  expect(received).toMatchObject({ title: "新邀请：「邀请通知测试：储能热失控预警」邀请您对接", subject: { __typename: "Invitation", id: toExpert.id } });
  expect(received.body).toContain("请于本周内答复");
  await toldExactly("INVITATION_RECEIVED", { type: "Invitation", id: dbId(toExpert.id) }, [users.expert, users.society]);
  await toldExactly("INVITATION_RECEIVED", { type: "Invitation", id: dbId(toPlatform.id) }, [users.platform]);

  await w.as.expert.data(ANSWER, { id: toExpert.id, accept: true });
  await w.as.platform.data(ANSWER, { id: toPlatform.id, accept: false, declineCode: "NO_CAPACITY" });
  const answered = ofKind(await inbox(w.as.owner), "INVITATION_ANSWERED");
  expect(answered.map((n) => n.title)).toEqual([expect.stringMatching(/^邀请被婉拒：.*「邀请通知测试：储能热失控预警」$/), expect.stringMatching(/^邀请已接受：.*「邀请通知测试：储能热失控预警」$/)]);
  await toldExactly("INVITATION_ANSWERED", { type: "Invitation", id: dbId(toExpert.id) }, [users.owner]);
  await toldExactly("INVITATION_ANSWERED", { type: "Invitation", id: dbId(toPlatform.id) }, [users.owner]);

  // A CONFIDENTIAL need's invitation names its teaser, never its title.
  const secretTitle = "保密邀请：某型号电池包热失控防护";
  const secret = await postNeed(w.as.owner, w.gids.owner, { title: secretTitle, visibility: "CONFIDENTIAL", teaser: "寻求电池包热防护合作", keywords: ["热失控", "热管理", "储能"] });
  const secretMatch = await t.hub.database.prisma.match.findFirstOrThrow({ where: { needId: dbId(secret.id), supplierKind: "EXPERT", supplierId: w.ids.expert } });
  const invited = (await w.as.owner.data<{ inviteSupplier: { id: string } }>(INVITE, { matchId: toGlobalId("Match", secretMatch.id) })).inviteSupplier;
  for (const row of await toldExactly("INVITATION_RECEIVED", { type: "Invitation", id: dbId(invited.id) }, [users.expert, users.society])) {
    expect(row.body).toContain("寻求电池包热防护合作");
    expect(`${row.title}${row.body}`).not.toContain(secretTitle);
  }
});

test("a docking tells both sides when scheduled, moved and cancelled, and reminds them once the day before (again when moved)", async () => {
  const need = await postNeed(w.as.owner, w.gids.owner, { title: "对接通知测试：储能液冷改造" });
  const match = await t.hub.database.prisma.match.findFirstOrThrow({ where: { needId: dbId(need.id), supplierKind: "EXPERT", supplierId: w.ids.expert } });
  const invitation = (await w.as.owner.data<{ inviteSupplier: { id: string } }>(INVITE, { matchId: toGlobalId("Match", match.id) })).inviteSupplier;
  await w.as.expert.data(ANSWER, { id: invitation.id, accept: true });
  const hours = (h: number) => new Date(Math.floor((Date.now() + h * 3_600_000) / 60_000) * 60_000).toISOString();
  const docking = (await w.as.owner.data(ScheduleDockingDocument, { input: { invitationId: invitation.id, startsAt: hours(20), place: "南阳市科技局会议室" } })).scheduleDocking;
  const subject = { type: "Docking", id: dbId(docking.id) };
  const bothSides = [users.owner, users.expert, users.society];
  await toldExactly("DOCKING_SCHEDULED", subject, bothSides);
  const sweep = t.hub.services.notificationSweep;
  await Promise.all([sweep.run(), sweep.run()]); // two instances' sweeps at once: one reminder each
  await sweep.run();
  const reminded = await toldExactly("DOCKING_REMINDER", subject, bothSides);
  expect(reminded[0].title).toMatch(/^对接提醒：「对接通知测试：储能液冷改造」将于 \d{4}-\d\d-\d\d \d\d:\d\d 举行$/);

  await w.as.expert.data(RescheduleDockingDocument, { id: docking.id, startsAt: hours(22) });
  await sweep.run();
  await toldExactly("DOCKING_REMINDER", subject, [...bothSides, ...bothSides]); // moved: reminded again
  await w.as.owner.data(CancelDockingDocument, { id: docking.id, reason: "设备检修，另行安排" });
  const changes = await toldExactly("DOCKING_SCHEDULED", subject, [...bothSides, ...bothSides, ...bothSides]);
  expect(new Set(changes.map((n) => /^对接(已安排|已改期|已取消)：/.exec(n.title)?.[1]))).toEqual(new Set(["已安排", "已改期", "已取消"]));
  expect(ofKind(await inbox(w.as.otherSociety), "DOCKING_SCHEDULED")).toEqual([]);
});

const REGISTER = `mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { id } }`;
const REVIEW = `mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewRegistration(id: $id, approve: $approve, reason: $reason) { id status } }`;

test("a registration tells every active ADMIN and nobody else; its review tells the applicant only, approved or rejected", async () => {
  const register = async (name: string, email: string) =>
    (
      await t.anonymous.data<{ registerEnterprise: { id: string } }>(REGISTER, {
        input: { name, creditCode: freshCreditCode("411321"), regionCode: "411321", industryChainCodes: ["NEW_ENERGY"], contact: { person: "张经理" }, email, password: "Reg1stered-Pass!" },
      })
    ).registerEnterprise;
  const approved = await register("通知测试注册企业甲", "applicant-a@registered.test");
  const rejected = await register("通知测试注册企业乙", "applicant-b@registered.test");
  for (const r of [approved, rejected]) await toldExactly("REGISTRATION_SUBMITTED", { type: "Registration", id: dbId(r.id) }, [users.admin, users.secondAdmin]);
  const [submitted] = ofKind(await inbox(t.admin), "REGISTRATION_SUBMITTED");
  expect(submitted).toMatchObject({ title: "新注册待审核：企业「通知测试注册企业乙」", subject: { __typename: "Registration", id: rejected.id } });

  await t.admin.data(REVIEW, { id: approved.id, approve: true });
  await t.admin.data(REVIEW, { id: rejected.id, approve: false, reason: "统一社会信用代码与营业执照不符" });
  const applicant = async (email: string) => (await t.hub.database.prisma.user.findFirstOrThrow({ where: { email } })).id;
  const [yes] = await toldExactly("REGISTRATION_REVIEWED", { type: "Registration", id: dbId(approved.id) }, [await applicant("applicant-a@registered.test")]);
  expect(yes.title).toBe("注册已通过：「通知测试注册企业甲」");
  // The rejected applicant's user stays inactive, and is told why all the same.
  const [no] = await toldExactly("REGISTRATION_REVIEWED", { type: "Registration", id: dbId(rejected.id) }, [await applicant("applicant-b@registered.test")]);
  expect(no).toMatchObject({ title: "注册未通过：「通知测试注册企业乙」", body: expect.stringContaining("统一社会信用代码与营业执照不符") });
  // The approved applicant signs in and reads it in its inbox (the registration itself is for ADMINs: no subject).
  const signedIn = await t.signIn("applicant-a@registered.test", "Reg1stered-Pass!");
  expect(ofKind(await inbox(signedIn), "REGISTRATION_REVIEWED")).toEqual([expect.objectContaining({ title: yes.title, subject: null })]);
});

test("a new supplier matched against the open needs tells its users: a new member expert's society hears of it", async () => {
  const need = await postNeed(w.as.owner, w.gids.owner, { title: "新专家匹配测试：储能热失控预警" });
  const before = ofKind(await inbox(w.as.society), "MATCH_FOUND").length;
  const expert = await createExpert(t.admin, { societyIds: [w.gids.society] });
  const match = await t.hub.database.prisma.match.findFirst({ where: { needId: dbId(need.id), supplierKind: "EXPERT", supplierId: dbId(expert.id) } });
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

test("CHALLENGE_PROGRESS: a 揭榜挂帅 challenge's criteria set tell its enterprise and the ADMINs (the rest of its steps: challenge-review.test.ts)", async () => {
  const challenge = await postNeed(w.as.owner, w.gids.owner, {
    title: "揭榜挂帅：储能电池簇热失控预警",
    kind: "TECH_BREAKTHROUGH",
    isChallenge: true,
    challengeAward: 500_000,
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString() as never,
    deadline: new Date(Date.now() + 60 * 86_400_000).toISOString() as never,
  });
  await w.as.owner.data(`mutation($needId: ID!, $criteria: [ChallengeCriterionInput!]!) { setChallengeCriteria(needId: $needId, criteria: $criteria) { id } }`, {
    needId: challenge.id,
    criteria: [
      { name: "技术先进性", weight: 60 },
      { name: "实施可行性", weight: 40 },
    ],
  });
  const [row] = await toldExactly("CHALLENGE_PROGRESS", { type: "TechNeed", id: dbId(challenge.id) }, [users.owner, users.admin, users.secondAdmin]);
  expect(row.title).toContain("揭榜挂帅评审标准已确定");
});

test("every NotificationKind the API serves was produced above by its event and its recipients checked", async () => {
  const served = await t.admin.data<{ __type: { enumValues: Array<{ name: string }> } }>(`{ __type(name: "NotificationKind") { enumValues { name } } }`);
  const kinds = served.__type.enumValues.map((v) => v.name);
  expect(kinds.length).toBeGreaterThanOrEqual(12);
  expect(kinds.filter((kind) => !checked.has(kind))).toEqual([]);
});
