import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { signInAdmin, startServer, stopServer, type ServerProcess } from "../support/server-process";
import { settle } from "../support/ws";
import { expectConsistent, needInput, needWorld, runLoad, send, storedNeeds } from "./need-load";

// The embedded database killed mid-write (SIGKILL: no shutdown, no flush) must open again, consistent. Embedded
// suite only (CI runs it without DATABASE_URL); the PostgreSQL suite has postgres-restart.e2e.test.ts.
const run = process.env.DATABASE_URL ? describe.skip : describe;

run("the embedded database killed mid-write", () => {
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-crash-"));
  });

  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("opens again with every acknowledged need and its matches, and no need without matches", async () => {
    server = await startServer({ HUB_DATA_DIR: dataDir });
    const admin = await signInAdmin(server.graphqlUrl);
    const { enterpriseId } = await needWorld(admin);
    const probe = await send(admin, "write", { input: needInput(enterpriseId, "崩溃测试：基准需求") });
    const matchesPerNeed = probe.need!.matchIds.length;
    expect(matchesPerNeed).toBeGreaterThan(0);

    // Kill once a few writes were acknowledged; the workers keep writing, so others are in flight when it dies.
    let killed = false;
    const load = runLoad(admin, enterpriseId, 3, (mine) => (killed && mine.at(-1)?.status === null) || mine.length > 400);
    while (load.outcomes.filter((o) => o.need).length < 6) await settle(20);
    const victim = server;
    const exited = new Promise((resolve) => victim.process.once("exit", resolve));
    victim.process.kill("SIGKILL");
    killed = true;
    await exited;
    const outcomes = await load.done;
    const inFlight = outcomes.filter((o) => o.status === null);
    expect(inFlight.length).toBeGreaterThan(0); // the kill did cut requests short

    server = await startServer({ HUB_DATA_DIR: dataDir });
    expect(server.logs.join("")).toMatch(/schema up to date/);
    const again = await signInAdmin(server.graphqlUrl);
    const acknowledged = [probe, ...outcomes.filter((o) => o.need)];
    const stored = await storedNeeds(again, enterpriseId);
    expectConsistent(stored, acknowledged, matchesPerNeed);
    // Writes cut short may or may not have committed; none is stored beyond what was sent.
    expect(stored.size).toBeLessThanOrEqual(outcomes.filter((o) => o.kind === "write").length + 1);

    // And it takes writes again.
    const after = await send(again, "write", { input: needInput(enterpriseId, "崩溃测试：恢复后的需求") });
    expect(after.need?.matchIds).toHaveLength(matchesPerNeed);
  }, 90_000);
});
