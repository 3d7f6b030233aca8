// A write's notifications carry their rows (src/modules/notification/notification.event.ts): each user gets its own
// rows, whole, built from the message's notes; a user any of whose notifications came without its note (published
// by hand, or by an instance that does not send notes) gets ids only, so that its rows are read, all in order.
import type { NotificationsAddedEvent, WrittenNotification } from "../../src/infra/pubsub/events";
import { notificationsFor, notifiesUser } from "../../src/modules/notification/notification.event";

const note = (title: string): WrittenNotification => ({
  kind: "RESPONSE_RECEIVED",
  title,
  body: "正文",
  subjectType: "Response",
  subjectId: 7,
  onceKey: null,
  createdAt: "2026-12-07T01:02:03.456Z",
});

// As it arrives through Redis: plain JSON.
const event: NotificationsAddedEvent = JSON.parse(
  JSON.stringify({
    notes: [note("给企业"), note("给学会")],
    notifications: [
      { notificationId: 11, userId: 1, note: 0 },
      { notificationId: 12, userId: 2, note: 0 },
      { notificationId: 13, userId: 1, note: 1 },
      { notificationId: 14, userId: 3, note: 0 },
      { notificationId: 15, userId: 3 }, // without its note
    ],
  } satisfies NotificationsAddedEvent),
);

test("each user's rows are built from the notes, in order, its own only", () => {
  const created = new Date("2026-12-07T01:02:03.456Z");
  expect(notificationsFor(event, 1)).toEqual({
    ids: [11, 13],
    rows: [
      { id: 11, userId: 1, kind: "RESPONSE_RECEIVED", title: "给企业", body: "正文", subjectType: "Response", subjectId: 7, onceKey: null, createdAt: created, readAt: null },
      { id: 13, userId: 1, kind: "RESPONSE_RECEIVED", title: "给学会", body: "正文", subjectType: "Response", subjectId: 7, onceKey: null, createdAt: created, readAt: null },
    ],
  });
  expect(notificationsFor(event, 2).rows?.map((r) => [r.id, r.userId])).toEqual([[12, 2]]);
});

test("a user with a notification that came without its note gets ids only (its rows are read); a stranger gets none", () => {
  expect(notificationsFor(event, 3)).toEqual({ ids: [14, 15], rows: null });
  expect(notificationsFor(event, 4)).toEqual({ ids: [], rows: [] });
  expect(notificationsFor({ notifications: [{ notificationId: 21, userId: 5 }] }, 5)).toEqual({ ids: [21], rows: null });
});

test("an event notifies exactly its recipients, those whose notification came without its note too", () => {
  expect([1, 2, 3, 4].map((user) => notifiesUser(event, user))).toEqual([true, true, true, false]);
  expect(notifiesUser({ notifications: [] }, 1)).toBe(false);
});
