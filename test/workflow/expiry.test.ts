import type { Client } from "graphql-ws";
import { startHub, type Hub } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/infra/logger";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { OnNeedStatusChangedDocument } from "../generated/operations";
import { testDatabase, type TestDatabase } from "../support/database";
import { freshCreditCode } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { settle, subscribe, wsClient } from "../support/ws";
import { buildWorld, needIn, type World } from "./world";

// The expiry sweep: OPEN needs past their deadline become EXPIRED on their own, exactly once, also when several
// instances sweep the same database at the same moment.
let t: TestHub;
let w: World;
const sockets: Client[] = [];
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.stop();
});

const past = () => new Date(Date.now() - 60_000);
const future = () => new Date(Date.now() + 86_400_000);

/** Needs that must expire, and needs the sweep must leave alone. */
async function scenario(count: number) {
  const due = [];
  for (let i = 0; i < count; i++) due.push((await needIn(t, w, "OPEN", { deadline: past() })).id);
  const keep = [
    (await needIn(t, w, "OPEN", { deadline: future() })).id,
    (await needIn(t, w, "OPEN")).id, // no deadline
    (await needIn(t, w, "IN_DOCKING", { deadline: past() })).id, // docking is under way: not expired
    (await needIn(t, w, "DRAFT", { deadline: past() })).id,
  ];
  return { due, keep };
}

async function expectExpiredOnce(prisma: Hub["database"]["prisma"], due: number[], keep: number[]) {
  const rows = await prisma.techNeed.findMany({ where: { id: { in: [...due, ...keep] } } });
  const status = new Map(rows.map((r) => [r.id, r]));
  for (const id of due) {
    expect(status.get(id)).toMatchObject({ status: "EXPIRED", expiredAt: expect.any(Date) });
  }
  for (const id of keep) expect(status.get(id)?.status).not.toBe("EXPIRED");
  const history = await prisma.statusChange.groupBy({ by: ["needId"], where: { needId: { in: [...due, ...keep] }, toStatus: "EXPIRED" }, _count: true });
  expect(history.map((h) => [h.needId, h._count]).sort((a, b) => a[0] - b[0])).toEqual(due.map((id) => [id, 1]));
  const audits = await prisma.auditEvent.count({ where: { action: "need.expire", entityId: { in: [...due, ...keep] } } });
  expect(audits).toBe(due.length);
}

test("two sweeps at once in one hub expire each due need once, and leave the others", async () => {
  const { due, keep } = await scenario(12);
  const [a, b] = await Promise.all([t.hub.services.expiry.run(), t.hub.services.expiry.run()]);
  expect(a.filter((id) => b.includes(id))).toEqual([]); // nobody expired twice
  expect([...a, ...b].filter((id) => due.includes(id)).sort((x, y) => x - y)).toEqual(due);
  await expectExpiredOnce(t.hub.database.prisma, due, keep);
  expect(await t.hub.services.expiry.run()).toEqual([]); // nothing left
});

test("the owner hears of the expiry; an enterprise that may not see the need does not", async () => {
  const secret = await needIn(t, w, "OPEN", { deadline: past(), visibility: "CONFIDENTIAL" });
  const socket = (token: string | null) => {
    const client = wsClient(t.hub.wsUrl, token);
    sockets.push(client);
    return client;
  };
  const ownerSub = subscribe(socket(w.as.owner.token), OnNeedStatusChangedDocument, { needId: toGlobalId("TechNeed", secret.id) });
  const otherSub = subscribe(socket(w.as.otherEnterprise.token), OnNeedStatusChangedDocument, {});
  await settle(200);
  await t.hub.services.expiry.run();
  const [event] = await ownerSub.waitFor(1);
  expect(event.needStatusChanged).toEqual({ id: toGlobalId("TechNeed", secret.id), status: "EXPIRED" });
  await settle();
  expect(otherSub.events.filter((e) => e.needStatusChanged.id === toGlobalId("TechNeed", secret.id))).toEqual([]);
});

test("the hub sweeps on its own every HUB_SWEEP_SECONDS, and stops sweeping when stopped", async () => {
  const own = await startTestHub({ HUB_SWEEP_SECONDS: "1" });
  try {
    const ownWorld = await buildWorld(own);
    const need = await needIn(own, ownWorld, "OPEN", { deadline: new Date(Date.now() + 1500) });
    const deadline = Date.now() + 30_000;
    let status = "OPEN";
    while (status !== "EXPIRED" && Date.now() < deadline) {
      await settle(250);
      status = (await own.hub.database.prisma.techNeed.findUniqueOrThrow({ where: { id: need.id } })).status;
    }
    expect(status).toBe("EXPIRED");
  } finally {
    await own.stop();
  }
}, 120_000);

const withPostgres = process.env.DATABASE_URL ? describe : describe.skip;

withPostgres("with two hub instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  let hubs: Hub[] = [];
  const start = (url: string) =>
    startHub({
      config: loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, HUB_JWT_SECRET: "test-secret-test-secret-test-secret-0123456789", HUB_DEMO: "off", HUB_SWEEP_SECONDS: "0", HUB_REANALYSIS_SWEEP_SECONDS: "0" }),
      log: createLogger("silent"),
    });
  beforeAll(async () => {
    database = await testDatabase();
    hubs = [await start(database.databaseUrl!), await start(database.databaseUrl!)];
    // The needs below are written without profiles, which a re-analysis pass would lock (25 at a time) and read: a
    // sweep skips locked rows, so a pass still running (the second hub's, retried after the first's) would keep them.
    await Promise.all(hubs.map((h) => h.services.reanalysis.settled()));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(hubs.map((h) => h.stop()));
    await database?.drop();
  });

  test("sweeping together, they expire each need exactly once", async () => {
    const prisma = hubs[0].database.prisma;
    const enterprise = await prisma.enterprise.create({ data: { name: "两实例测试企业", creditCode: freshCreditCode(), regionCode: "411303" } });
    const need = (status: "OPEN" | "IN_DOCKING", deadline: Date | null) => ({
      enterpriseId: enterprise.id, title: "过期测试需求", description: "两个实例同时清理过期需求。", chainCode: "NEW_ENERGY", kind: "JOINT_RD" as const, status, deadline,
    });
    await prisma.techNeed.createMany({ data: Array.from({ length: 450 }, () => need("OPEN", past())) }); // several batches for each sweep
    await prisma.techNeed.createMany({ data: [need("OPEN", future()), need("OPEN", null), need("IN_DOCKING", past())] });
    const rows = await prisma.techNeed.findMany({ where: { enterpriseId: enterprise.id }, orderBy: { id: "asc" } });
    const due = rows.filter((r) => r.status === "OPEN" && r.deadline && r.deadline < new Date()).map((r) => r.id);
    const keep = rows.filter((r) => !due.includes(r.id)).map((r) => r.id);
    expect(due).toHaveLength(450);
    const runs = await Promise.all([hubs[0].services.expiry.run(), hubs[1].services.expiry.run(), hubs[0].services.expiry.run(), hubs[1].services.expiry.run()]);
    const all = runs.flat();
    expect(new Set(all).size).toBe(all.length); // no need was expired by two sweeps
    expect(all.sort((a, b) => a - b)).toEqual(due);
    await expectExpiredOnce(prisma, due, keep);
  }, 120_000);
});
