// Stored vectors record the reading of the matching engine that made them. The instances whose reading is the claimed
// one (the newest started with a reading of its own) re-read the rows of another: at start and in sweeps while they
// run (rows an older instance wrote during a rolling upgrade); the suppliers', then the open needs' profiles (their
// matches left alone). An instance whose reading is not the claimed one re-reads nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { analysisFingerprint } from "../../src/modules/matching/engine";
import { tryAdvisoryLock } from "../../src/infra/db/advisory-lock";
import { createLogger } from "../../src/infra/logger";
import { writeNeedProfile, writeSupplierProfiles } from "../../src/modules/match/match-index";
import { rebuildMatching } from "../../src/modules/match/matching-rebuild";
import { Reanalysis } from "../../src/modules/match/reanalysis";
import { claimedReading } from "../../src/modules/match/reading-claim";
import { activeSuppliers, reindexNeeds, reindexSuppliers } from "../../src/modules/match/reindex";
import { testDatabase, type TestDatabase } from "../support/database";
import { startTestHub, type TestHub } from "../support/hub";

const onPostgres = Boolean(process.env.DATABASE_URL);
const CURRENT = analysisFingerprint();
const OLDER = "v0-older-reading";
const NEWER = "v9-newer-reading";
const OLD_READING_TERM = "旧读法的词";
// Enough suppliers for several batches (200 each), so that a run can be cut short and two instances overlap.
const EXPERTS = onPostgres ? 1200 : 250;
// Hubs look for rows of another reading every second (HUB_REANALYSIS_SWEEP_SECONDS); others only at start.
const SWEEPING = { HUB_REANALYSIS_SWEEP_SECONDS: "1" };
const AT_START_ONLY = { HUB_REANALYSIS_SWEEP_SECONDS: "0" };

let database: TestDatabase;
let hub: TestHub | null = null;
let tampered: number;
let rightTerms: Record<string, number>;
let freshClaim: string | null;
// An open need and a closed one, posted before the suppliers were matched (rebuildMatching matches both).
let openNeed: number;
let closedNeed: number;
let rightNeedTerms: Record<string, number>;

