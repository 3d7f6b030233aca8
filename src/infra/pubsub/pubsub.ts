import { createPubSub } from "@graphql-yoga/subscription";
import { setMaxListeners } from "node:events";
import type { Logger } from "../logger";
import { connectRedis } from "../redis/connect";
import { topics, type HubEvent, type NotificationAddedEvent, type NotificationsAddedEvent, type WrittenNotification } from "./events";

export interface HubPubSub {
  /** Call only after the transaction that caused the events has committed. */
  publish(events: HubEvent[]): void;
  subscribe<T>(topic: string): AsyncIterable<T>;
  close(): Promise<void>;
  /** Readiness: "ok" when Redis answers PING, "not configured" in-process; rejects when Redis is not reachable. */
  ping(): Promise<"ok" | "not configured">;
}

/**
 * In-process by default; through Redis when REDIS_URL is set, so every instance hears every event.
 * `namespace` names the database the events are about: hubs of different databases sharing one Redis (staging
 * beside production, parallel test runs) must not hear each other's IDs.
 */
export function createHubPubSub(redisUrl: string | null, log: Logger, namespace = "hub"): HubPubSub {
  // One listener per subscriber on a topic: thousands are expected, so no "possible leak" warning past 10.
  const local = new EventTarget();
  setMaxListeners(0, local);
  let pubsub = createPubSub({ eventTarget: local });
  let close = async () => {};
  let ping = async (): Promise<"ok" | "not configured"> => "not configured";
  if (redisUrl) {
    const options = { maxRetriesPerRequest: null, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000) };
    const publishClient = connectRedis(redisUrl, options);
    const subscribeClient = connectRedis(redisUrl, options);
    for (const [name, client] of [["publish", publishClient], ["subscribe", subscribeClient]] as const) {
      client.on("error", (err) => log.warn({ redis: name, err: err.message }, "redis connection error"));
      client.on("ready", () => log.info({ redis: name }, "redis connection ready"));
    }
    // Loaded here, like ioredis (redis/connect.ts): a hub without Redis never needs it.
    const { createRedisEventTarget } = require("@graphql-yoga/redis-event-target") as typeof import("@graphql-yoga/redis-event-target");
    pubsub = createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
    // While ioredis reconnects it would queue the PING until Redis is back: answer at once instead.
    ping = async () => {
      if (publishClient.status !== "ready") throw new Error(`redis connection is ${publishClient.status}`);
      await publishClient.ping();
      return "ok";
    };
    close = async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    };
  }
  const publishTo = pubsub.publish as (topic: string, payload: unknown) => void;
  return {
    publish(events) {
      const notifications: NotificationsAddedEvent["notifications"] = [];
      const notes = new Map<WrittenNotification, number>();
      let changes = 0;
      for (const event of events) {
        if (event.topic === "notificationAdded") notifications.push(sharingNotes(event.payload, notes));
        else {
          changes++;
          for (const topic of topicsOf(event)) publishTo(`${namespace}:${topic}`, event.payload);
        }
      }
      // A write's notifications travel together (one message however many users it tells), each note's text once:
      // on each instance the subscribers take their rows from it (notification.event.ts), reading none.
      if (notifications.length) {
        const message: NotificationsAddedEvent = notes.size ? { notifications, notes: [...notes.keys()] } : { notifications };
        publishTo(`${namespace}:${topics.notificationsAdded()}`, message);
      }
      // One "something changed" per write, for subscribers that re-read rather than follow events (saved queries);
      // a notification changes nothing a saved query can read.
      if (changes) publishTo(`${namespace}:${topics.anyChange()}`, { events: changes });
    },
    subscribe: <T>(topic: string) => pubsub.subscribe(`${namespace}:${topic}`) as unknown as AsyncIterable<T>,
    close: () => close(),
    ping: () => ping(),
  };
}

/** A notification as the message carries it: its written part as an index into the message's notes (one per note). */
function sharingNotes({ notificationId, userId, written }: NotificationAddedEvent, notes: Map<WrittenNotification, number>): NotificationsAddedEvent["notifications"][number] {
  if (!written) return { notificationId, userId };
  let note = notes.get(written);
  if (note === undefined) notes.set(written, (note = notes.size));
  return { notificationId, userId, note };
}

function topicsOf(event: Exclude<HubEvent, { topic: "notificationAdded" }>): string[] {
  switch (event.topic) {
    case "needPosted":
      return [topics.needPosted(), topics.needPosted(event.payload.chainCode)];
    case "matchFound": {
      const m = event.payload;
      return [
        topics.matchFound.all(),
        topics.matchFound.need(m.needId),
        topics.matchFound.supplier(m.supplierKind, m.supplierId),
        topics.matchFound.chain(m.chainCode),
      ];
    }
    case "responseReceived":
      return [topics.responseReceived(event.payload.needId)];
    case "needStatusChanged":
      return [topics.needStatusChanged.all(), topics.needStatusChanged.need(event.payload.needId)];
    case "responseStatusChanged": {
      const r = event.payload;
      return [topics.responseStatusChanged.all(), topics.responseStatusChanged.need(r.needId), topics.responseStatusChanged.society(r.societyId)];
    }
    case "matchStatusChanged": {
      const m = event.payload;
      return [topics.matchStatusChanged.all(), topics.matchStatusChanged.need(m.needId), topics.matchStatusChanged.supplier(m.supplierKind, m.supplierId)];
    }
  }
}

/** The events' namespace: the database they are about (host, port and name; or the embedded data folder). */
export function pubsubNamespace(databaseUrl: string | null, dataDir: string): string {
  if (!databaseUrl) return `hub:${dataDir}`;
  const url = new URL(databaseUrl);
  return `hub:${url.hostname}:${url.port || 5432}${url.pathname}`;
}
