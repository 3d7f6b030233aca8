import type { PrismaTypes } from "../../src/infra/db/rows";
import { Notifier, type NotificationNote } from "../../src/modules/notification/notify";
import { startTestHub, type TestHub } from "../support/hub";

// notify.ts writes every note in one statement whose shape follows what is asked of it (mail on or off, one note or
// several, a onceKey or none): whichever shape runs, the same rows are written and each recipient's event carries
// its own note. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
let t: TestHub;
/** Four active users and an inactive one, made directly (what they act for does not matter here). */
let users: number[];
let inactive: number;
beforeAll(async () => {
  t = await startTestHub();
  const make = (i: number, active = true) =>
    prisma().user.create({ data: { email: `notify-${i}@hub.test`, passwordHash: "not-a-hash", role: "ANALYST", active } });
  users = [];
  for (let i = 0; i < 4; i++) users.push((await make(i)).id);
  inactive = (await make(9, false)).id;
  // One user who wants a daily digest instead of mails: with mail on, no outbox row is queued for them.
  await prisma().notificationPreference.create({ data: { userId: users[3], dailyDigest: true, emailKinds: [] } });
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

const prisma = () => t.hub.database.prisma;
const mailOff = new Notifier({ mailOn: false, publicUrl: "https://hub.example.cn" });
const mailOn = new Notifier({ mailOn: true, publicUrl: "https://hub.example.cn" });

const note = (title: string, audience: NotificationNote["audience"], extra: Partial<NotificationNote> = {}): NotificationNote => ({
  kind: "NEED_STALE",
  title,
  body: `${title}的正文`,
  subject: { type: "TechNeed", id: 7 },
  audience,
  ...extra,
});

/**
 * What one notify wrote and returned: each event as (user, its note's title and onceKey), checked against the row of
 * its notificationId, in event order; and the outbox rows queued for those notifications.
 */
async function notified(notifier: Notifier, notes: NotificationNote[]) {
  const events = await prisma().$transaction((tx) => notifier.notify(tx as unknown as PrismaTypes.TransactionClient, notes));
  const told = [];
  for (const event of events) {
    if (event.topic !== "notificationAdded") throw new Error(`unexpected ${event.topic}`);
    const { notificationId, userId, written } = event.payload;
    const row = await prisma().notification.findUniqueOrThrow({ where: { id: notificationId } });
    // The event's note is the row's: same user, text, subject and key.
    expect({ userId: row.userId, kind: row.kind, title: row.title, body: row.body, subjectType: row.subjectType, subjectId: row.subjectId, onceKey: row.onceKey }).toEqual({
      userId,
      kind: written!.kind,
      title: written!.title,
      body: written!.body,
      subjectType: written!.subjectType,
      subjectId: written!.subjectId,
      onceKey: written!.onceKey,
    });
    told.push({ userId, title: written!.title, onceKey: written!.onceKey });
  }
  const ids = events.map((e) => (e.payload as { notificationId: number }).notificationId);
  expect(ids).toEqual([...ids].sort((a, b) => a - b)); // in the order they were written
  const mailed = await prisma().mailOutbox.findMany({ where: { notificationId: { in: ids } }, orderBy: { notificationId: "asc" } });
  return { told, mailed: mailed.map((m) => m.to) };
}

const byUser = <T extends { userId: number; title: string }>(list: T[]) => [...list].sort((a, b) => a.userId - b.userId || a.title.localeCompare(b.title));
const emails = (ids: number[]) => ids.map((i) => `notify-${users.indexOf(i)}@hub.test`);

test("one note: mail off and mail on write the same rows, each recipient's event carries the note, mail on queues the mails", async () => {
  const audience = [{ user: users[0] }, { user: users[1] }, { user: users[3] }, { user: inactive }];
  const off = await notified(mailOff, [note("一条通知（无邮件）", audience)]);
  const on = await notified(mailOn, [note("一条通知（有邮件）", audience)]);
  // `user` names one user, active or not (an applicant told of a rejection).
  const expected = (title: string) => [users[0], users[1], users[3], inactive].map((userId) => ({ userId, title, onceKey: null }));
  expect(byUser(off.told)).toEqual(byUser(expected("一条通知（无邮件）")));
  expect(byUser(on.told)).toEqual(byUser(expected("一条通知（有邮件）")));
  expect(off.mailed).toEqual([]);
  // Everyone but the user who asked for a digest.
  expect(on.mailed.sort()).toEqual([...emails([users[0], users[1]]), "notify-9@hub.test"].sort());
});

test("several notes, two of them alike: each recipient's event carries its own note, with mail off as with mail on", async () => {
  for (const [notifier, tag] of [[mailOff, "无邮件"], [mailOn, "有邮件"]] as const) {
    const first = `第一条（${tag}）`;
    const second = `第二条（${tag}）`;
    const { told } = await notified(notifier, [
      note(first, [{ user: users[0] }, { user: users[1] }]),
      note(second, [{ user: users[1] }, { user: users[2] }]),
      note(first, [{ user: users[2] }]), // the same text as the first, another audience
      note("无人收到", []), // no audience: left out, and the indexes of the others still hold
    ]);
    expect(byUser(told)).toEqual(
      byUser([
        { userId: users[0], title: first, onceKey: null },
        { userId: users[1], title: first, onceKey: null },
        { userId: users[1], title: second, onceKey: null },
        { userId: users[2], title: second, onceKey: null },
        { userId: users[2], title: first, onceKey: null },
      ]),
    );
  }
});

test("a onceKey writes a note at most once per recipient, also beside notes without one", async () => {
  const once = (title: string, audience: NotificationNote["audience"]) => note(title, audience, { onceKey: "notify-test:once" });
  const first = await notified(mailOff, [once("仅一次", [{ user: users[0] }, { user: users[1] }])]);
  expect(byUser(first.told)).toEqual(byUser([users[0], users[1]].map((userId) => ({ userId, title: "仅一次", onceKey: "notify-test:once" }))));
  // Again with one more recipient, beside a note without a key: only the new recipient's keyed row, every plain one.
  const again = await notified(mailOn, [once("仅一次", [{ user: users[0] }, { user: users[1] }, { user: users[2] }]), note("每次都有", [{ user: users[0] }])]);
  expect(byUser(again.told)).toEqual(
    byUser([
      { userId: users[2], title: "仅一次", onceKey: "notify-test:once" },
      { userId: users[0], title: "每次都有", onceKey: null },
    ]),
  );
  expect(await prisma().notification.count({ where: { onceKey: "notify-test:once" } })).toBe(3);
  // A key alone (one note): nothing new, no error.
  expect((await notified(mailOff, [once("仅一次", [{ user: users[1] }])])).told).toEqual([]);
});
