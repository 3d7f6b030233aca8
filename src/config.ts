import path from "node:path";

/**
 * PGlite's buffer pool in MB when HUB_PGLITE_SHARED_BUFFERS_MB is not set (see infra/db/embedded.ts): the pool stays
 * resident in WebAssembly memory, which never shrinks. Why 8: docs/benchmarks.md, "Settings chosen by measurement".
 */
export const PGLITE_SHARED_BUFFERS_MB = 8;

/**
 * Environment `npm start` and `npm run dev` give the hub's process (scripts/hub.sh; glibc reads it before any code
 * runs). A fixed mmap threshold hands every allocation of 128 KB or more back to the system when it is freed. By
 * default glibc raises the threshold to the largest block freed so far (argon2's 19 MiB, WebAssembly compilation,
 * files read at start), after which such blocks stay in its heaps: 30–45 MB of an idle hub's RSS, more under load.
 */
export const HUB_PROCESS_ENV = { MALLOC_MMAP_THRESHOLD_: "131072" } as const;

/**
 * The young generation's size in MB (each of V8's two semi-spaces), by database. V8 reads it only when it makes the
 * heap, so `npm start` and `npm run dev` give it on the command line (scripts/hub.sh; main.ts cannot set it).
 * - Embedded (PGlite): 8 MB instead of V8's 16 (the embedded hub holds the database and is the one near 300 MB).
 * - PostgreSQL: 32 MB (requests in flight keep what they allocated alive across a scavenge under concurrent reads).
 * The measurements behind both: docs/benchmarks.md, "Settings chosen by measurement".
 */
export function semiSpaceMb(env: NodeJS.ProcessEnv): number {
  return env.DATABASE_URL?.trim() ? 32 : 8;
}

/** The node flags `npm start` and `npm run dev` give the hub (scripts/hub.sh; benchmarks start hubs with them too). */
export function hubNodeFlags(env: NodeJS.ProcessEnv): string[] {
  return [`--max-semi-space-size=${semiSpaceMb(env)}`];
}

