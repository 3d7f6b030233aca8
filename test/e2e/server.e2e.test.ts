import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OnNeedPostedDocument, ReferenceDocument } from "../generated/operations";
import { GqlClient } from "../support/client";
import { createEnterprise, postNeed } from "../support/fixtures";
import { subscribe, wsClient } from "../support/ws";
import { testDatabase, type TestDatabase } from "../support/database";

// Starts the built server (`npm start` runs the same file) as a real process and talks to it over HTTP and
// graphql-ws, like a client would. `npm test` builds first (pretest).
const MAIN = path.join(__dirname, "..", "..", "dist", "src", "main.js");
const ADMIN = { email: "e2e-admin@hub.test", password: "E2e-Admin-Passw0rd" };

interface Server {
  process: ChildProcess;
  url: string;
  logs: string[];
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, PORT: String(port), HOST: "127.0.0.1", HUB_ADMIN_EMAIL: ADMIN.email, HUB_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  child.stdout!.on("data", (d) => logs.push(String(d)));
  child.stderr!.on("data", (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${logs.join("")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { process: child, url, logs };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`server not ready in 60 s: ${logs.join("")}`);
}

async function stopServer(server: Server): Promise<number | null> {
  if (server.process.exitCode !== null) return server.process.exitCode;
  const exited = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
  server.process.kill("SIGTERM");
  return exited;
}

async function signIn(url: string) {
  const anonymous = new GqlClient(`${url}/graphql`);
  const data = await anonymous.data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ADMIN.email, p: ADMIN.password });
  return anonymous.as(data.login.token);
}

let dataDir: string;
let database: TestDatabase;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-e2e-"));
  database = await testDatabase();
});
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await database.drop();
});

const storage = (): Record<string, string> => (database.databaseUrl ? { DATABASE_URL: database.databaseUrl, HUB_DEMO: "off" } : { HUB_DATA_DIR: dataDir, HUB_DEMO: "off" });

test("the real server serves HTTP and graphql-ws on one port, keeps data across a restart, and stops cleanly on SIGTERM", async () => {
  let server = await startServer(storage());
  try {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const admin = await signIn(server.url);
    const reference = await admin.data(ReferenceDocument);
    expect(reference.industryChains.length).toBeGreaterThanOrEqual(5);

    const socket = wsClient(`${server.url.replace("http", "ws")}/graphql`, admin.token);
    const posted = subscribe(socket, OnNeedPostedDocument, {});
    await new Promise((r) => setTimeout(r, 300));
    const enterprise = await createEnterprise(admin);
    const need = await postNeed(admin, enterprise.id, { title: "端到端：储能热管理需求" });
    const [event] = await posted.waitFor(1);
    expect(event.needPosted.id).toBe(need.id);
    await socket.dispose();

    expect(await stopServer(server)).toBe(0);
    server = await startServer(storage());
    const again = await signIn(server.url);
    const node = await again.data<{ node: { title: string } | null }>(`query($id: ID!) { node(id: $id) { ... on TechNeed { title } } }`, { id: need.id });
    expect(node.node?.title).toBe("端到端：储能热管理需求");
  } finally {
    await stopServer(server);
  }
}, 180_000);

test("a wrong setting stops the server at start with a message naming it", async () => {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, PORT: "not-a-port", HUB_DEMO: "maybe" }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code).toBe(78);
  expect(stderr).toContain("PORT must be a whole number");
  expect(stderr).toContain("HUB_DEMO");
});
