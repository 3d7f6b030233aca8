import type { NotificationsAddedEvent, WrittenNotification } from "../../infra/pubsub/events";
import type { NotificationRow } from "./notification.service";

/** A user's notifications in one event: their ids (in order), and their rows when the event carries every one of them. */
export interface OwnNotifications {
  ids: number[];
  rows: NotificationRow[] | null;
}

const NONE: OwnNotifications = { ids: [], rows: [] };

/**
 * An event's notifications by recipient: the index (in `event.notifications`) of each user's first, and of the
 * others of the few users with several. Numbers only, no object per recipient: the message names every recipient on
 * every instance (10,000 at the bench's fan-out), and what it holds stays alive, and is copied by each scavenge,
 * until the event's last slice is sent.
 */
interface Grouped {
  first: Map<number, number>;
  more: Map<number, number[]>;
  notes: Array<Omit<WrittenNotification, "createdAt"> & { createdAt: Date; readAt: null }>;
}

// Every subscriber on an instance receives the same event object: its notifications are grouped by user once, not
// searched by each of thousands of subscribers.
const grouped = new WeakMap<NotificationsAddedEvent, Grouped>();

function groupedOf(event: NotificationsAddedEvent): Grouped {
  let of = grouped.get(event);
  if (of) return of;
  of = { first: new Map(), more: new Map(), notes: (event.notes ?? []).map((note) => ({ ...note, createdAt: new Date(note.createdAt), readAt: null })) };
  const { notifications } = event;
  for (let i = 0; i < notifications.length; i++) {
    const to = notifications[i].userId;
    if (!of.first.has(to)) of.first.set(to, i);
    else (of.more.get(to) ?? of.more.set(to, []).get(to)!).push(i);
  }
  grouped.set(event, of);
  return of;
}

/** Whether an event brings a user any notification (no rows made: most subscribers ask only this of most events). */
export const notifiesUser = (event: NotificationsAddedEvent, userId: number): boolean => groupedOf(event).first.has(userId);

/**
 * The notifications of an event for one user. Rows are built from the event's notes (notify.ts wrote them and
 * the recipient may read its own row whole), so delivering them reads nothing, and only for the users that listen
 * here (the event names every recipient, on every instance); an event without notes (published by hand, or by an
 * older instance) gives ids only, and the rows are read (NotificationService.ownOf).
 */
export function notificationsFor(event: NotificationsAddedEvent, userId: number): OwnNotifications {
  const of = groupedOf(event);
  const first = of.first.get(userId);
  if (first === undefined) return NONE;
  const ids: number[] = [];
  const rows: NotificationRow[] = [];
  let whole = true;
  for (const i of [first, ...(of.more.get(userId) ?? [])]) {
    const { notificationId: id, note } = event.notifications[i];
    ids.push(id);
    if (note === undefined) whole = false;
    else if (whole) rows.push({ id, userId, ...of.notes[note] });
  }
  return { ids, rows: whole ? rows : null };
}
