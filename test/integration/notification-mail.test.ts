import pino from "pino";
import { startHub, type Hub } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/infra/logger";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { enqueueMail } from "../../src/modules/notification";
import { localHourOn } from "../../src/infra/local-time";
import { SetNotificationPreferencesDocument } from "../generated/operations";
import { testDatabase } from "../support/database";
import { postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { startSmtp, type ReceivedMail, type TestSmtp } from "../support/smtp";
import { settle } from "../support/ws";
import { buildWorld, type World } from "../workflow/world";

// Mail through a real SMTP server started here: the right recipient and subject, nothing lost while the server is
// down, nothing sent twice by concurrent drains or by two hubs on one PostgreSQL outbox, preferences and the digest.
const PUBLIC_URL = "https://hub.example.cn";
const mailEnv = (smtp: TestSmtp) => ({ SMTP_URL: smtp.url, HUB_MAIL_POLL_SECONDS: "1", HUB_MAIL_RETRY_SECONDS: "1", HUB_SWEEP_SECONDS: "0", HUB_PUBLIC_URL: PUBLIC_URL });
let smtp: TestSmtp;
let t: TestHub;
let w: World;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestHub(mailEnv(smtp));
  w = await buildWorld(t);
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

const prisma = () => t.hub.database.prisma;
const emailOf = async (where: { expertId?: number; societyId?: number }) => (await prisma().user.findFirstOrThrow({ where })).email;

/** Waits until every queued mail was sent (the outbox has nothing PENDING), then for them to be in the server's hands. */
async function allSent(expectedTotal: number): Promise<ReceivedMail[]> {
  const mails = await smtp.waitFor(expectedTotal);
  for (let i = 0; i < 100 && (await prisma().mailOutbox.count({ where: { status: "PENDING" } })); i++) await settle(200);
  return mails;
}

test("a notification's mail reaches its user with a Chinese subject and a link to it in the hub", async () => {
  const before = smtp.mails.length;
  const need = await postNeed(w.as.owner, w.gids.owner, { title: "邮件通知测试：储能电站热管理" });
  const queued = await prisma().mailOutbox.count();
  expect(queued).toBeGreaterThanOrEqual(3); // expert, platform and society users at least
  await allSent(before + queued);
  const expertEmail = await emailOf({ expertId: w.ids.expert });
  const toExpert = smtp.mails.slice(before).filter((m) => m.to.includes(expertEmail));
  expect(toExpert).toHaveLength(1);
  expect(toExpert[0].subject).toMatch(/^【科创南阳】新匹配：邮件通知测试：储能电站热管理（匹配度 \d\.\d\d）$/);
  const notification = await prisma().notification.findFirstOrThrow({ where: { user: { email: expertEmail }, kind: "MATCH_FOUND" }, orderBy: { id: "desc" } });
  expect(toExpert[0].text).toContain(`${PUBLIC_URL}/dashboard?notification=${toGlobalId("Notification", notification.id)}`);
  expect(toExpert[0].text).toContain("邮件通知测试：储能电站热管理");
  // The enterprise that posted is told nothing of matches; no mail either.
  const ownerEmail = (await prisma().user.findFirstOrThrow({ where: { enterpriseId: w.ids.owner } })).email;
  expect(smtp.mails.slice(before).filter((m) => m.to.includes(ownerEmail))).toEqual([]);
  expect(need.id).toBeTruthy();
});

test("mail held while the SMTP server is down arrives once it is back on the same port, none twice", async () => {
  const before = smtp.mails.length;
  const sentBefore = await prisma().mailOutbox.count({ where: { status: "SENT" } });
  await smtp.stop();
  await postNeed(w.as.owner, w.gids.owner, { title: "停机邮件测试：储能热失控预警" });
  const held = await prisma().mailOutbox.count({ where: { status: "PENDING" } });
  expect(held).toBeGreaterThanOrEqual(3);
  // The worker tries and fails meanwhile (the server is down): the mail waits, with its error, for a retry.
  for (let i = 0; i < 100 && !(await prisma().mailOutbox.count({ where: { status: "PENDING", attempts: { gte: 1 }, lastError: { not: null } } })); i++) await settle(200);
  expect(await prisma().mailOutbox.count({ where: { status: "PENDING", lastError: { not: null } } })).toBeGreaterThan(0);
  expect(smtp.mails.length).toBe(before);

  await smtp.start();
  await allSent(before + held);
  await settle(2500); // more poll rounds: nothing goes twice
  const arrived = smtp.mails.slice(before);
  expect(arrived).toHaveLength(held);
  const links = arrived.map((m) => /dashboard\?notification=(\S+)/.exec(m.text)?.[1]);
  expect(new Set(links).size).toBe(held);
  expect(arrived.every((m) => m.subject.includes("停机邮件测试"))).toBe(true);
  expect(await prisma().mailOutbox.count({ where: { status: "SENT" } })).toBe(sentBefore + held);
});

test("two drains at once send each mail once; attachments travel", async () => {
  const before = smtp.mails.length;
  await prisma().$transaction(async (tx) => {
    for (let i = 0; i < 45; i++) await enqueueMail(tx, { to: `bulk${i}@hub.test`, subject: `批量邮件 ${i}`, text: `第 ${i} 封` });
    await enqueueMail(tx, {
      to: "docking@hub.test",
      subject: "对接日程",
      text: "附件为对接日程。",
      attachments: [{ filename: "docking.ics", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", contentType: "text/calendar" }],
    });
  });
  await Promise.all([t.hub.mailWorker!.drain(), t.hub.mailWorker!.drain(), t.hub.mailWorker!.drain()]);
  await allSent(before + 46);
  await settle(1500);
  const arrived = smtp.mails.slice(before);
  expect(arrived.map((m) => m.subject).sort()).toEqual([...Array.from({ length: 45 }, (_, i) => `批量邮件 ${i}`), "对接日程"].sort());
  const ics = arrived.find((m) => m.subject === "对接日程")!;
  expect(ics.attachments.map((a) => [a.filename, a.content.toString("utf8")])).toEqual([["docking.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"]]);
});

test("preferences: a kind switched off is not mailed; a daily digest replaces the mails, once a day", async () => {
  const expertEmail = await emailOf({ expertId: w.ids.expert });
  const societyEmail = await emailOf({ societyId: w.ids.society });
  await w.as.expert.data(SetNotificationPreferencesDocument, { input: { emailKinds: ["RESPONSE_RECEIVED"] } });
  await w.as.society.data(SetNotificationPreferencesDocument, { input: { dailyDigest: true } });
  const lastMail = (await prisma().mailOutbox.aggregate({ _max: { id: true } }))._max.id ?? 0;
  await postNeed(w.as.owner, w.gids.owner, { title: "偏好测试：储能液冷" });
  const queued = await prisma().mailOutbox.findMany({ where: { id: { gt: lastMail } } });
  expect(queued.map((m) => m.to)).not.toContain(expertEmail);
  expect(queued.map((m) => m.to)).not.toContain(societyEmail);
  expect(await prisma().notification.count({ where: { user: { email: { in: [expertEmail, societyEmail] } }, title: { contains: "偏好测试" } } })).toBeGreaterThanOrEqual(2);

  // The first digest hour after now (Asia/Shanghai, 08:00 by default), a minute past it.
  const now = new Date();
  let digestAt = localHourOn(now, 8, "Asia/Shanghai");
  if (digestAt <= now) digestAt = localHourOn(new Date(now.getTime() + 86_400_000), 8, "Asia/Shanghai");
  const at = new Date(digestAt.getTime() + 60_000);
  const before = smtp.mails.length;
  await Promise.all([t.hub.services.notificationSweep.run(at), t.hub.services.notificationSweep.run(at)]);
  await t.hub.services.notificationSweep.run(at);
  const digests = await prisma().mailOutbox.findMany({ where: { onceKey: { startsWith: "digest:" } } });
  expect(digests.map((d) => d.to)).toEqual([societyEmail]);
  await allSent(before + 1);
  const [digest] = smtp.mails.slice(before).filter((m) => m.to.includes(societyEmail));
  expect(digest.subject).toMatch(/^【科创南阳】每日通知摘要（\d{4}-\d\d-\d\d，共 \d+ 条）$/);
  expect(digest.text).toContain("偏好测试：储能液冷");
});

test("without SMTP_URL the inbox works alone: the start-up log says mail is off and nothing is queued", async () => {
  const database = await testDatabase();
  const lines: string[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", HUB_DATA_DIR: database.dataDir, ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}), HUB_DEMO: "off", HUB_SWEEP_SECONDS: "0", HUB_ADMIN_EMAIL: "admin@inbox.test", HUB_ADMIN_PASSWORD: "Admin-Passw0rd!" });
  if (database.dataDir) config.dataDir = database.dataDir;
  const hub = await startHub({ config, log, embeddedTemplate: database.embeddedTemplate });
  try {
    expect(lines.map((l) => JSON.parse(l).msg)).toContain("mail is off (SMTP_URL not set): notifications go to the inbox only");
    expect(hub.mailWorker).toBeNull();
    const admin = await hub.database.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    const events = await hub.database.prisma.$transaction((tx) => hub.services.notifier.notify(tx, [{ kind: "NEED_STALE", title: "收件箱测试", body: "无邮件。", audience: [{ admins: true }] }]));
    const [row] = await hub.database.prisma.notification.findMany({ where: { userId: admin.id } });
    // The event carries the row as written (its subscribers do not read it back): equal to the stored one.
    expect(events).toEqual([
      {
        topic: "notificationAdded",
        payload: { notificationId: row.id, userId: admin.id, written: { kind: "NEED_STALE", title: "收件箱测试", body: "无邮件。", subjectType: null, subjectId: null, onceKey: null, createdAt: row.createdAt.toISOString() } },
      },
    ]);
    expect(await hub.database.prisma.notification.count({ where: { userId: admin.id } })).toBe(1);
    expect(await hub.database.prisma.mailOutbox.count()).toBe(0);
  } finally {
    await hub.stop();
    await database.drop();
  }
});

const onPostgres = process.env.DATABASE_URL ? test : test.skip;

onPostgres("two hub instances on PostgreSQL + Redis drain one outbox without sending any mail twice", async () => {
  const database = await testDatabase();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: database.databaseUrl!,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    HUB_JWT_SECRET: "test-secret-test-secret-test-secret-0123456789",
    HUB_DEMO: "off",
    ...mailEnv(smtp),
  });
  const log = createLogger(process.env.TEST_LOG_LEVEL || "silent");
  const hubs: Hub[] = [];
  try {
    hubs.push(await startHub({ config, log }));
    hubs.push(await startHub({ config, log }));
    const before = smtp.mails.length;
    await hubs[0].database.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 120; i++) await enqueueMail(tx, { to: `instance${i}@hub.test`, subject: `双实例邮件 ${i}`, text: `第 ${i} 封` });
    });
    await Promise.all(hubs.flatMap((hub) => [hub.mailWorker!.drain(), hub.mailWorker!.drain()]));
    await smtp.waitFor(before + 120);
    await settle(2500); // both instances keep polling: nothing more may come
    const subjects = smtp.mails.slice(before).map((m) => m.subject);
    expect(subjects).toHaveLength(120);
    expect(new Set(subjects).size).toBe(120);
    const rows = await hubs[1].database.prisma.mailOutbox.findMany();
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
  } finally {
    for (const hub of hubs) await hub.stop();
    await database.drop();
  }
}, 120_000);
