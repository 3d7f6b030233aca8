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
 * The hub's one limiter of anonymous attempts, on rate-limiter-flexible: sign-ins (and changePassword's current
 * password), self-registrations and password-reset requests each get an instance of it with their own counts and
 * wording. Attempts are counted per account (an e-mail; optional) and per client address; once either runs out,
 * every attempt on it is RATE_LIMITED with `extensions.retryAfter` in seconds until the window passes.
 * A point is taken atomically BEFORE the work is done (`attempt`), so parallel tries cannot all pass a check made
 * before any of them failed; for sign-ins a success gives the address its point back and clears the account's count
 * (`succeeded`), so only failures count in the end and busy offices behind one address are not locked out.
 */
export class LoginLimiter {
  constructor(
    private readonly perAccount: RateLimiterAbstract | null,
    private readonly perAddress: RateLimiterAbstract,
    private readonly onClose: () => Promise<void> = async () => {},
    /** What RATE_LIMITED says, given the seconds to wait. */
    private readonly refusal: (retryAfter: number) => string = (s) => `Too many failed sign-ins: try again in ${s} s`,
  ) {}

  /** Takes one attempt from the account and the address; throws RATE_LIMITED when either has none left. */
  async attempt(account: string | null, address: string | null): Promise<void> {
    const waits = await Promise.all([account !== null && this.perAccount ? take(this.perAccount, account) : null, address ? take(this.perAddress, address) : null]);
    const refused = waits.filter((ms): ms is number => ms !== null);
    if (refused.length) throw rateLimited(Math.max(...refused), this.refusal);
  }

  /** The password was right: the attempt does not count. */
  async succeeded(account: string, address: string | null): Promise<void> {
    await Promise.all([this.perAccount?.delete(account), address ? this.perAddress.reward(address, 1) : null]);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

export function rateLimited(msBeforeNext: number, refusal: (retryAfter: number) => string = (s) => `Too many failed sign-ins: try again in ${s} s`): DomainError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError("RATE_LIMITED", refusal(retryAfter), undefined, { retryAfter });
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

export interface AttemptLimits {
  /** Attempts per account (e-mail) in a window; null: not counted per account. */
  perAccount: number | null;
  perAddress: number;
  windowSeconds: number;
}

/**
 * A limiter of one kind of attempt (`name` keeps its counts apart from the others'). In memory by default; in
 * Redis when REDIS_URL is set, so every instance shares the counts (with an in-memory insurance limiter if Redis is
 * down). `scope` names the deployment (its database) so that hubs sharing one Redis but not one database keep
 * separate counts.
 */
export function createAttemptLimiter(options: {
  name: string;
  limits: AttemptLimits;
  refusal: (retryAfter: number) => string;
  redisUrl: string | null;
  scope: string;
  log: Logger;
}): LoginLimiter {
  const { name, limits } = options;
  const window = { duration: limits.windowSeconds, blockDuration: limits.windowSeconds };
  const account = limits.perAccount === null ? null : { ...window, points: limits.perAccount, keyPrefix: `${name}-account` };
  const address = { ...window, points: limits.perAddress, keyPrefix: `${name}-address` };
  if (!options.redisUrl) return new LoginLimiter(account && new RateLimiterMemory(account), new RateLimiterMemory(address), undefined, options.refusal);
  const { client, prefix } = limiterConnection(options.redisUrl, options.scope, `${name}-limiter`, options.log);
  const redis = (o: typeof address) =>
    new RateLimiterRedis({ ...o, keyPrefix: prefix + o.keyPrefix, storeClient: client, insuranceLimiter: new RateLimiterMemory(o) });
  return new LoginLimiter(account && redis(account), redis(address), async () => void client.disconnect(), options.refusal);
}

/** Sign-ins: failures per account and per address (HUB_LOGIN_*). */
export function createLoginLimiter(options: { redisUrl: string | null; scope: string; limits?: Partial<LoginLimits>; log: Logger }): LoginLimiter {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...options.limits };
  return createAttemptLimiter({
    ...options,
    name: "login",
    limits: { perAccount: limits.failuresPerAccount, perAddress: limits.failuresPerAddress, windowSeconds: limits.windowSeconds },
    refusal: (s) => `Too many failed sign-ins: try again in ${s} s`,
  });
}

/** Self-registrations per client address per hour (HUB_REGISTRATIONS_PER_ADDRESS_PER_HOUR); every attempt counts. */
export function createRegistrationLimiter(options: { redisUrl: string | null; scope: string; perHour: number; log: Logger }): LoginLimiter {
  return createAttemptLimiter({
    ...options,
    name: "registration",
    limits: { perAccount: null, perAddress: options.perHour, windowSeconds: 3600 },
    refusal: (s) => `Too many registrations from this address: try again in ${s} s`,
  });
}

export interface PasswordResetLimits {
  perEmailPerHour: number;
  perAddressPerHour: number;
}

export const DEFAULT_PASSWORD_RESET_LIMITS: PasswordResetLimits = { perEmailPerHour: 3, perAddressPerHour: 20 };

/**
 * Password-reset requests per e-mail and per client address per hour (HUB_PASSWORD_RESETS_PER_*): every request
 * counts, for an e-mail with an account or without, so the refusal says nothing of whether the account exists.
 */
export function createPasswordResetLimiter(options: { redisUrl: string | null; scope: string; limits?: Partial<PasswordResetLimits>; log: Logger }): LoginLimiter {
  const limits = { ...DEFAULT_PASSWORD_RESET_LIMITS, ...options.limits };
  return createAttemptLimiter({
    ...options,
    name: "password-reset",
    limits: { perAccount: limits.perEmailPerHour, perAddress: limits.perAddressPerHour, windowSeconds: 3600 },
    refusal: (s) => `Too many password reset requests: try again in ${s} s`,
  });
}

/** A deployment's scope for the limiter: its database, or a fresh one for an in-memory database. */
export function limiterScope(databaseUrl: string | null, dataDir: string): string {
  if (databaseUrl) return databaseUrl;
  return dataDir.startsWith("memory://") ? `memory:${randomBytes(8).toString("hex")}` : dataDir;
}
