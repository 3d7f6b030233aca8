import { createHash } from "node:crypto";
import type { Redis, RedisOptions } from "ioredis";
import type { Logger } from "../logger";

/**
 * A Redis connection. ioredis is loaded by the first call, so a hub without REDIS_URL never loads it: start-up
 * it would spend for nothing (measured: docs/benchmarks.md, "Design decisions measured").
 */
export function connectRedis(url: string, options: RedisOptions): Redis {
  const { Redis: Client } = require("ioredis") as typeof import("ioredis");
  return new Client(url, options);
}

/**
 * The connection of a Redis-backed limiter (login attempts, query budget): while Redis is down a command fails at
 * once instead of queueing, so that the limiter's in-memory insurance answers; errors are logged under `name`.
 * Keys start with a prefix made from `scope` (the deployment's database), so that hubs sharing one Redis but not
 * one database keep separate counts.
 */
export function limiterConnection(url: string, scope: string, name: string, log: Logger): { client: Redis; prefix: string } {
  const client = connectRedis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  client.on("error", (err) => log.warn({ redis: name, err: err.message }, "redis connection error"));
  return { client, prefix: `hub:${createHash("sha256").update(scope).digest("hex").slice(0, 12)}:` };
}
