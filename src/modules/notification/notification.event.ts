import type { NotificationsAddedEvent } from "../../infra/pubsub/events";
import type { NotificationRow } from "./notification.service";

/** A user's notifications in one event: their ids (in order), and their rows when the event carries every one of them. */
export interface OwnNotifications {
  ids: number[];
  rows: NotificationRow[] | null;
}

const NONE: OwnNotifications = { ids: [], rows: [] };

// Every subscriber on an instance receives the same event object: its notifications are grouped by user once, not
// searched by each of thousands of subscribers.
const byUserOf = new WeakMap<NotificationsAddedEvent, Map<number, OwnNotifications>>();

/**
 * The notifications of an event for one user. Rows are built from the event's notes (notify.ts wrote them and
 * the recipient may read its own row whole), so delivering them reads nothing; an event without notes (published
 * by hand, or by an older instance) gives ids only, and the rows are read (NotificationService.ownOf).
 */
export function notificationsFor(event: NotificationsAddedEvent, userId: number): OwnNotifications {
  let byUser = byUserOf.get(event);
  if (!byUser) {
    byUser = new Map();
    const notes = event.notes?.map((note) => ({ ...note, createdAt: new Date(note.createdAt), readAt: null }));
    for (const { notificationId, userId: to, note } of event.notifications) {
      const own = byUser.get(to) ?? byUser.set(to, { ids: [], rows: [] }).get(to)!;
      own.ids.push(notificationId);
      const written = note === undefined ? undefined : notes?.[note];
      if (!written) own.rows = null;
      else own.rows?.push({ id: notificationId, userId: to, ...written });
    }
    byUserOf.set(event, byUser);
  }
  return byUser.get(userId) ?? NONE;
}
