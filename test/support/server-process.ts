import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { HUB_PROCESS_ENV, hubNodeFlags } from "../../src/config";
import { GqlClient } from "./client";
import { EMBEDDED_BACKUP_ENV } from "./global-setup";

// The built server (`npm start` runs the same file); `npm test` builds first (pretest).
export const MAIN = path.join(__dirname, "..", "..", "dist", "src", "main.js");
const READY_WITHIN_MS = 240_000;
export const E2E_ADMIN = { email: "e2e-admin@hub.test", password: "E2e-Admin-Passw0rd" };

export interface ServerProcess {
  process: ChildProcess;
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  logs: string[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts `node dist/src/main.js` as `npm start` does (scripts/hub.sh: NODE_ENV=production, the allocator's
 * environment and V8's flags) and waits for /healthz. Apollo Server, graphql-ws and others change behaviour under
 * NODE_ENV=production (Apollo turns introspection off unless told otherwise): a test of the running server sees
 * what users see.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  // A given PORT restarts a hub where its clients expect it (the dashboard's reconnection test).
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const processEnv: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    ...HUB_PROCESS_ENV,
    PORT: String(port),
    HOST: "127.0.0.1",
    HUB_ADMIN_EMAIL: E2E_ADMIN.email,
    HUB_ADMIN_PASSWORD: E2E_ADMIN.password,
    HUB_JWT_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
    HUB_DEMO: "off",
    LOG_LEVEL: "info",
    ...env,
  };
  // An in-memory hub starts from the suite's migrated template (HUB_MEMORY_FROM), as in-process test hubs do.
  const template = process.env[EMBEDDED_BACKUP_ENV];
  if (processEnv.HUB_DATA_DIR?.startsWith("memory://") && !processEnv.DATABASE_URL && template && !("HUB_MEMORY_FROM" in env)) processEnv.HUB_MEMORY_FROM = template;
  const child = spawn(process.execPath, [...hubNodeFlags(processEnv), MAIN], { env: processEnv, stdio: ["ignore", "pipe", "pipe"] });
  const logs: string[] = [];
  child.stdout!.on("data", (d) => logs.push(String(d)));
  child.stderr!.on("data", (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  // A new embedded database migrates at start; on a busy 2-core machine that has taken over a minute.
  const deadline = Date.now() + (Number(env.HUB_TEST_START_MS) || READY_WITHIN_MS);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${logs.join("")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { process: child, url, graphqlUrl: `${url}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql`, logs };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`server not ready in ${READY_WITHIN_MS / 1000} s: ${logs.join("")}`);
}

/** SIGTERM and wait; resolves with the exit code. */
export async function stopServer(server: ServerProcess): Promise<number | null> {
  if (server.process.exitCode !== null) return server.process.exitCode;
  const exited = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
  server.process.kill("SIGTERM");
  return exited;
}

export async function signInAdmin(graphqlUrl: string): Promise<GqlClient> {
  const anonymous = new GqlClient(graphqlUrl);
  const data = await anonymous.data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
    e: E2E_ADMIN.email,
    p: E2E_ADMIN.password,
  });
  return anonymous.as(data.login.token);
}
