import { randomBytes } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { DomainError } from "../errors";
import type { Logger } from "../logger";
import { limiterConnection } from "../redis/connect";

export interface LoginLimits {
  /** Failed sign-ins allowed per account in a window before the account is locked for the window. */
  failuresPerAccount: number;
  /** Failed sign-ins allowed per client address in a window (password spraying over many accounts). */
  failuresPerAddress: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { failuresPerAccount: 5, failuresPerAddress: 50, windowSeconds: 15 * 60 };

/**
 * Brute-force protection for `login` and `changePassword`'s current password, on rate-limiter-flexible: attempts
 * are counted per account (e-mail) and per client address; once either runs out, every attempt on it (right
 * password or not) is RATE_LIMITED with `extensions.retryAfter` in seconds until the window passes.
 * A point is taken atomically BEFORE the password is verified (`attempt`), so parallel tries cannot all pass a
 * check made before any of them failed; a success gives the address its point back and clears the account's
 * count, so only failures count in the end and busy offices behind one address are not locked out.
 */
export class LoginLimiter {
  constructor(
    private readonly perAccount: RateLimiterAbstract,
    private readonly perAddress: RateLimiterAbstract,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  /** Takes one attempt from the account and the address; throws RATE_LIMITED when either has none left. */
  async attempt(account: string, address: string | null): Promise<void> {
    const waits = await Promise.all([take(this.perAccount, account), address ? take(this.perAddress, address) : null]);
    const refused = waits.filter((ms): ms is number => ms !== null);
    if (refused.length) throw rateLimited(Math.max(...refused));
  }

  /** The password was right: the attempt does not count. */
  async succeeded(account: string, address: string | null): Promise<void> {
    await Promise.all([this.perAccount.delete(account), address ? this.perAddress.reward(address, 1) : null]);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

export function rateLimited(msBeforeNext: number): DomainError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError("RATE_LIMITED", `Too many failed sign-ins: try again in ${retryAfter} s`, undefined, { retryAfter });
}

// consume() rejects with a RateLimiterRes once the points are gone: that is "over the limit", answered with the
// time until the window passes (null: the point was taken).
async function take(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    return err.msBeforeNext;
  }
}

/**
 * In memory by default; in Redis when REDIS_URL is set, so every instance shares the counts (with an in-memory
 * insurance limiter if Redis is down). `scope` names the deployment (its database) so that hubs sharing one
 * Redis but not one database keep separate counts.
 */
export function createLoginLimiter(options: { redisUrl: string | null; scope: string; limits?: Partial<LoginLimits>; log: Logger }): LoginLimiter {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...options.limits };
  const window = { duration: limits.windowSeconds, blockDuration: limits.windowSeconds };
  const account = { ...window, points: limits.failuresPerAccount, keyPrefix: "login-account" };
  const address = { ...window, points: limits.failuresPerAddress, keyPrefix: "login-address" };
  if (!options.redisUrl) return new LoginLimiter(new RateLimiterMemory(account), new RateLimiterMemory(address));
  const { client, prefix } = limiterConnection(options.redisUrl, options.scope, "login-limiter", options.log);
  const redis = (o: typeof account) =>
    new RateLimiterRedis({ ...o, keyPrefix: prefix + o.keyPrefix, storeClient: client, insuranceLimiter: new RateLimiterMemory(o) });
  return new LoginLimiter(redis(account), redis(address), async () => void client.disconnect());
}

/** A deployment's scope for the limiter: its database, or a fresh one for an in-memory database. */
export function limiterScope(databaseUrl: string | null, dataDir: string): string {
  if (databaseUrl) return databaseUrl;
  return dataDir.startsWith("memory://") ? `memory:${randomBytes(8).toString("hex")}` : dataDir;
}
