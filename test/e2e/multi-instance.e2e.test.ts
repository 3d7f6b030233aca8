import type { Client } from "graphql-ws";
import { OnMatchFoundDocument, OnNeedPostedDocument, StatsDocument } from "../generated/operations";
import { testDatabase, type TestDatabase } from "../support/database";
import { createEnterprise, createExpert, postNeed, userClient } from "../support/fixtures";
import { startRedis, type RedisProcess } from "../support/redis-process";
import { signInAdmin, startServer, stopServer, type ServerProcess } from "../support/server-process";
import { settle, subscribe, wsClient } from "../support/ws";
import type { TestHub } from "../support/hub";

// Two hub processes on one PostgreSQL and one Redis behave as one hub. Needs PostgreSQL (DATABASE_URL, as in
// CI's second suite) and a redis-server binary; the embedded suite skips it.
const run = process.env.DATABASE_URL ? describe : describe.skip;

run("several instances on PostgreSQL + Redis", () => {
  let database: TestDatabase;
  let redis: RedisProcess;
  let a: ServerProcess;
  let b: ServerProcess;
  const sockets: Client[] = [];

  beforeAll(async () => {
    database = await testDatabase();
    redis = await startRedis();
    const env = { DATABASE_URL: database.databaseUrl!, REDIS_URL: redis.url };
    [a, b] = await Promise.all([startServer(env), startServer(env)]); // both migrate at once: one applies, one waits
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await Promise.all([a && stopServer(a), b && stopServer(b)]);
    await redis?.stop();
    await database?.drop();
  });

  const socket = (url: string, token: string | null) => {
    const client = wsClient(url, token);
    sockets.push(client);
    return client;
  };
  /** The fixtures take a TestHub; against processes only `admin` and `signIn` are used. */
  const hubOf = async (server: ServerProcess) => {
    const admin = await signInAdmin(server.graphqlUrl);
    return { admin, anonymous: admin.as(null), signIn: async (email: string, password: string) => {
      const data = await admin.as(null).data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: password });
      return admin.as(data.login.token);
    } } as unknown as TestHub;
  };

  test("a subscriber on instance A hears what a mutation on instance B caused, with filters and access rules", async () => {
    const onA = await hubOf(a);
    const onB = await hubOf(b);
    const owner = await createEnterprise(onB.admin);
    const other = await createEnterprise(onB.admin);
    const ownerOnB = await userClient(onB, "ENTERPRISE", owner.id);
    const otherOnA = await userClient(onA, "ENTERPRISE", other.id);
    const adminSub = subscribe(socket(a.wsUrl, onA.admin.token), OnNeedPostedDocument, { industryChainCode: "NEW_ENERGY" });
    const otherSub = subscribe(socket(a.wsUrl, otherOnA.token), OnNeedPostedDocument, {});
    const bioSub = subscribe(socket(a.wsUrl, onA.admin.token), OnNeedPostedDocument, { industryChainCode: "BIO" });
    await settle(500);
    const secret = await postNeed(ownerOnB, owner.id, { title: "跨实例：机密储能需求", visibility: "CONFIDENTIAL" });
    const open = await postNeed(ownerOnB, owner.id, { title: "跨实例：公开储能需求" });
    const events = await adminSub.waitFor(2);
    expect(events.map((e) => e.needPosted.id)).toEqual([secret.id, open.id]);
    const [seen] = await otherSub.waitFor(1);
    expect(seen.needPosted.id).toBe(open.id);
    await settle(500);
    expect(otherSub.events).toHaveLength(1);
    expect(bioSub.events).toHaveLength(0);

    // A supplier created on A is matched against the need posted on B; the result is the same from both.
    const matchSub = subscribe(socket(b.wsUrl, onB.admin.token), OnMatchFoundDocument, { needId: open.id });
    await settle(500);
    const expert = await createExpert(onA.admin, { expertise: "长期从事储能电站电池热失控预警与液冷热管理系统研究，主持多项储能安全项目。" });
    const [match] = await matchSub.waitFor(1);
    expect(match.matchFound.need?.id).toBe(open.id);
    const query = `query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 30) { id rank score supplier { ... on Expert { id } } } } } }`;
    const fromA = await onA.admin.data<{ node: { matches: unknown[] } }>(query, { id: open.id });
    const fromB = await onB.admin.data<{ node: { matches: unknown[] } }>(query, { id: open.id });
    expect(fromA).toEqual(fromB);
    expect(JSON.stringify(fromA)).toContain(expert.id);
  }, 60_000);

  test("Redis going away and coming back: sockets stay open and delivery resumes", async () => {
    const onA = await hubOf(a);
    const onB = await hubOf(b);
    const enterprise = await createEnterprise(onB.admin);
    const sub = subscribe(socket(a.wsUrl, onA.admin.token), OnNeedPostedDocument, {});
    await settle(500);
    await redis.stop();
    // HTTP keeps serving while Redis is down.
    const during = await postNeed(onB.admin, enterprise.id, { title: "Redis 停机期间发布的需求" });
    expect(during.id).toBeTruthy();
    // …and so do sign-ins (the login limiter falls back to memory) and reads, on both instances.
    const signedIn = await hubOf(b);
    expect((await signedIn.admin.data(StatsDocument)).stats.needs).toBeGreaterThan(0);
    expect((await onA.admin.data(StatsDocument)).stats.needs).toBeGreaterThan(0);
    await redis.start();
    await settle(3000); // ioredis reconnects (retry every ≤ 2 s) and re-subscribes
    const after = await postNeed(onB.admin, enterprise.id, { title: "Redis 恢复后发布的需求" });
    // The event of the need posted during the outage may arrive too (ioredis queues the publish until it reconnects).
    const deadline = Date.now() + 10_000;
    while (!sub.events.some((e) => e.needPosted.id === after.id) && Date.now() < deadline) await settle(100);
    expect(sub.events.map((e) => e.needPosted.id)).toContain(after.id);
    expect(sub.errors).toEqual([]);
    expect(b.logs.join("")).toMatch(/redis connection (error|ready)/);
  }, 60_000);

  test("SIGTERM under load: every acknowledged mutation is stored, and the instance exits 0", async () => {
    const onA = await hubOf(a);
    const onB = await hubOf(b);
    const enterprise = await createEnterprise(onB.admin);
    const before = (await onA.admin.data(StatsDocument)).stats.needs;
    const acknowledged: string[] = [];
    let stopping = false;
    const load = Promise.all(
      [0, 1, 2, 3].map(async (worker) => {
        for (let i = 0; !stopping || i < 3; i++) {
          try {
            const need = await postNeed(onB.admin, enterprise.id, { title: `停机压力测试需求 ${worker}-${i}` });
            acknowledged.push(need.id);
          } catch {
            return; // refused once B stops accepting
          }
          if (i > 200) return;
        }
      }),
    );
    await settle(1500);
    stopping = true;
    const code = await stopServer(b);
    await load;
    expect(code).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    const after = (await onA.admin.data(StatsDocument)).stats.needs;
    expect(after - before).toBeGreaterThanOrEqual(acknowledged.length);
    const query = `query($id: ID!) { node(id: $id) { id } }`;
    for (const id of acknowledged) expect((await onA.admin.data<{ node: { id: string } | null }>(query, { id })).node?.id).toBe(id);
  }, 90_000);
});
