import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";

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
