import { GraphQLError } from "graphql";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Viewer } from "../auth/viewer";
import type { Logger } from "../logger";
import { limiterConnection } from "../redis/connect";

/**
 * The cost a caller may spend per minute (HUB_QUERY_BUDGET_PER_MINUTE), over HTTP, WebSocket and saved queries
 * alike. In Redis when REDIS_URL is set, so a caller spreading requests over instances still has one budget
 * (an in-memory limiter stands in while Redis is down); in memory otherwise.
 */
export class QueryBudget {
  constructor(
    readonly perMinute: number,
    private readonly limiter: RateLimiterAbstract,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  /** Spends `cost` of the payer's budget, or throws RATE_LIMITED with `retryAfter` (seconds) and a Retry-After header. */
  async spend(payer: string, cost: number): Promise<void> {
    try {
      await this.limiter.consume(payer, Math.max(1, Math.min(cost, this.perMinute)));
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new GraphQLError(`Query budget of ${this.perMinute} per minute used up: retry in ${retryAfter} s`, {
        extensions: { code: "RATE_LIMITED", retryAfter, http: { status: 429, headers: new Map([["retry-after", String(retryAfter)]]) } },
      });
    }
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

/** Who pays for a request: the signed-in user, else the client's address. */
export function payerOf(viewer: Viewer, clientAddress: string | null | undefined): string {
  return viewer.kind === "user" ? `user:${viewer.userId}` : `address:${clientAddress ?? "unknown"}`;
}

export function createQueryBudget(options: { perMinute: number; redisUrl: string | null; scope: string; log: Logger }): QueryBudget {
  const settings = { points: options.perMinute, duration: 60, keyPrefix: "query-cost" };
  if (!options.redisUrl) return new QueryBudget(options.perMinute, new RateLimiterMemory(settings));
  const { client, prefix } = limiterConnection(options.redisUrl, options.scope, "query-budget", options.log);
  const limiter = new RateLimiterRedis({ ...settings, keyPrefix: prefix + settings.keyPrefix, storeClient: client, insuranceLimiter: new RateLimiterMemory(settings) });
  return new QueryBudget(options.perMinute, limiter, async () => void client.disconnect());
}
