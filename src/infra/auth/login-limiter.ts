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
 * Brute-force protection for `login`, on rate-limiter-flexible: failures are counted per account (e-mail) and
 * per client address; once either runs out, every attempt on it (right password or not) is RATE_LIMITED with
 * `extensions.retryAfter` in seconds until the window passes. Only failures count, so busy offices behind one
 * address are not locked out by their successful sign-ins; a success clears the account's count.
 */
export class LoginLimiter {
  constructor(
    private readonly perAccount: RateLimiterAbstract,
    private readonly perAddress: RateLimiterAbstract,
    private readonly limits: LoginLimits,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  /** Throws RATE_LIMITED when the account or the address has no attempts left. */
  async check(account: string, address: string | null): Promise<void> {
    const [byAccount, byAddress] = await Promise.all([
      this.perAccount.get(account),
      address ? this.perAddress.get(address) : Promise.resolve(null),
    ]);
    const waits: number[] = [];
    if (byAccount && byAccount.consumedPoints >= this.limits.failuresPerAccount) waits.push(byAccount.msBeforeNext);
    if (byAddress && byAddress.consumedPoints >= this.limits.failuresPerAddress) waits.push(byAddress.msBeforeNext);
    if (waits.length) throw rateLimited(Math.max(...waits));
  }

  async failed(account: string, address: string | null): Promise<void> {
    await Promise.all([consume(this.perAccount, account), address ? consume(this.perAddress, address) : null]);
  }

  async succeeded(account: string): Promise<void> {
    await this.perAccount.delete(account);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

export function rateLimited(msBeforeNext: number): DomainError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError("RATE_LIMITED", `Too many failed sign-ins: try again in ${retryAfter} s`, undefined, { retryAfter });
}

// consume() rejects with a RateLimiterRes once the points are gone: that is the expected "over the limit".
async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
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
  if (!options.redisUrl) return new LoginLimiter(new RateLimiterMemory(account), new RateLimiterMemory(address), limits);
  const { client, prefix } = limiterConnection(options.redisUrl, options.scope, "login-limiter", options.log);
  const redis = (o: typeof account) =>
    new RateLimiterRedis({ ...o, keyPrefix: prefix + o.keyPrefix, storeClient: client, insuranceLimiter: new RateLimiterMemory(o) });
  return new LoginLimiter(redis(account), redis(address), limits, async () => void client.disconnect());
}

/** A deployment's scope for the limiter: its database, or a fresh one for an in-memory database. */
export function limiterScope(databaseUrl: string | null, dataDir: string): string {
  if (databaseUrl) return databaseUrl;
  return dataDir.startsWith("memory://") ? `memory:${randomBytes(8).toString("hex")}` : dataDir;
}
