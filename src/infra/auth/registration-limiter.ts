import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { DomainError } from "../errors";
import type { Logger } from "../logger";
import { limiterConnection } from "../redis/connect";

/**
 * Anonymous sign-ups per client address, on rate-limiter-flexible as sign-ins are (login-limiter.ts): every
 * registration attempt counts; past the limit the address is RATE_LIMITED with `extensions.retryAfter` until the
 * hour passes. Shared through Redis when REDIS_URL is set (with an in-memory insurance limiter).
 */
export class RegistrationLimiter {
  constructor(
    private readonly perAddress: RateLimiterAbstract,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async consume(address: string | null): Promise<void> {
    try {
      await this.perAddress.consume(address ?? "unknown");
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new DomainError("RATE_LIMITED", `Too many registrations from this address: try again in ${retryAfter} s`, undefined, { retryAfter });
    }
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

export function createRegistrationLimiter(options: { redisUrl: string | null; scope: string; perHour: number; log: Logger }): RegistrationLimiter {
  const settings = { points: options.perHour, duration: 3600, keyPrefix: "registration-address" };
  if (!options.redisUrl) return new RegistrationLimiter(new RateLimiterMemory(settings));
  const { client, prefix } = limiterConnection(options.redisUrl, options.scope, "registration-limiter", options.log);
  const limiter = new RateLimiterRedis({ ...settings, keyPrefix: prefix + settings.keyPrefix, storeClient: client, insuranceLimiter: new RateLimiterMemory(settings) });
  return new RegistrationLimiter(limiter, async () => void client.disconnect());
}
