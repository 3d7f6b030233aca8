import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OnNeedPostedDocument, ReferenceDocument } from "../generated/operations";
import { createEnterprise, postNeed } from "../support/fixtures";
import { subscribe, wsClient } from "../support/ws";
import { testDatabase, type TestDatabase } from "../support/database";
import { MAIN, signInAdmin, startServer, stopServer } from "../support/server-process";

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
    const admin = await signInAdmin(`${server.url}/graphql`);
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
    const again = await signInAdmin(`${server.url}/graphql`);
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