/** The hub's settings, read once from the environment (core.graphql's start-up notes). */
export interface HubConfig {
  port: number;
  host: string;
  dataDir: string;
  /** HUB_MEMORY_FROM: a backup (`npm run backup`'s .tar.gz) an in-memory hub (HUB_DATA_DIR=memory://…) starts from. */
  memoryFrom: string | null;
  databaseUrl: string | null;
  redisUrl: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  jwtSecret: string | null;
  tokenTtlSeconds: number;
  /** Failed sign-ins allowed per account and per address in a window (HUB_LOGIN_MAX_FAILURES*, HUB_LOGIN_WINDOW_MINUTES). */
  loginLimits: { failuresPerAccount: number; failuresPerAddress: number; windowSeconds: number };
  /** Registrations allowed per client address per hour (HUB_REGISTRATIONS_PER_ADDRESS_PER_HOUR). */
  registrationsPerAddressPerHour: number;
  /** Password-reset requests allowed per e-mail and per client address per hour (HUB_PASSWORD_RESETS_PER_*_PER_HOUR). */
  passwordResetLimits: { perEmailPerHour: number; perAddressPerHour: number };
  /** The address users reach the hub at, for links in mails (HUB_PUBLIC_URL, e.g. https://hub.example.cn); null: http://localhost:PORT. */
  publicUrl: string | null;
  demo: "on" | "off" | "auto";
  logLevel: string;
  /** How often each instance runs the need expiry sweep (HUB_SWEEP_SECONDS, 0 = never). */
  sweepSeconds: number;
  /**
   * How often an instance whose reading of text is the claimed one looks for stored vectors of another reading
   * (HUB_REANALYSIS_SWEEP_SECONDS, 0 = at start only; match/reanalysis.ts).
   */
  reanalysisSweepSeconds: number;
  /** How often each WebSocket is pinged; one that has not answered by the next ping is closed (HUB_WS_KEEPALIVE_SECONDS, 0 = never). */
  wsKeepAliveSeconds: number;
  /** How often the embedded database is vacuumed (HUB_PGLITE_VACUUM_MINUTES, 0 = never; PostgreSQL has autovacuum). */
  pgliteVacuumMinutes: number;
  /** An OPEN need without a response for this many days is flagged stale (HUB_STALE_NEED_DAYS). */
  staleNeedDays: number;
  /** When set, GET /metrics asks for `Authorization: Bearer <token>` (HUB_METRICS_TOKEN); open otherwise. */
  metricsToken: string | null;
  /** Cost one caller may spend per minute on queries (HUB_QUERY_BUDGET_PER_MINUTE; README "Query limits"). */
  queryBudgetPerMinute: number;
  /** A GraphQL operation still running after this long is answered with TIMEOUT (HUB_EXECUTION_TIMEOUT_MS). */
  executionTimeoutMs: number;
  /** "only": callers other than ADMIN may run trusted (persisted) documents only (HUB_TRUSTED_DOCUMENTS). */
  trustedDocuments: "off" | "only";
  /** How HTTP operations run: compiled to JavaScript (graphql-jit, the default) or by graphql-js's interpreter (HUB_EXECUTION). */
  execution: "compiled" | "interpreted";
  /** Whether statements PostgreSQL has seen before are sent as named (prepared) statements (HUB_PG_NAMED_STATEMENTS). */
  namedStatements: boolean;
  /** How far V8's old generation may grow past what the last full collection kept, in % (HUB_HEAP_GROWTH_PERCENT; 0 = V8's choice). */
  heapGrowthPercent: number;
  /** How often the process gives the C allocator's free memory back, besides after full collections (HUB_MEMORY_TRIM_SECONDS; 0 = never). */
  memoryTrimSeconds: number;
  /** Mail: off without SMTP_URL (the inbox works alone); see modules/notification. */
  mail: MailConfig;
  /** Local hour (0–23) at which daily digests are mailed (HUB_DIGEST_HOUR), in `timeZone`. */
  digestHour: number;
  /** The programme's time zone (HUB_TIME_ZONE, an IANA name; default Asia/Shanghai). */
  timeZone: string;
}

export interface MailConfig {
  /** smtp://user:pass@host:port or smtps://… (SMTP_URL); null: no mail. */
  smtpUrl: string | null;
  /** The From header (HUB_MAIL_FROM). */
  from: string;
  /** How often each instance looks for mail to send (HUB_MAIL_POLL_SECONDS, 0 = never). */
  pollSeconds: number;
  /** The first retry's delay; each further one doubles it (HUB_MAIL_RETRY_SECONDS). */
  retrySeconds: number;
  /** Attempts before a mail is given up as FAILED (HUB_MAIL_MAX_ATTEMPTS). */
  maxAttempts: number;
}

export class ConfigError extends Error {}

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

