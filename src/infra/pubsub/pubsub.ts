import { createPubSub } from "@graphql-yoga/subscription";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import Redis from "ioredis";
import type { Logger } from "../logger";
import { topics, type HubEvent } from "./events";

export interface HubPubSub {
  /** Call only after the transaction that caused the events has committed. */
  publish(events: HubEvent[]): void;
  subscribe<T>(topic: string): AsyncIterable<T>;
  close(): Promise<void>;
}

/** In-process by default; through Redis when REDIS_URL is set, so every instance hears every event. */
export function createHubPubSub(redisUrl: string | null, log: Logger): HubPubSub {
  let pubsub = createPubSub();
  let close = async () => {};
  if (redisUrl) {
    const options = { maxRetriesPerRequest: null, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000) };
    const publishClient = new Redis(redisUrl, options);
    const subscribeClient = new Redis(redisUrl, options);
    for (const [name, client] of [["publish", publishClient], ["subscribe", subscribeClient]] as const) {
      client.on("error", (err) => log.warn({ redis: name, err: err.message }, "redis connection error"));
      client.on("ready", () => log.info({ redis: name }, "redis connection ready"));
    }
    pubsub = createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
    close = async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    };
  }
  const publishTo = pubsub.publish as (topic: string, payload: unknown) => void;
  return {
    publish(events) {
      for (const event of events) for (const topic of topicsOf(event)) publishTo(topic, event.payload);
    },
    subscribe: <T>(topic: string) => pubsub.subscribe(topic) as unknown as AsyncIterable<T>,
    close: () => close(),
  };
}

function topicsOf(event: HubEvent): string[] {
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
  }
}
