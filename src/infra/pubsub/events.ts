import type { MatchStatus, NeedStatus, NotificationKind, ResponseStatus, SupplierKind } from "../../generated/prisma/enums";

/**
 * Events carry IDs only: each subscriber loads the payload with its own rights and fresh loaders,
 * so nothing one viewer may see travels to another, and no cached row goes stale on a long-lived socket.
 * One exception, NotificationAddedEvent's `written`: a notification is its recipient's alone, whole, and is sent as
 * it was written; each subscriber takes only its own user's (notification.event.ts), and its subject, an ID, is
 * still loaded with the subscriber's rights.
 */
export interface NeedPostedEvent {
  needId: number;
  chainCode: string;
}

export interface MatchFoundEvent {
  matchId: number;
  needId: number;
  chainCode: string;
  supplierKind: SupplierKind;
  supplierId: number;
  score: number;
}

export interface ResponseReceivedEvent {
  responseId: number;
  needId: number;
}

/** A need, response or match moved along its lifecycle (workflow: src/modules/{need,response,match}). */
export interface NeedStatusChangedEvent {
  needId: number;
  status: NeedStatus;
}

export interface ResponseStatusChangedEvent {
  responseId: number;
  needId: number;
  societyId: number;
  status: ResponseStatus;
}

export interface MatchStatusChangedEvent {
  matchId: number;
  needId: number;
  supplierKind: SupplierKind;
  supplierId: number;
  status: MatchStatus;
}

/** A notification was written for a user (modules/notification); only that user's subscriptions hear it. */
export interface NotificationAddedEvent {
  notificationId: number;
  userId: number;
  /**
   * The row as it was written, but for its id and user (modules/notification notify.ts): one object for all the
   * recipients of a note. With it the recipient's subscription takes its row from the event instead of reading it
   * back (10,000 rows per event at fan-out); without it (an event made elsewhere), the row is read.
   */
  written?: WrittenNotification;
}

/** What the recipients of one note share in their rows (the Notification table's columns but id and userId). */
export interface WrittenNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  subjectType: string | null;
  subjectId: number | null;
  onceKey: string | null;
  /** ISO 8601: the event may cross Redis as JSON. */
  createdAt: string;
}

/**
 * The notifications one write made, published as one message (pubsub.ts): every instance hears it once, and the
 * subscribers its users have there take their rows from it (`notes`), or read them together, with one statement.
 * Each notification's `note` indexes `notes`: a note written for 10,000 users crosses Redis once, not 10,000 times.
 */
export interface NotificationsAddedEvent {
  notifications: Array<{ notificationId: number; userId: number; note?: number }>;
  notes?: WrittenNotification[];
}

/**
 * Topics per filter key, so a subscriber with a filter listens on its own topic instead of every
 * subscriber filtering one global stream. Publishers send to each key the event falls under.
 */
export const topics = {
  /** Once per published batch of events, whatever they are (saved-query result subscriptions). */
  anyChange: () => "any-change",
  needPosted: (chainCode?: string | null) => (chainCode ? `need-posted:chain:${chainCode}` : "need-posted"),
  matchFound: {
    all: () => "match-found",
    need: (needId: number) => `match-found:need:${needId}`,
    supplier: (kind: SupplierKind, id: number) => `match-found:supplier:${kind}:${id}`,
    chain: (chainCode: string) => `match-found:chain:${chainCode}`,
  },
  responseReceived: (needId: number) => `response-received:need:${needId}`,
  needStatusChanged: { all: () => "need-status", need: (needId: number) => `need-status:need:${needId}` },
  responseStatusChanged: {
    all: () => "response-status",
    need: (needId: number) => `response-status:need:${needId}`,
    society: (societyId: number) => `response-status:society:${societyId}`,
  },
  matchStatusChanged: {
    all: () => "match-status",
    need: (needId: number) => `match-status:need:${needId}`,
    supplier: (kind: SupplierKind, id: number) => `match-status:supplier:${kind}:${id}`,
  },
  /** Every notification of a write, whoever it is for, as one event: each subscriber takes its own user's. */
  notificationsAdded: () => "notifications-added",
};

export type HubEvent =
  | { topic: "needPosted"; payload: NeedPostedEvent }
  | { topic: "matchFound"; payload: MatchFoundEvent }
  | { topic: "responseReceived"; payload: ResponseReceivedEvent }
  | { topic: "needStatusChanged"; payload: NeedStatusChangedEvent }
  | { topic: "responseStatusChanged"; payload: ResponseStatusChangedEvent }
  | { topic: "matchStatusChanged"; payload: MatchStatusChangedEvent }
  | { topic: "notificationAdded"; payload: NotificationAddedEvent };