/** An IANA zone name that both Node (Intl) and PostgreSQL know; fixed offsets ("+08:00") are refused on purpose. */
function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const problems: string[] = [];
  const port = intSetting(env, "PORT", 4000, 0, 65535, problems);
  const ttlHours = intSetting(env, "HUB_TOKEN_TTL_HOURS", 12, 1, 24 * 30, problems);
  const failuresPerAccount = intSetting(env, "HUB_LOGIN_MAX_FAILURES", 5, 1, 1000, problems);
  const failuresPerAddress = intSetting(env, "HUB_LOGIN_MAX_FAILURES_PER_ADDRESS", 50, 1, 100000, problems);
  const windowMinutes = intSetting(env, "HUB_LOGIN_WINDOW_MINUTES", 15, 1, 24 * 60, problems);
  const registrationsPerAddressPerHour = intSetting(env, "HUB_REGISTRATIONS_PER_ADDRESS_PER_HOUR", 10, 1, 100000, problems);
  const passwordResetLimits = {
    perEmailPerHour: intSetting(env, "HUB_PASSWORD_RESETS_PER_EMAIL_PER_HOUR", 3, 1, 1000, problems),
    perAddressPerHour: intSetting(env, "HUB_PASSWORD_RESETS_PER_ADDRESS_PER_HOUR", 20, 1, 100000, problems),
  };
  const publicUrl = env.HUB_PUBLIC_URL?.trim().replace(/\/+$/, "") || null;
  if (publicUrl && !validUrl(publicUrl, ["http:", "https:"])) problems.push("HUB_PUBLIC_URL must be a URL starting with http:// or https://");
  const sweepSeconds = intSetting(env, "HUB_SWEEP_SECONDS", 60, 0, 86_400, problems);
  const reanalysisSweepSeconds = intSetting(env, "HUB_REANALYSIS_SWEEP_SECONDS", 300, 0, 86_400, problems);
  // 30 s, not graphql-ws's 12: under the 60 s idle timeout of common proxies and load balancers, and 2.5 × fewer pings,
  // which took 10–15 % of a hub's time while it delivered to 5,000 sockets (docs/benchmarks.md, fan-out, session 20).
  const wsKeepAliveSeconds = intSetting(env, "HUB_WS_KEEPALIVE_SECONDS", 30, 0, 3600, problems);
  const pgliteVacuumMinutes = intSetting(env, "HUB_PGLITE_VACUUM_MINUTES", 10, 0, 7 * 24 * 60, problems);
  const staleNeedDays = intSetting(env, "HUB_STALE_NEED_DAYS", 14, 1, 3650, problems);
  const queryBudgetPerMinute = intSetting(env, "HUB_QUERY_BUDGET_PER_MINUTE", 1_000_000, 1, 1_000_000_000, problems);
  const executionTimeoutMs = intSetting(env, "HUB_EXECUTION_TIMEOUT_MS", 10_000, 1, 600_000, problems);
  const trustedDocuments = (env.HUB_TRUSTED_DOCUMENTS || "off").toLowerCase();
  if (!["off", "only"].includes(trustedDocuments)) problems.push(`HUB_TRUSTED_DOCUMENTS must be "off" or "only", not "${env.HUB_TRUSTED_DOCUMENTS}"`);
  const execution = (env.HUB_EXECUTION || "compiled").toLowerCase();
  if (!["compiled", "interpreted"].includes(execution)) problems.push(`HUB_EXECUTION must be "compiled" or "interpreted", not "${env.HUB_EXECUTION}"`);
  const namedStatements = (env.HUB_PG_NAMED_STATEMENTS || "on").toLowerCase();
  if (!["on", "off"].includes(namedStatements)) problems.push(`HUB_PG_NAMED_STATEMENTS must be "on" or "off", not "${env.HUB_PG_NAMED_STATEMENTS}"`);
  // postgres.ts reads the pool size; checked here so that a wrong value stops the start with the others.
  intSetting(env, "HUB_DB_POOL_SIZE", 10, 1, 1000, problems);
  intSetting(env, "HUB_PGLITE_SHARED_BUFFERS_MB", PGLITE_SHARED_BUFFERS_MB, 1, 4096, problems);
  const logLevel = env.LOG_LEVEL || "info";
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${logLevel}"`);
  const metricsToken = env.HUB_METRICS_TOKEN || null;
  if (metricsToken && metricsToken.length < 16) problems.push("HUB_METRICS_TOKEN must be at least 16 characters");
  const demo = (env.HUB_DEMO ?? "auto").toLowerCase();
  if (!["on", "off", "auto"].includes(demo)) problems.push(`HUB_DEMO must be "on" or "off", not "${env.HUB_DEMO}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const memoryFrom = env.HUB_MEMORY_FROM?.trim() || null;
  if (memoryFrom && (databaseUrl || !env.HUB_DATA_DIR?.startsWith("memory://"))) problems.push("HUB_MEMORY_FROM needs HUB_DATA_DIR=memory://… (an in-memory embedded database) and no DATABASE_URL");
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push("DATABASE_URL must start with postgresql://");
  // Heap growth 1.75 × embedded, 2 × on PostgreSQL: docs/benchmarks.md, "Settings chosen by measurement".
  const heapGrowthPercent = intSetting(env, "HUB_HEAP_GROWTH_PERCENT", databaseUrl ? 100 : 75, 0, 1000, problems);
  const memoryTrimSeconds = intSetting(env, "HUB_MEMORY_TRIM_SECONDS", 10, 0, 3600, problems);
  const timeZone = env.HUB_TIME_ZONE?.trim() || DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) problems.push(`HUB_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not "${env.HUB_TIME_ZONE}"`);
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push("REDIS_URL must start with redis:// or rediss://");
  const adminEmail = env.HUB_ADMIN_EMAIL?.trim() || null;
  const adminPassword = env.HUB_ADMIN_PASSWORD || null;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) problems.push("HUB_ADMIN_EMAIL and HUB_ADMIN_PASSWORD go together");
  const jwtSecret = env.HUB_JWT_SECRET || null;
  if (jwtSecret && jwtSecret.length < 32) problems.push("HUB_JWT_SECRET must be at least 32 characters");
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !validUrl(smtpUrl, ["smtp:", "smtps:"])) problems.push("SMTP_URL must be a URL starting with smtp:// or smtps://");
  const mailFrom = env.HUB_MAIL_FROM?.trim() || "科创南阳 Kechuang Hub <noreply@kechuang-hub.local>";
  const mailPollSeconds = intSetting(env, "HUB_MAIL_POLL_SECONDS", 5, 0, 3600, problems);
  const mailRetrySeconds = intSetting(env, "HUB_MAIL_RETRY_SECONDS", 30, 1, 86_400, problems);
  const mailMaxAttempts = intSetting(env, "HUB_MAIL_MAX_ATTEMPTS", 8, 1, 100, problems);
  const digestHour = intSetting(env, "HUB_DIGEST_HOUR", 8, 0, 23, problems);
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
  return {
    port,
    host: env.HOST || "0.0.0.0",
    // "memory://" is PGlite's in-memory database, not a folder to create beside the working directory.
    dataDir: env.HUB_DATA_DIR?.startsWith("memory://") ? env.HUB_DATA_DIR : path.resolve(env.HUB_DATA_DIR || "./.data"),
    memoryFrom: memoryFrom && path.resolve(memoryFrom),
    databaseUrl,
    redisUrl,
    adminEmail,
    adminPassword,
    jwtSecret,
    tokenTtlSeconds: ttlHours * 3600,
    loginLimits: { failuresPerAccount, failuresPerAddress, windowSeconds: windowMinutes * 60 },
    registrationsPerAddressPerHour,
    passwordResetLimits,
    publicUrl,
    demo: demo as HubConfig["demo"],
    logLevel,
    sweepSeconds,
    reanalysisSweepSeconds,
    wsKeepAliveSeconds,
    pgliteVacuumMinutes,
    staleNeedDays,
    metricsToken,
    queryBudgetPerMinute,
    executionTimeoutMs,
    trustedDocuments: trustedDocuments as HubConfig["trustedDocuments"],
    execution: execution as HubConfig["execution"],
    namedStatements: namedStatements === "on",
    heapGrowthPercent,
    memoryTrimSeconds,
    mail: { smtpUrl, from: mailFrom, pollSeconds: mailPollSeconds, retrySeconds: mailRetrySeconds, maxAttempts: mailMaxAttempts },
    digestHour,
    timeZone,
  };
}

function validUrl(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * The V8 flags that apply `config` to a running process (main.ts sets them at start; benchmarks pass them to hub
 * processes that start without main.ts). On a machine with more than 2 GB, V8 lets the old generation grow up to
 * 4 × what survived the last full collection before it collects again: under load on PostgreSQL, more garbage than
 * live heap (measured: docs/benchmarks.md, "Design decisions measured"). V8 reads this flag at every collection, so setting it after start works.
 */
export function heapFlags(config: Pick<HubConfig, "heapGrowthPercent">): string[] {
  return config.heapGrowthPercent > 0 ? [`--heap-growing-percent=${config.heapGrowthPercent}`] : [];
}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return fallback;
  }
  return value;
}
