import { Client } from "pg";
import WebSocket from "ws";
import { postgresBinaries, startPostgres, type PostgresProcess } from "../support/postgres-process";
import { signInAdmin, startServer, stopServer, type ServerProcess } from "../support/server-process";
import { settle } from "../support/ws";
import { expectConsistent, needInput, needWorld, runLoad, send, storedNeeds, type Outcome } from "./need-load";

// PostgreSQL restarted under load. Runs in CI's PostgreSQL suite (DATABASE_URL set) on a PostgreSQL of its own
// (test/support/postgres-process.ts), never the shared one, which other test files are using.
const binaries = postgresBinaries();
const run = process.env.DATABASE_URL && binaries ? describe : describe.skip;
if (process.env.DATABASE_URL && !binaries) console.warn("postgres-restart: skipped, no PostgreSQL binaries (initdb, pg_ctl) found; set PG_BIN");

const OUTAGE_MS = 4_000;

run("PostgreSQL restarted under load", () => {
  let pg: PostgresProcess;
  let server: ServerProcess;

  beforeAll(async () => {
    pg = await startPostgres();
    server = await startServer({ DATABASE_URL: pg.url });
  }, 90_000);

  afterAll(async () => {
    if (server) await stopServer(server);
    await pg?.destroy();
  });

  test("fails fast with SERVICE_UNAVAILABLE during the outage, recovers by itself, loses no acknowledged need", async () => {
    const admin = await signInAdmin(server.graphqlUrl);
    const { enterpriseId } = await needWorld(admin);
    const probe = await send(admin, "write", { input: needInput(enterpriseId, "故障测试：基准需求") });
    const matchesPerNeed = probe.need!.matchIds.length;
    expect(matchesPerNeed).toBeGreaterThan(0);

    let restarted = 0; // when PostgreSQL answered again
    const answeredWritesSince = (at: number, outcomes: Outcome[]) => outcomes.filter((o) => o.at > at && o.kind === "write" && o.need).length;
    // Each worker runs until it has had 3 answered writes after the restart (the hub came back on its own), or 30 s passed.
    const load = runLoad(admin, enterpriseId, 3, (mine) => restarted > 0 && (answeredWritesSince(restarted, mine) >= 3 || Date.now() - restarted > 30_000));
    await settle(1_500);
    const stoppedAt = Date.now();
    await pg.stop();
    const socketClose = await connectionInitClose(server.graphqlUrl.replace("http", "ws"), admin.token);
    await settle(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
    await pg.start();
    restarted = Date.now();
    const outcomes = await load.done;

    // The process lived through it, and no request hung or lost its connection.
    expect(server.process.exitCode).toBeNull();
    expect(outcomes.filter((o) => o.status === null)).toEqual([]);
    // While PostgreSQL was down requests failed, each with SERVICE_UNAVAILABLE and HTTP 503, nothing masked.
    const failed = outcomes.filter((o) => o.codes.length > 0);
    expect(failed.filter((o) => o.at >= stoppedAt && o.at < restarted).length).toBeGreaterThan(0);
    for (const outcome of failed) expect(outcome).toMatchObject({ status: 503, codes: ["SERVICE_UNAVAILABLE"] });
    expect(server.logs.join("")).not.toMatch(/unexpected error/);
    // A WebSocket that signed in during the outage was told to try again later (1013), not refused (4403).
    expect(socketClose).toBe(1013);
    // Each worker's last requests were answered: the pool reconnected without a restart of the hub.
    expect(answeredWritesSince(restarted, outcomes)).toBeGreaterThanOrEqual(9);

    const acknowledged = [probe, ...outcomes.filter((o) => o.need)];
    const stored = await storedNeeds(admin, enterpriseId);
    expectConsistent(stored, acknowledged, matchesPerNeed);
    // A write that failed may still have committed (the answer was lost), never more needs than writes sent.
    const writes = outcomes.filter((o) => o.kind === "write").length + 1;
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    expect(stored.size).toBeLessThanOrEqual(writes);
    await expectNoHalfWrittenNeeds(pg.url, matchesPerNeed);
  }, 90_000);
});

/** Straight from the database, past the API: every need of the test has its matches and its audit record. */
async function expectNoHalfWrittenNeeds(url: string, matchesPerNeed: number) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number; matches: number; audits: number }>(
      `SELECT n.id,
              (SELECT count(*)::int FROM "Match" m WHERE m."needId" = n.id) AS matches,
              (SELECT count(*)::int FROM "AuditEvent" a WHERE a."entityType" = 'TechNeed' AND a."entityId" = n.id AND a.action = 'need.post') AS audits
         FROM "TechNeed" n`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.matches !== matchesPerNeed || r.audits !== 1)).toEqual([]);
  } finally {
    await client.end();
  }
}

/** Opens a graphql-ws socket, sends connection_init with the token, and resolves with the close code. */
function connectionInitClose(url: string, token: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, "graphql-transport-ws");
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
    socket.on("close", (code) => resolve(code));
    socket.on("error", reject);
  });
}
