import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, HUB_PROCESS_ENV, heapFlags, hubNodeFlags, loadConfig, semiSpaceMb } from "../../src/config";
import { PROJECT_ROOT } from "../../src/infra/paths";

test("defaults follow core.graphql's start-up notes", () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ port: 4000, databaseUrl: null, redisUrl: null, demo: "auto", tokenTtlSeconds: 12 * 3600 });
  expect(config.dataDir).toBe(path.resolve(".data"));
});

test("every wrong setting is named in one message", () => {
  const attempt = () =>
    loadConfig({ PORT: "70000", HUB_DEMO: "sometimes", DATABASE_URL: "mysql://x", REDIS_URL: "http://x", HUB_ADMIN_EMAIL: "a@b.c", HUB_JWT_SECRET: "short" });
  expect(attempt).toThrow(ConfigError);
  try {
    attempt();
  } catch (err) {
    const message = (err as Error).message;
    for (const name of ["PORT", "HUB_DEMO", "DATABASE_URL", "REDIS_URL", "HUB_ADMIN_PASSWORD", "HUB_JWT_SECRET"]) expect(message).toContain(name);
  }
});

test("the log level, the database pool and the metrics token are checked too", () => {
  expect(() => loadConfig({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL must be one of .*not "verbose"/);
  expect(() => loadConfig({ HUB_DB_POOL_SIZE: "0" })).toThrow(/HUB_DB_POOL_SIZE must be a whole number from 1/);
  expect(() => loadConfig({ HUB_PGLITE_SHARED_BUFFERS_MB: "lots" })).toThrow(/HUB_PGLITE_SHARED_BUFFERS_MB must be a whole number from 1/);
  expect(() => loadConfig({ HUB_METRICS_TOKEN: "short" })).toThrow(/HUB_METRICS_TOKEN must be at least 16 characters/);
  expect(loadConfig({ LOG_LEVEL: "debug", HUB_METRICS_TOKEN: "metrics-token-0123456789" })).toMatchObject({ logLevel: "debug", metricsToken: "metrics-token-0123456789" });
});

test("mail and notifications: SMTP_URL, HUB_PUBLIC_URL, the digest hour and the time zone are checked and read", () => {
  expect(loadConfig({})).toMatchObject({ mail: { smtpUrl: null, pollSeconds: 5, retrySeconds: 30, maxAttempts: 8 }, publicUrl: null, digestHour: 8, timeZone: "Asia/Shanghai" });
  expect(loadConfig({ SMTP_URL: "smtp://u:p@mail.example.cn:587", HUB_PUBLIC_URL: "https://hub.example.cn/", HUB_DIGEST_HOUR: "7", HUB_TIME_ZONE: "Asia/Urumqi" })).toMatchObject({
    mail: { smtpUrl: "smtp://u:p@mail.example.cn:587" },
    publicUrl: "https://hub.example.cn",
    digestHour: 7,
    timeZone: "Asia/Urumqi",
  });
  expect(() => loadConfig({ SMTP_URL: "mail.example.cn" })).toThrow(/SMTP_URL must be a URL starting with smtp:\/\/ or smtps:\/\//);
  expect(() => loadConfig({ HUB_PUBLIC_URL: "ftp://hub" })).toThrow(/HUB_PUBLIC_URL must be a URL starting with http/);
  expect(() => loadConfig({ HUB_DIGEST_HOUR: "24" })).toThrow(/HUB_DIGEST_HOUR must be a whole number from 0 to 23/);
  expect(() => loadConfig({ HUB_TIME_ZONE: "Mars/Olympus" })).toThrow(/HUB_TIME_ZONE must be an IANA time zone/);
  expect(() => loadConfig({ HUB_MAIL_MAX_ATTEMPTS: "0" })).toThrow(/HUB_MAIL_MAX_ATTEMPTS must be a whole number from 1/);
});

test("query limits: budget, timeout and trusted documents are checked and read", () => {
  expect(() => loadConfig({ HUB_EXECUTION_TIMEOUT_MS: "0" })).toThrow(/HUB_EXECUTION_TIMEOUT_MS must be a whole number from 1/);
  expect(() => loadConfig({ HUB_QUERY_BUDGET_PER_MINUTE: "lots" })).toThrow(/HUB_QUERY_BUDGET_PER_MINUTE must be a whole number/);
  expect(() => loadConfig({ HUB_TRUSTED_DOCUMENTS: "always" })).toThrow(/HUB_TRUSTED_DOCUMENTS must be "off" or "only", not "always"/);
  expect(loadConfig({})).toMatchObject({ executionTimeoutMs: 10_000, queryBudgetPerMinute: 1_000_000, trustedDocuments: "off" });
  expect(loadConfig({ HUB_TRUSTED_DOCUMENTS: "ONLY", HUB_EXECUTION_TIMEOUT_MS: "2500" })).toMatchObject({ trustedDocuments: "only", executionTimeoutMs: 2500 });
});

test("operations run compiled unless HUB_EXECUTION says interpreted", () => {
  expect(loadConfig({}).execution).toBe("compiled");
  expect(loadConfig({ HUB_EXECUTION: "Interpreted" }).execution).toBe("interpreted");
  expect(() => loadConfig({ HUB_EXECUTION: "jit" })).toThrow(/HUB_EXECUTION must be "compiled" or "interpreted", not "jit"/);
});

test("the embedded database's vacuum interval is read and checked; memory:// is no folder", () => {
  expect(loadConfig({}).pgliteVacuumMinutes).toBe(10);
  expect(loadConfig({ HUB_PGLITE_VACUUM_MINUTES: "0" }).pgliteVacuumMinutes).toBe(0);
  expect(() => loadConfig({ HUB_PGLITE_VACUUM_MINUTES: "-5" })).toThrow(/HUB_PGLITE_VACUUM_MINUTES must be a whole number from 0/);
  expect(loadConfig({ HUB_DATA_DIR: "memory://" }).dataDir).toBe("memory://");
  expect(loadConfig({ HUB_DATA_DIR: "data/hub" }).dataDir).toBe(path.resolve("data/hub"));
});

test("V8's heap growth is a setting, applied as a flag: 75 % on the embedded database, 100 % on PostgreSQL, unless set", () => {
  const postgres = { DATABASE_URL: "postgresql://hub@db:5432/hub" };
  expect(loadConfig(postgres).heapGrowthPercent).toBe(100);
  expect(heapFlags(loadConfig(postgres))).toEqual(["--heap-growing-percent=100"]);
  expect(heapFlags(loadConfig({ ...postgres, HUB_HEAP_GROWTH_PERCENT: "75" }))).toEqual(["--heap-growing-percent=75"]);
  expect(heapFlags(loadConfig({}))).toEqual(["--heap-growing-percent=75"]);
  expect(heapFlags(loadConfig({ HUB_HEAP_GROWTH_PERCENT: "50" }))).toEqual(["--heap-growing-percent=50"]);
  expect(heapFlags(loadConfig({ HUB_HEAP_GROWTH_PERCENT: "0" }))).toEqual([]);
  expect(() => loadConfig({ HUB_HEAP_GROWTH_PERCENT: "-1" })).toThrow(/HUB_HEAP_GROWTH_PERCENT must be a whole number from 0 to 1000/);
});

test("the allocator is trimmed every 10 s unless set otherwise; 0 turns it off", () => {
  expect(loadConfig({}).memoryTrimSeconds).toBe(10);
  expect(loadConfig({ HUB_MEMORY_TRIM_SECONDS: "0" }).memoryTrimSeconds).toBe(0);
  expect(loadConfig({ HUB_MEMORY_TRIM_SECONDS: "60" }).memoryTrimSeconds).toBe(60);
  expect(() => loadConfig({ HUB_MEMORY_TRIM_SECONDS: "1.5" })).toThrow(/HUB_MEMORY_TRIM_SECONDS must be a whole number from 0 to 3600/);
});

test("WebSockets are pinged every 30 s unless set otherwise; 0 turns it off", () => {
  expect(loadConfig({}).wsKeepAliveSeconds).toBe(30);
  expect(loadConfig({ HUB_WS_KEEPALIVE_SECONDS: "0" }).wsKeepAliveSeconds).toBe(0);
  expect(() => loadConfig({ HUB_WS_KEEPALIVE_SECONDS: "-1" })).toThrow(/HUB_WS_KEEPALIVE_SECONDS must be a whole number from 0 to 3600/);
});

test("statements are named on PostgreSQL unless HUB_PG_NAMED_STATEMENTS=off", () => {
  expect(loadConfig({}).namedStatements).toBe(true);
  expect(loadConfig({ HUB_PG_NAMED_STATEMENTS: "OFF" }).namedStatements).toBe(false);
  expect(() => loadConfig({ HUB_PG_NAMED_STATEMENTS: "no" })).toThrow(/HUB_PG_NAMED_STATEMENTS must be "on" or "off", not "no"/);
});

test("npm start and npm run dev run the hub through scripts/hub.sh", () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  for (const name of ["start", "dev"]) expect(scripts[name]).toMatch(/(^| )sh scripts\/hub\.sh$/);
});

test("the young generation is 8 MB on the embedded database and 32 MB on PostgreSQL", () => {
  expect(semiSpaceMb({})).toBe(8);
  expect(semiSpaceMb({ DATABASE_URL: "  " })).toBe(8);
  expect(semiSpaceMb({ DATABASE_URL: "postgresql://db/hub" })).toBe(32);
  expect(hubNodeFlags({ DATABASE_URL: "postgresql://db/hub" })).toEqual(["--max-semi-space-size=32"]);
});

test("scripts/hub.sh gives node the malloc setting and the flags config.ts names, for either database", () => {
  // A `node` first on PATH that prints what it was given instead of starting the hub.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "hub-sh-"));
  fs.writeFileSync(path.join(bin, "node"), '#!/bin/sh\necho "MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_ $*"\n', { mode: 0o755 });
  try {
    for (const env of [{}, { DATABASE_URL: "postgresql://db/hub" }, { DATABASE_URL: " " }]) {
      const printed = execFileSync("sh", ["scripts/hub.sh", "--extra"], { cwd: PROJECT_ROOT, env: { PATH: `${bin}:${process.env.PATH}`, ...env }, encoding: "utf8" });
      const malloc = Object.entries(HUB_PROCESS_ENV).map(([key, value]) => `${key}=${value}`);
      expect(printed.trim()).toBe([...malloc, ...hubNodeFlags(env), "dist/src/main.js", "--extra"].join(" "));
    }
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
});

test("HUB_TIME_ZONE: Asia/Shanghai by default, any IANA zone, nothing else", () => {
  expect(loadConfig({}).timeZone).toBe("Asia/Shanghai");
  expect(loadConfig({ HUB_TIME_ZONE: "Europe/Berlin" }).timeZone).toBe("Europe/Berlin");
  expect(loadConfig({ HUB_TIME_ZONE: "UTC" }).timeZone).toBe("UTC");
  for (const bad of ["Mars/Olympus", "+08:00", "Asia/Shanghai'; --"]) expect(() => loadConfig({ HUB_TIME_ZONE: bad })).toThrow(/HUB_TIME_ZONE must be an IANA time zone/);
});
