import * as ical from "node-ical";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { errorOf, type GqlClient } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { settle } from "../support/ws";
import {
  CancelDockingDocument,
  DockingNodeDocument,
  NeedDockingsDocument,
  RecordDockingOutcomeDocument,
  RescheduleDockingDocument,
  ScheduleDockingDocument,
} from "../generated/operations";
import { buildWorld, dbId, needIn, responseIn, type World } from "./world";

// Dockings (对接): arranged from an ACCEPTED response by either side, both sides told (inbox and mail with an .ics),
// reminded the day before once, held with an outcome (the need moves to IN_DOCKING), the .ics served to both sides.
const DAY = 86_400_000;
let smtp: TestSmtp;
let t: TestHub;
let w: World;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestHub({ SMTP_URL: smtp.url, HUB_MAIL_POLL_SECONDS: "1", HUB_MAIL_RETRY_SECONDS: "1", HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

const prisma = () => t.hub.database.prisma;
// Whole minutes: calendar files carry seconds, not milliseconds.
const inDays = (days: number) => new Date(Math.floor((Date.now() + days * DAY) / 60_000) * 60_000).toISOString();

async function acceptedResponse() {
  const need = await needIn(t, w, "OPEN");
  const response = await responseIn(t, w, need.id, "ACCEPTED");
  return { need, needId: toGlobalId("TechNeed", need.id), responseId: toGlobalId("Response", response.id) };
}

/** The DOCKING_* notifications of a docking, by the users' side. */
async function notified(kind: "DOCKING_SCHEDULED" | "DOCKING_REMINDER", dockingId: number) {
  const rows = await prisma().notification.findMany({ where: { kind, subjectType: "Docking", subjectId: dockingId }, include: { user: true } });
  return {
    enterprise: rows.filter((r) => r.user.enterpriseId === w.ids.owner).length,
    society: rows.filter((r) => r.user.societyId === w.ids.society).length,
    total: rows.length,
    titles: rows.map((r) => r.title),
  };
}

async function fetchIcs(client: GqlClient | null, id: string) {
  const url = new URL(`/dockings/${id}.ics`, t.admin.url).toString();
  return fetch(url, { headers: client?.token ? { authorization: `Bearer ${client.token}` } : {} });
}

test("scheduled → both sides told (mail with .ics) → reminded once → held with an outcome → need IN_DOCKING", async () => {
  const { need, needId, responseId } = await acceptedResponse();
  const mailsBefore = smtp.mails.length;
  const startsAt = inDays(3);
  const scheduled = (await w.as.society.data(ScheduleDockingDocument, { input: { responseId, startsAt, place: "南阳市科技局 3 楼会议室", note: "请带样品" } })).scheduleDocking;
  expect(scheduled).toMatchObject({ status: "SCHEDULED", place: "南阳市科技局 3 楼会议室", onlineUrl: null, invitation: null, need: { id: needId, status: "OPEN" }, supplier: { __typename: "Society", id: w.gids.society } });
  const id = dbId(scheduled.id);
  expect(await notified("DOCKING_SCHEDULED", id)).toMatchObject({ enterprise: 1, society: 1 });
  expect(await prisma().auditEvent.count({ where: { action: "docking.schedule", entityId: id } })).toBe(1);

  // Both sides see it on the need; a third party does not.
  expect((await w.as.owner.data(NeedDockingsDocument, { id: needId })).node).toMatchObject({ dockings: [{ id: scheduled.id }] });
  expect((await w.as.analyst.data(DockingNodeDocument, { id: scheduled.id })).node).toMatchObject({ id: scheduled.id });
  expect((await w.as.otherSociety.data(DockingNodeDocument, { id: scheduled.id })).node).toBeNull();

  // The mail to the enterprise's user carries a calendar file a parser reads.
  const ownerEmail = (await prisma().user.findFirstOrThrow({ where: { enterpriseId: w.ids.owner } })).email;
  let toOwner: (typeof smtp.mails)[number] | undefined;
  for (let i = 0; i < 100 && !toOwner; i++) {
    toOwner = smtp.mails.slice(mailsBefore).find((m) => m.to.includes(ownerEmail) && m.subject.includes("对接已安排"));
    if (!toOwner) await settle(200);
  }
  expect(toOwner).toBeDefined();
  const attached = toOwner!.attachments.find((a) => a.filename === `docking-${id}.ics`)!;
  const mailed = Object.values(ical.sync.parseICS(attached.content.toString("utf8"))).find((c) => c?.type === "VEVENT") as ical.VEvent;
  expect(mailed.start.getTime()).toBe(new Date(startsAt).getTime());
  expect(mailed.location).toBe("南阳市科技局 3 楼会议室");

  // Reminder: not yet 3 days ahead; the day before, once, however many sweeps run.
  const sweep = t.hub.services.notificationSweep;
  await sweep.run();
  expect((await notified("DOCKING_REMINDER", id)).total).toBe(0);
  const dayBefore = new Date(new Date(startsAt).getTime() - DAY / 2);
  await Promise.all([sweep.run(dayBefore), sweep.run(dayBefore)]);
  await sweep.run(dayBefore);
  expect(await notified("DOCKING_REMINDER", id)).toMatchObject({ enterprise: 1, society: 1 });

  // The outcome only once it has started; then HELD, and the OPEN need moves to IN_DOCKING, logged.
  const outcome = { id: scheduled.id, outcome: "FOLLOW_UP" as const, minutes: "双方确认液冷方案，两周内提交报价。" };
  expect(errorOf(await w.as.owner.request(RecordDockingOutcomeDocument, outcome))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  const startedAt = new Date(Date.now() - 3_600_000);
  await prisma().docking.update({ where: { id }, data: { startsAt: startedAt } }); // the meeting took place
  const held = (await w.as.owner.data(RecordDockingOutcomeDocument, outcome)).recordDockingOutcome;
  expect(held).toMatchObject({ status: "HELD", outcome: "FOLLOW_UP", minutes: outcome.minutes, need: { status: "IN_DOCKING" } });
  const row = await prisma().techNeed.findUniqueOrThrow({ where: { id: need.id } });
  expect(row).toMatchObject({ status: "IN_DOCKING", dockedAt: startedAt });
  expect(await prisma().statusChange.count({ where: { needId: need.id, subject: "NEED", fromStatus: "OPEN", toStatus: "IN_DOCKING" } })).toBe(1);
  expect(await prisma().auditEvent.count({ where: { action: "docking.outcome", entityId: id } })).toBe(1);
  // Held is final.
  expect(errorOf(await w.as.owner.request(CancelDockingDocument, { id: scheduled.id, reason: "改期" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
});

test("moved and cancelled: both sides told each time; a moved docking is reminded again", async () => {
  const { responseId } = await acceptedResponse();
  const d = (await w.as.owner.data(ScheduleDockingDocument, { input: { responseId, startsAt: inDays(2), onlineUrl: "https://meeting.example.cn/123" } })).scheduleDocking;
  const id = dbId(d.id);
  const sweep = t.hub.services.notificationSweep;
  await sweep.run(new Date(Date.now() + 1.5 * DAY));
  expect((await notified("DOCKING_REMINDER", id)).total).toBe(2);
  const to = inDays(5);
  const moved = (await w.as.society.data(RescheduleDockingDocument, { id: d.id, startsAt: to })).rescheduleDocking;
  expect(moved).toMatchObject({ status: "SCHEDULED", onlineUrl: "https://meeting.example.cn/123" });
  expect(new Date(moved.startsAt).getTime()).toBe(new Date(to).getTime());
  await sweep.run(new Date(new Date(to).getTime() - DAY / 2));
  expect(await notified("DOCKING_REMINDER", id)).toMatchObject({ enterprise: 2, society: 2 }); // the new time, once more
  const cancelled = (await w.as.owner.data(CancelDockingDocument, { id: d.id, reason: "企业负责人出差" })).cancelDocking;
  expect(cancelled).toMatchObject({ status: "CANCELLED", cancelReason: "企业负责人出差" });
  const told = await notified("DOCKING_SCHEDULED", id);
  expect(told).toMatchObject({ enterprise: 3, society: 3 });
  expect(told.titles.some((x) => x.startsWith("对接已改期"))).toBe(true);
  expect(told.titles.some((x) => x.startsWith("对接已取消"))).toBe(true);
  expect(await prisma().auditEvent.count({ where: { entityType: "Docking", entityId: id } })).toBe(3);
  // A cancelled docking is not reminded.
  await sweep.run(new Date(new Date(to).getTime() - DAY / 3));
  expect((await notified("DOCKING_REMINDER", id)).total).toBe(4);
});

test("bad input, the wrong side and a third party are refused and write nothing", async () => {
  const { need, responseId } = await acceptedResponse();
  const input = { responseId, startsAt: inDays(2), place: "科技局" };
  const before = { notes: await prisma().notification.count(), audit: await prisma().auditEvent.count(), mail: await prisma().mailOutbox.count() };
  expect(errorOf(await w.as.owner.request(ScheduleDockingDocument, { input: { ...input, startsAt: inDays(-1) } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startsAt" });
  expect(errorOf(await w.as.owner.request(ScheduleDockingDocument, { input: { ...input, place: "  " } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.place" });
  expect(errorOf(await w.as.owner.request(ScheduleDockingDocument, { input: { ...input, onlineUrl: "meeting at 3" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.onlineUrl" });
  // An id of another type, and an invitation nobody sent: NOT_FOUND, as for a response.
  expect(errorOf(await w.as.owner.request(ScheduleDockingDocument, { input: { ...input, responseId: null, invitationId: toGlobalId("Match", 1) } }))?.code).toBe("NOT_FOUND");
  expect(errorOf(await w.as.owner.request(ScheduleDockingDocument, { input: { ...input, responseId: null, invitationId: toGlobalId("Invitation", 999999) } }))?.code).toBe("NOT_FOUND");
  // The expert the response offered reads it but is not a side of the docking; another enterprise may not see it.
  expect(errorOf(await w.as.expert.request(ScheduleDockingDocument, { input }))?.code).toBe("FORBIDDEN");
  expect(errorOf(await w.as.analyst.request(ScheduleDockingDocument, { input }))?.code).toBe("FORBIDDEN");
  expect(errorOf(await w.as.otherEnterprise.request(ScheduleDockingDocument, { input }))?.code).toBe("NOT_FOUND");
  expect(errorOf(await w.as.otherSociety.request(ScheduleDockingDocument, { input }))?.code).toBe("NOT_FOUND");
  expect(await prisma().docking.count({ where: { needId: need.id } })).toBe(0);

  const d = (await w.as.owner.data(ScheduleDockingDocument, { input })).scheduleDocking;
  const after = { notes: await prisma().notification.count(), audit: await prisma().auditEvent.count(), mail: await prisma().mailOutbox.count() };
  expect(errorOf(await w.as.owner.request(RescheduleDockingDocument, { id: d.id, startsAt: inDays(-2) }))).toMatchObject({ code: "BAD_USER_INPUT", field: "startsAt" });
  expect(errorOf(await w.as.owner.request(RescheduleDockingDocument, { id: d.id, startsAt: inDays(4), place: null }))).toMatchObject({ code: "BAD_USER_INPUT", field: "place" });
  expect(errorOf(await w.as.otherEnterprise.request(CancelDockingDocument, { id: d.id, reason: "不需要了" }))?.code).toBe("NOT_FOUND");
  expect(errorOf(await w.as.analyst.request(CancelDockingDocument, { id: d.id, reason: "不需要了" }))?.code).toBe("FORBIDDEN");
  const row = await prisma().docking.findUniqueOrThrow({ where: { id: dbId(d.id) } });
  expect(row).toMatchObject({ status: "SCHEDULED", place: "科技局", startsAt: new Date(input.startsAt) });
  expect({ notes: await prisma().notification.count(), audit: await prisma().auditEvent.count(), mail: await prisma().mailOutbox.count() }).toEqual(after);
  expect(after.audit).toBe(before.audit + 1);
  expect(after.notes).toBeGreaterThan(before.notes);
});

test("GET /dockings/<id>.ics: a calendar for both sides and staff, 404 for a third party, 401 without a token", async () => {
  const { responseId } = await acceptedResponse();
  const startsAt = inDays(6);
  const d = (await w.as.owner.data(ScheduleDockingDocument, { input: { responseId, startsAt, onlineUrl: "https://meeting.example.cn/9" } })).scheduleDocking;
  for (const who of [w.as.owner, w.as.society, t.admin]) {
    const res = await fetchIcs(who, d.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    const events = Object.values(ical.sync.parseICS(await res.text())).filter((c) => c?.type === "VEVENT") as ical.VEvent[];
    expect(events).toHaveLength(1);
    expect(events[0].start.getTime()).toBe(new Date(startsAt).getTime());
    expect(events[0].uid).toBe(`docking-${dbId(d.id)}@kechuang-hub`);
  }
  expect((await fetchIcs(w.as.otherEnterprise, d.id)).status).toBe(404);
  expect((await fetchIcs(w.as.otherSociety, d.id)).status).toBe(404);
  expect((await fetchIcs(w.as.owner, "not-an-id")).status).toBe(404);
  expect((await fetchIcs(null, d.id)).status).toBe(401);
});
