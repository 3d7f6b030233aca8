import type { Database } from "../db/database";
import type { Logger } from "../logger";
import type { HubPubSub } from "../pubsub/pubsub";

export interface Readiness {
  ready: boolean;
  body: { status: "ready" | "not ready"; database: "ok" | "unavailable"; redis: "ok" | "not configured" | "unavailable" };
}

/** A dependency that does not answer within this is as good as down for a load balancer. */
export const READINESS_TIMEOUT_MS = 2_000;

/**
 * /readyz: the database answers `SELECT 1` and, when REDIS_URL is set, Redis answers PING, each within the
 * timeout. /healthz only says the process is alive; this says it can serve.
 */
export async function checkReadiness(database: Database, pubsub: HubPubSub, log: Logger, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  const [db, redis] = await Promise.all([
    probe("database", () => database.prisma.$queryRaw`SELECT 1`.then(() => "ok" as const), timeoutMs, log),
    probe("redis", () => pubsub.ping(), timeoutMs, log),
  ]);
  const ready = db === "ok" && redis !== "unavailable";
  return { ready, body: { status: ready ? "ready" : "not ready", database: db, redis } };
}

async function probe<T extends string>(part: string, check: () => Promise<T>, timeoutMs: number, log: Logger): Promise<T | "unavailable"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (err) {
    log.warn({ part, err: (err as Error).message }, "readiness check failed");
    return "unavailable";
  } finally {
    clearTimeout(timer);
  }
}
