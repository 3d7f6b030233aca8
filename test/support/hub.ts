import { startHub, type Hub, type HubOptions } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { UserViewer } from "../../src/infra/auth/viewer";
import { createLogger } from "../../src/infra/logger";
import { GqlClient } from "./client";
import { LoginDocument } from "../generated/operations";
import { testDatabase, type TestDatabase } from "./database";

export const ADMIN_EMAIL = "admin@hub.test";
export const ADMIN_PASSWORD = "Admin-Passw0rd!";

export interface TestHub {
  hub: Hub;
  /** Anonymous client. */
  anonymous: GqlClient;
  /** Signed in as the ADMIN that HUB_ADMIN_* created. */
  admin: GqlClient;
  signIn(email: string, password: string): Promise<GqlClient>;
  stop(): Promise<void>;
}

/**
 * A real hub (HTTP + WebSocket on a free port) over its own database; each test file starts its own. `database`: start
 * over one the test owns instead (a restart); it is then not dropped on stop.
 */
export async function startTestHub(env: Record<string, string> = {}, options: Pick<HubOptions, "accountMail" | "clock" | "reading"> & { database?: TestDatabase } = {}): Promise<TestHub> {
  const database = options.database ?? (await testDatabase());
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    HUB_DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    HUB_ADMIN_EMAIL: ADMIN_EMAIL,
    HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HUB_JWT_SECRET: "test-secret-test-secret-test-secret-0123456789",
    HUB_DEMO: "off",
    // CI runs the integration suite once more on graphql-js's stock execution path (.ci/run, step 3).
    ...(process.env.HUB_EXECUTION ? { HUB_EXECUTION: process.env.HUB_EXECUTION } : {}),
    ...env,
  });
  if (database.dataDir) config.dataDir = database.dataDir; // keep "memory://" as given
  const hub = await startHub({ config, log: createLogger(process.env.TEST_LOG_LEVEL || "silent"), embeddedTemplate: database.embeddedTemplate, accountMail: options.accountMail, clock: options.clock, reading: options.reading });
  // The start-up check of the stored supplier vectors runs in the background: tests begin once it has ended, so that
  // it never re-analyses a supplier a test is writing.
  await hub.services.reanalysis.settled();
  const anonymous = new GqlClient(hub.url);
  const signIn = async (email: string, password: string) => {
    // The hub's own Login operation: a trusted document, so this also works under HUB_TRUSTED_DOCUMENTS=only.
    const data = await anonymous.data(LoginDocument, { email, password });
    return anonymous.as(data.login.token);
  };
  const admin = await signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  return {
    hub,
    anonymous,
    admin,
    signIn,
    stop: async () => {
      await hub.stop();
      if (!options.database) await database.drop();
    },
  };
}

/** The seeded ADMIN as a service-level viewer, for tests that call services directly (no token, no HTTP). */
export async function adminViewer(t: TestHub): Promise<UserViewer> {
  const user = await t.hub.database.prisma.user.findUniqueOrThrow({ where: { email: ADMIN_EMAIL } });
  return { kind: "user", userId: user.id, role: "ADMIN", enterpriseId: null, societyId: null, expertId: null, platformId: null, expiresAt: 2e9, tokenVersion: 0 };
}
