// Stored vectors made by an older reading of the matching engine are re-analysed when a hub starts: the suppliers',
// then the open needs' profiles (their matches left alone); once, by one instance, with the engine's fingerprint
// written beside each half of the index; a current fingerprint costs no write.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { analysisFingerprint } from "../../src/modules/matching/engine";
import { writeNeedProfile, writeSupplierProfiles } from "../../src/modules/match/match-index";
import { rebuildMatching } from "../../src/modules/match/matching-rebuild";
import { activeSuppliers, reindexNeeds, reindexSuppliers } from "../../src/modules/match/reindex";
import { testDatabase, type TestDatabase } from "../support/database";
import { startTestHub, type TestHub } from "../support/hub";

const onPostgres = Boolean(process.env.DATABASE_URL);
const FINGERPRINT_KEY = "supplier-analysis-fingerprint";
const NEED_FINGERPRINT_KEY = "need-analysis-fingerprint";
const OLD_READING_TERM = "旧读法的词";
// Enough suppliers for several batches, so that two instances starting together overlap.
const EXPERTS = onPostgres ? 1200 : 60;

let database: TestDatabase;
let hub: TestHub | null = null;
let tampered: number;
let rightTerms: Record<string, number>;
let freshFingerprint: string | undefined;
let needFingerprintAfterRebuild: string | undefined;
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

const restart = async () => {
  await hub?.stop();
  hub = await startTestHub({}, { database });
  return hub;
};
const prisma = () => hub!.hub.database.prisma;

/** Each supplier profile's version (bumped by every write of it). */
async function versions(): Promise<Map<string, number>> {
  const rows = await prisma().supplierProfile.findMany({ select: { supplierKind: true, supplierId: true, version: true } });
  return new Map(rows.map((r) => [`${r.supplierKind}:${r.supplierId}`, r.version]));
}

/** One expert's vector as an older reading wrote it (a term today's reading does not make), under an older fingerprint. */
async function makeStale(): Promise<void> {
  const ref = { kind: "EXPERT" as const, id: tampered };
  await prisma().$transaction((tx) => writeSupplierProfiles(tx, [{ ref, vector: { terms: { [OLD_READING_TERM]: 3 }, length: 3 } }]));
  await prisma().setting.update({ where: { key: FINGERPRINT_KEY }, data: { value: "v0-older-reading" } });
}

beforeAll(async () => {
  database = await ownDatabase();
  await restart();
  freshFingerprint = (await prisma().setting.findUnique({ where: { key: FINGERPRINT_KEY } }))?.value;
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
  await prisma().setting.delete({ where: { key: NEED_FINGERPRINT_KEY } });
  await rebuildMatching(prisma(), hub!.hub.services.matching);
  needFingerprintAfterRebuild = (await prisma().setting.findUnique({ where: { key: NEED_FINGERPRINT_KEY } }))?.value;
  rightNeedTerms = (await prisma().needProfile.findUniqueOrThrow({ where: { needId: openNeed } })).terms as Record<string, number>;
  const profile = await prisma().supplierProfile.findFirstOrThrow({ where: { supplierKind: "EXPERT" }, orderBy: { supplierId: "asc" } });
  tampered = profile.supplierId;
  rightTerms = profile.terms as Record<string, number>;
}, 180_000);
afterAll(async () => {
  await hub?.stop();
  await database?.drop();
});

test("a hub started over an empty database records the engine's fingerprint", () => {
  expect(freshFingerprint).toBe(analysisFingerprint());
});

test("a full rebuild records the fingerprint of the needs' profiles it wrote", () => {
  expect(needFingerprintAfterRebuild).toBe(analysisFingerprint());
  expect(Object.keys(rightNeedTerms).length).toBeGreaterThan(3);
});

/** A need's profile as an older reading wrote it, under an older fingerprint. */
async function makeNeedStale(needId: number): Promise<void> {
  await prisma().$transaction((tx) => writeNeedProfile(tx, needId, { terms: { [OLD_READING_TERM]: 2 }, length: 2 }));
  await prisma().setting.update({ where: { key: NEED_FINGERPRINT_KEY }, data: { value: "v0-older-reading" } });
}