/** A database the test keeps across restarts: a PGlite folder on disk, or a PostgreSQL database of its own. */
async function ownDatabase(): Promise<TestDatabase> {
  if (onPostgres) return testDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-reanalysis-"));
  return { databaseUrl: null, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

const restart = async (reading?: string, env: Record<string, string> = AT_START_ONLY) => {
  await hub?.stop();
  hub = await startTestHub(env, { database, reading });
  return hub;
};
const prisma = () => hub!.hub.database.prisma;
const readyz = async (t: TestHub = hub!) => (await fetch(t.hub.url.replace(/\/graphql$/, "/readyz"))).json();

/** Each supplier profile's version (bumped by every write of it). */
async function versions(): Promise<Map<string, number>> {
  const rows = await prisma().supplierProfile.findMany({ select: { supplierKind: true, supplierId: true, version: true } });
  return new Map(rows.map((r) => [`${r.supplierKind}:${r.supplierId}`, r.version]));
}

/** The suppliers whose version moved by exactly `by` since `before`. */
async function movedBy(before: Map<string, number>, by: number): Promise<string[]> {
  return [...(await versions())].filter(([key, version]) => version === before.get(key)! + by).map(([key]) => key);
}

/** How many supplier profiles each reading made. */
async function supplierReadings(): Promise<Record<string, number>> {
  const rows = await prisma().supplierProfile.groupBy({ by: ["reading"], _count: true });
  return Object.fromEntries(rows.map((r) => [r.reading ?? "null", r._count]));
}

/** One expert's vector as an older reading wrote it (a term today's reading does not make), marked with that reading. */
async function makeStale(reading = OLDER): Promise<void> {
  const ref = { kind: "EXPERT" as const, id: tampered };
  await prisma().$transaction((tx) => writeSupplierProfiles(tx, [{ ref, vector: { terms: { [OLD_READING_TERM]: 3 }, length: 3 } }], reading));
}

/** Every supplier's vector marked as made by an older reading (as after an upgrade that changed the reading). */
async function makeAllStale(): Promise<void> {
  await prisma().$executeRaw`UPDATE "SupplierProfile" SET reading = ${OLDER}`;
}

/** A need's profile as an older reading wrote it. */
async function makeNeedStale(needId: number): Promise<void> {
  await prisma().$transaction((tx) => writeNeedProfile(tx, { needId, vector: { terms: { [OLD_READING_TERM]: 2 }, length: 2 }, reading: OLDER }));
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !(await check()); ) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tamperedProfile = () => prisma().supplierProfile.findUniqueOrThrow({ where: { supplierKind_supplierId: { supplierKind: "EXPERT", supplierId: tampered } } });

beforeAll(async () => {
  database = await ownDatabase();
  await restart();
  freshClaim = await claimedReading(prisma());
  await prisma().expert.createMany({
    data: Array.from({ length: EXPERTS }, (_, i) => ({
      name: `专家${i}`,
      expertise: i % 2 ? `从事锂离子电池热管理与热失控防护研究${i}。` : `从事小麦抗病育种与高产栽培技术研究${i}。`,
      keywords: i % 2 ? ["热管理", "储能"] : ["小麦育种"],
    })),
  });
  const regionCode = (await prisma().region.findFirstOrThrow({ orderBy: { code: "asc" } })).code;
  const enterprise = await prisma().enterprise.create({ data: { name: "重读企业", creditCode: "91411300MA4REREAD0X", regionCode } });
  const need = (title: string, status: "OPEN" | "CLOSED") =>
    prisma().techNeed.create({
      data: { enterpriseId: enterprise.id, title, description: `${title}：需要锂离子电池热管理与热失控防护方案。`, chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", status, visibility: "PUBLIC" },
    });
  openNeed = (await need("储能电池热失控预警", "OPEN")).id;
  closedNeed = (await need("储能电池液冷改造", "CLOSED")).id;
  await rebuildMatching(prisma(), hub!.hub.services.matching);
  rightNeedTerms = (await prisma().needProfile.findUniqueOrThrow({ where: { needId: openNeed } })).terms as Record<string, number>;
  const profile = await prisma().supplierProfile.findFirstOrThrow({ where: { supplierKind: "EXPERT" }, orderBy: { supplierId: "asc" } });
  tampered = profile.supplierId;
  rightTerms = profile.terms as Record<string, number>;
}, 180_000);
afterAll(async () => {
  await hub?.stop();
  await database?.drop();
});

test("a hub started over an empty database claims its reading", () => {
  expect(freshClaim).toBe(CURRENT);
});

test("a full rebuild marks every profile it wrote with the engine's reading", async () => {
  expect(await supplierReadings()).toEqual({ [CURRENT]: EXPERTS });
  const needs = await prisma().needProfile.findMany({ where: { needId: { in: [openNeed, closedNeed] } }, select: { reading: true } });
  expect(needs).toEqual([{ reading: CURRENT }, { reading: CURRENT }]);
  expect(Object.keys(rightNeedTerms).length).toBeGreaterThan(3);
});

const matchesOf = (needId: number) => prisma().match.findMany({ where: { needId }, orderBy: { id: "asc" }, select: { id: true, supplierKind: true, supplierId: true, score: true, rank: true, status: true } });

test("a hub started over need profiles of an older reading reads each open one afresh and leaves its matches", async () => {
  await makeNeedStale(openNeed);
  await makeNeedStale(closedNeed);
  const matches = await matchesOf(openNeed);
  expect(matches.length).toBeGreaterThan(0);
  const suppliers = await versions();
  await restart();
  const profile = await prisma().needProfile.findUniqueOrThrow({ where: { needId: openNeed } });
  expect(profile.terms).toEqual(rightNeedTerms);
  expect(profile.reading).toBe(CURRENT);
  // The inverted terms follow: a new supplier finds the need by today's words, not the old reading's.
  expect(await prisma().needTerm.count({ where: { needId: openNeed, term: OLD_READING_TERM } })).toBe(0);
  expect(await matchesOf(openNeed)).toEqual(matches);
  // A closed need is offered to no supplier: its profile is not read again.
  expect(await prisma().needProfile.findUniqueOrThrow({ where: { needId: closedNeed } })).toMatchObject({ terms: { [OLD_READING_TERM]: 2 }, reading: OLDER });
  // The suppliers' vectors were all of this reading: none of them was rewritten.
  expect(await versions()).toEqual(suppliers);
  expect((await readyz()).needVectors).toEqual({ state: "current" });
});

test("a hub started over a supplier vector of an older reading re-reads that one only", async () => {
  await makeStale();
  const before = await versions();
  await restart();
  expect(await tamperedProfile()).toMatchObject({ terms: rightTerms, reading: CURRENT, version: before.get(`EXPERT:${tampered}`)! + 1 });
  // The inverted index and the statistics its triggers keep follow the profile.
  expect(await prisma().supplierTerm.count({ where: { term: OLD_READING_TERM } })).toBe(0);
  expect(await prisma().supplierTermStat.findUnique({ where: { term: OLD_READING_TERM } })).toBeNull();
  expect(await movedBy(before, 0)).toHaveLength(EXPERTS - 1);
  expect((await readyz()).supplierVectors).toEqual({ state: "current" });
});

test("a hub started over vectors of the current reading rewrites no supplier", async () => {
  const before = await versions();
  await restart();
  expect(await versions()).toEqual(before);
});

test("a re-analysis cut short goes on, on the next start, with only the rows it had not re-read", async () => {
  await makeAllStale();
  const before = await versions();
  // A run of this instance's reading, stopped once its first batch is done (the pause after it leaves the time to).
  const run = new Reanalysis(prisma(), hub!.hub.services.matching, createLogger("silent"), { sweepSeconds: 0 });
  run.start((key, work) => tryAdvisoryLock(hub!.hub.database, key, work));
  await until(async () => run.current().supplierVectors.state === "running" && (run.current().supplierVectors as { done: number }).done > 0);
  await run.stop();
  const first = await movedBy(before, 1);
  expect(first.length).toBeGreaterThan(0);
  expect(first.length).toBeLessThan(EXPERTS);
  const between = await versions();
  await restart();
  const second = await movedBy(between, 1);
  expect(second).toHaveLength(EXPERTS - first.length);
  expect(second.filter((key) => first.includes(key))).toEqual([]);
  expect(await supplierReadings()).toEqual({ [CURRENT]: EXPERTS });
}, 60_000);

test("while it runs, the claimed reading's instance re-reads a row written with another reading (an older instance's)", async () => {
  await restart(undefined, SWEEPING);
  await makeStale();
  await until(async () => (await tamperedProfile()).reading === CURRENT);
  expect((await tamperedProfile()).terms).toEqual(rightTerms);
  expect(await readyz()).toMatchObject({ supplierVectors: { state: "current" }, needVectors: { state: "current" } });
});

test("an instance whose reading is no longer the claimed one re-reads nothing and says so, until its reading is claimed again", async () => {
  await restart(undefined, SWEEPING);
  // A newer instance started (its claim, as it makes it); this one is still serving, and writes rows of its reading.
  await prisma().setting.update({ where: { key: "analysis-reading" }, data: { value: NEWER } });
  await until(async () => (await readyz()).supplierVectors.state === "superseded");
  expect((await readyz()).needVectors).toEqual({ state: "superseded" });
  await makeStale();
  const before = await versions();
  await new Promise((r) => setTimeout(r, 2_500)); // two sweeps' time
  expect(await versions()).toEqual(before);
  expect((await tamperedProfile()).reading).toBe(OLDER);
  // An instance of this reading started again (a rollback): the sweep re-reads what is left.
  await prisma().setting.update({ where: { key: "analysis-reading" }, data: { value: CURRENT } });
  await until(async () => (await tamperedProfile()).reading === CURRENT);
  expect((await readyz()).supplierVectors).toEqual({ state: "current" });
});

test("the newest start wins: a hub of another reading claims it and re-reads every row; a hub of this one started after claims it back", async () => {
  const before = await versions();
  await restart(NEWER);
  expect(await claimedReading(prisma())).toBe(NEWER);
  expect(await supplierReadings()).toEqual({ [NEWER]: EXPERTS });
  expect(await movedBy(before, 1)).toHaveLength(EXPERTS);
  expect((await prisma().needProfile.findUniqueOrThrow({ where: { needId: openNeed } })).reading).toBe(NEWER);
  await restart();
  expect(await claimedReading(prisma())).toBe(CURRENT);
  expect(await supplierReadings()).toEqual({ [CURRENT]: EXPERTS });
  expect(await movedBy(before, 2)).toHaveLength(EXPERTS);
  expect((await prisma().needProfile.findUniqueOrThrow({ where: { needId: openNeed } })).reading).toBe(CURRENT);
}, 120_000);

(onPostgres ? test : test.skip)("two instances of two readings on one database: the newest started re-reads, the other re-reads nothing and says so", async () => {
  const a = await restart(undefined, SWEEPING);
  const b = await startTestHub(SWEEPING, { database, reading: NEWER });
  try {
    expect(await supplierReadings()).toEqual({ [NEWER]: EXPERTS });
    await until(async () => (await readyz(a)).supplierVectors.state === "superseded");
    expect((await readyz(b)).supplierVectors).toEqual({ state: "current" });
    // The older instance serves an edit (a vector of its reading): the newer one's sweep re-reads it; the older one never
    // re-reads the newer one's rows (no flip-flop).
    await makeStale(CURRENT);
    const before = await versions();
    await until(async () => (await tamperedProfile()).reading === NEWER);
    await new Promise((r) => setTimeout(r, 2_500)); // two sweeps' time of both
    expect(await movedBy(before, 0)).toHaveLength(EXPERTS - 1);
    expect(await supplierReadings()).toEqual({ [NEWER]: EXPERTS });
    // The older version started again (a rollback): its reading is claimed, and the other instance stands down.
    await restart(undefined, SWEEPING);
    expect(await supplierReadings()).toEqual({ [CURRENT]: EXPERTS });
    await until(async () => (await readyz(b)).supplierVectors.state === "superseded");
  } finally {
    await b.stop();
  }
}, 120_000);

(onPostgres ? test : test.skip)("two instances starting together over vectors of an older reading re-read them once", async () => {
  await makeAllStale();
  const before = await versions();
  await hub!.stop();
  hub = null;
  const both = await Promise.all([startTestHub(AT_START_ONLY, { database }), startTestHub(AT_START_ONLY, { database })]);
  hub = both[0];
  try {
    const after = await versions();
    const notOnce = [...after].filter(([key, version]) => version !== before.get(key)! + 1);
    expect({ suppliers: after.size, notOnce: notOnce.length, first: notOnce.slice(0, 3) }).toEqual({ suppliers: EXPERTS, notOnce: 0, first: [] });
    expect(await supplierReadings()).toEqual({ [CURRENT]: EXPERTS });
  } finally {
    await both[1].stop();
  }
}, 120_000);

(onPostgres ? test : test.skip)("a re-analysis leaves a profile an edit is writing to that edit, without waiting for it", async () => {
  await makeStale();
  // An edit in the middle of writing the expert's profile: the row is locked, the index's lock (taken at the end of the
  // statement) not yet. It commits with the vector of the new text.
  const edit = new Client({ connectionString: database.databaseUrl! });
  await edit.connect();
  await edit.query("BEGIN");
  await edit.query(`SELECT 1 FROM "SupplierProfile" WHERE "supplierKind" = 'EXPERT' AND "supplierId" = $1 FOR UPDATE`, [tampered]);
  try {
    const before = await versions();
    await reindexSuppliers(prisma(), hub!.hub.services.matching, await activeSuppliers(prisma()));
    const rewritten = await movedBy(before, 1);
    expect(rewritten).toHaveLength(EXPERTS - 1);
    expect(rewritten).not.toContain(`EXPERT:${tampered}`);
  } finally {
    await edit.query("ROLLBACK");
    await edit.end();
  }
}, 60_000);

(onPostgres ? test : test.skip)("a re-analysis of the needs leaves a need an edit is changing to that edit, without waiting for it", async () => {
  const other = (await prisma().techNeed.create({ data: { enterpriseId: (await prisma().techNeed.findUniqueOrThrow({ where: { id: openNeed } })).enterpriseId, title: "电池包热失控", description: "需要储能电池热管理方案。", chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", status: "OPEN", visibility: "PUBLIC" } })).id;
  await makeNeedStale(openNeed);
  await makeNeedStale(other);
  // An edit of the need in progress: its row is updated (locked); it writes the profile of the new text before it commits.
  const edit = new Client({ connectionString: database.databaseUrl! });
  await edit.connect();
  await edit.query("BEGIN");
  await edit.query(`UPDATE "TechNeed" SET title = title WHERE id = $1`, [openNeed]);
  try {
    await reindexNeeds(prisma(), hub!.hub.services.matching, [openNeed, other]);
    expect((await prisma().needProfile.findUniqueOrThrow({ where: { needId: openNeed } })).terms).toEqual({ [OLD_READING_TERM]: 2 });
    expect((await prisma().needProfile.findUniqueOrThrow({ where: { needId: other } })).terms).not.toHaveProperty(OLD_READING_TERM);
  } finally {
    await edit.query("ROLLBACK");
    await edit.end();
  }
}, 60_000);
