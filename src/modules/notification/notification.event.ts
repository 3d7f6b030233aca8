import type { NotificationsAddedEvent, WrittenNotification } from "../../infra/pubsub/events";
import type { NotificationRow } from "./notification.service";

/** A user's notifications in one event: their ids (in order), and their rows when the event carries every one of them. */
export interface OwnNotifications {
  ids: number[];
  rows: NotificationRow[] | null;
}

const NONE: OwnNotifications = { ids: [], rows: [] };

/** One user's part of an event: its notifications' ids and notes (indexes into the event's), rows made when asked. */
interface Part {
  ids: number[];
  notes: Array<number | undefined>;
  own?: OwnNotifications;
}

interface Grouped {
  byUser: Map<number, Part>;
  notes: Array<Omit<WrittenNotification, "createdAt"> & { createdAt: Date; readAt: null }>;
}

// Every subscriber on an instance receives the same event object: its notifications are grouped by user once, not
// searched by each of thousands of subscribers.
const grouped = new WeakMap<NotificationsAddedEvent, Grouped>();

/**
 * The notifications of an event for one user. Rows are built from the event's notes (notify.ts wrote them and
 * the recipient may read its own row whole), so delivering them reads nothing, and only for the users that listen
 * here (the event names every recipient, on every instance); an event without notes (published by hand, or by an
 * older instance) gives ids only, and the rows are read (NotificationService.ownOf).
 */
export function notificationsFor(event: NotificationsAddedEvent, userId: number): OwnNotifications {
  let of = grouped.get(event);
  if (!of) {
    of = { byUser: new Map(), notes: (event.notes ?? []).map((note) => ({ ...note, createdAt: new Date(note.createdAt), readAt: null })) };
    for (const { notificationId, userId: to, note } of event.notifications) {
      const part = of.byUser.get(to) ?? of.byUser.set(to, { ids: [], notes: [] }).get(to)!;
      part.ids.push(notificationId);
      part.notes.push(note);
    }
    grouped.set(event, of);
  }
  const part = of.byUser.get(userId);
  if (!part) return NONE;
  if (!part.own) {
    const notes = part.notes.map((note) => (note === undefined ? undefined : of.notes[note]));
    const whole = notes.every((note) => note !== undefined);
    part.own = { ids: part.ids, rows: whole ? part.ids.map((id, i) => ({ id, userId, ...notes[i]! })) : null };
  }
  return part.own;
}