const matchesOf = (needId: number) => prisma().match.findMany({ where: { needId }, orderBy: { id: "asc" }, select: { id: true, supplierKind: true, supplierId: true, score: true, rank: true, status: true } });

test("a hub started over need profiles of an older reading reads every open need's profile afresh and leaves its matches", async () => {
  await makeNeedStale(openNeed);
  await makeNeedStale(closedNeed);
  const matches = await matchesOf(openNeed);
  expect(matches.length).toBeGreaterThan(0);
  const suppliers = await versions();
  await restart();
  expect((await prisma().needProfile.findUniqueOrThrow({ where: { needId: openNeed } })).terms).toEqual(rightNeedTerms);
  // The inverted terms follow: a new supplier finds the need by today's words, not the old reading's.
  expect(await prisma().needTerm.count({ where: { needId: openNeed, term: OLD_READING_TERM } })).toBe(0);
  expect(await matchesOf(openNeed)).toEqual(matches);
  // A closed need is offered to no supplier: its profile is not read again.
  expect((await prisma().needProfile.findUniqueOrThrow({ where: { needId: closedNeed } })).terms).toEqual({ [OLD_READING_TERM]: 2 });
  // The suppliers' fingerprint was current: none of them was rewritten.
  expect(await versions()).toEqual(suppliers);
  expect((await prisma().setting.findUniqueOrThrow({ where: { key: NEED_FINGERPRINT_KEY } })).value).toBe(analysisFingerprint());
  const ready = await fetch(hub!.hub.url.replace(/\/graphql$/, "/readyz"));
  expect((await ready.json()).needVectors).toEqual({ state: "current" });
});

test("a hub started over vectors of an older reading re-analyses every supplier and records the engine's fingerprint", async () => {
  await makeStale();
  const before = await versions();
  await restart();
  const profile = await prisma().supplierProfile.findUniqueOrThrow({ where: { supplierKind_supplierId: { supplierKind: "EXPERT", supplierId: tampered } } });
  expect(profile.terms).toEqual(rightTerms);
  // The inverted index and the statistics its triggers keep follow the profile.
  expect(await prisma().supplierTerm.count({ where: { term: OLD_READING_TERM } })).toBe(0);
  expect(await prisma().supplierTermStat.findUnique({ where: { term: OLD_READING_TERM } })).toBeNull();
  const after = await versions();
  expect(after.size).toBe(EXPERTS);
  for (const [key, version] of after) expect(version).toBe(before.get(key)! + 1);
  expect((await prisma().setting.findUniqueOrThrow({ where: { key: FINGERPRINT_KEY } })).value).toBe(analysisFingerprint());
  const ready = await fetch(hub!.hub.url.replace(/\/graphql$/, "/readyz"));
  expect((await ready.json()).supplierVectors).toEqual({ state: "current" });
});

test("a hub started over vectors of the current reading rewrites no supplier", async () => {
  const before = await versions();
  await restart();
  expect(await versions()).toEqual(before);
});

(onPostgres ? test : test.skip)("two instances starting together over vectors of an older reading re-analyse them once", async () => {
  await makeStale();
  const before = await versions();
  await hub!.stop();
  hub = null;
  const both = await Promise.all([startTestHub({}, { database }), startTestHub({}, { database })]);
  hub = both[0];
  try {
    const after = await versions();
    const notOnce = [...after].filter(([key, version]) => version !== before.get(key)! + 1);
    expect({ suppliers: after.size, notOnce: notOnce.length, first: notOnce.slice(0, 3) }).toEqual({ suppliers: EXPERTS, notOnce: 0, first: [] });
    expect((await prisma().setting.findUniqueOrThrow({ where: { key: FINGERPRINT_KEY } })).value).toBe(analysisFingerprint());
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
    const after = await versions();
    const rewritten = [...after].filter(([key, version]) => version === before.get(key)! + 1).map(([key]) => key);
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
