import { idOf } from "../../src/infra/relay/global-id";
import type { SupplierKind } from "../../src/generated/prisma/enums";
import { cachedScoringDocs, newScoringCache, scoringDocs, type ScoringVersioned } from "../../src/modules/match/supplier-scoring-docs";
import { createEnterprise, createExpert, createPlatform, createSociety, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

// The scoring profiles of shortlisted suppliers are cached per instance, keyed on a version that triggers bump on
// every table a profile is read from. A change made by another instance (here: plain SQL on the database, which no
// code of this process sees) must be served at once, and a rolled-back change must never be served.

let t: TestHub;
const prisma = () => t.hub.database.prisma;
let expertA: number;
let expertB: number;
let platform: number;
let society: number;
let needId: number;
// One cache through the whole file, as one hub keeps one.
const cache = newScoringCache();

beforeAll(async () => {
  t = await startTestHub();
  const enterprise = await createEnterprise(t.admin);
  const created = await createSociety(t.admin, { disciplines: ["储能", "电池安全"] });
  society = idOf("Society", created.id, "id")!;
  expertA = idOf("Expert", (await createExpert(t.admin, { societyIds: [created.id] })).id, "id")!;
  expertB = idOf("Expert", (await createExpert(t.admin, { keywords: ["液冷"], societyIds: [created.id], industryChainCodes: ["EQUIPMENT"] })).id, "id")!;
  platform = idOf("InnovationPlatform", (await createPlatform(t.admin)).id, "id")!;
  needId = idOf("TechNeed", (await postNeed(t.admin, enterprise.id)).id, "id")!;
}, 120_000);
afterAll(() => t?.stop());

/** The suppliers with their scoring versions as the candidate search reads them. */
async function versioned(client: Pick<ReturnType<typeof prisma>, "supplierScoringVersion"> = prisma()): Promise<ScoringVersioned[]> {
  const refs: Array<{ kind: SupplierKind; id: number }> = [
    { kind: "EXPERT", id: expertA },
    { kind: "EXPERT", id: expertB },
    { kind: "PLATFORM", id: platform },
    { kind: "SOCIETY", id: society },
  ];
  const rows = await client.supplierScoringVersion.findMany();
  const version = new Map(rows.map((r) => [`${r.supplierKind}:${r.supplierId}`, Number(r.version)]));
  return refs.map((ref) => ({ ...ref, scoringVersion: version.get(`${ref.kind}:${ref.id}`) ?? 0 }));
}

/** Profiles through the cache, and read afresh (no cache), as plain objects keyed alike. */
async function cachedAndFresh() {
  const refs = await versioned();
  const cached = await prisma().$transaction((tx) => cachedScoringDocs(tx, refs, cache));
  const read = await prisma().$transaction((tx) => scoringDocs(tx, { EXPERT: [expertA, expertB], PLATFORM: [platform], SOCIETY: [society] }));
  const fresh = new Map([...Object.entries(read)].flatMap(([kind, docs]) => [...docs].map(([id, doc]) => [`${kind}:${id}`, doc] as const)));
  return { cached: Object.fromEntries(cached), fresh: Object.fromEntries(fresh) };
}

// Each change is made by SQL alone; the profile it changes is first cached, so a stale cache would fail the test.
const CHANGES: Array<[string, () => Promise<unknown>]> = [
  ["an expert's capacity", () => prisma().$executeRaw`UPDATE "Expert" SET capacity = capacity + 2 WHERE id = ${expertA}`],
  ["an expert's keywords", () => prisma().$executeRaw`UPDATE "Expert" SET keywords = array_append(keywords, '电池簇') WHERE id = ${expertB}`],
  ["an expert's chains (and its society's)", () => prisma().$executeRaw`INSERT INTO "ExpertChain" ("expertId", "chainCode") VALUES (${expertA}, 'BIO')`],
  ["an expert's match engaged", () => prisma().$executeRaw`UPDATE "Match" SET status = 'CONTACTED' WHERE "needId" = ${needId} AND "supplierKind" = 'EXPERT' AND "supplierId" = ${expertA}`],
  ["an engaged match deleted", () => prisma().$executeRaw`DELETE FROM "Match" WHERE "needId" = ${needId} AND "supplierKind" = 'EXPERT' AND "supplierId" = ${expertA}`],
  [
    "a society's response with an expert",
    async () => {
      const [{ id }] = await prisma().$queryRaw<Array<{ id: number }>>`
        INSERT INTO "Response" ("needId", "societyId", proposal, "updatedAt") VALUES (${needId}, ${society}, '方案', now()) RETURNING id`;
      await prisma().$executeRaw`INSERT INTO "ResponseExpert" ("responseId", "expertId") VALUES (${id}, ${expertB})`;
    },
  ],
  ["a response accepted", () => prisma().$executeRaw`UPDATE "Response" SET status = 'ACCEPTED' WHERE "societyId" = ${society}`],
  ["a platform's region", () => prisma().$executeRaw`UPDATE "InnovationPlatform" SET "regionCode" = NULL WHERE id = ${platform}`],
  ["a platform's chains", () => prisma().$executeRaw`INSERT INTO "PlatformChain" ("platformId", "chainCode") VALUES (${platform}, 'BIO')`],
  ["a society's disciplines", () => prisma().$executeRaw`UPDATE "Society" SET disciplines = array_append(disciplines, '热管理') WHERE id = ${society}`],
  ["a member leaving a society", () => prisma().$executeRaw`DELETE FROM "SocietyMembership" WHERE "societyId" = ${society} AND "expertId" = ${expertB}`],
  ["an expert deactivated", () => prisma().$executeRaw`UPDATE "Expert" SET active = false WHERE id = ${expertA}`],
  // The decisions recorded on a supplier's matches (the outcome feature, supplier-outcomes.ts), for every kind.
  ["a platform's match rejected as out of scope", () => prisma().$executeRaw`UPDATE "Match" SET status = 'REJECTED', "statusReasonCode" = 'OUT_OF_SCOPE' WHERE "needId" = ${needId} AND "supplierKind" = 'PLATFORM' AND "supplierId" = ${platform}`],
  ["a society invited", () => prisma().$executeRaw`UPDATE "Match" SET status = 'CONTACTED' WHERE "needId" = ${needId} AND "supplierKind" = 'SOCIETY' AND "supplierId" = ${society}`],
  [
    "a society's invitation declined as out of scope",
    () => prisma().$executeRaw`
      INSERT INTO "Invitation" ("needId", "matchId", "supplierKind", "supplierId", status, "declineCode", "updatedAt")
      SELECT "needId", id, "supplierKind", "supplierId", 'DECLINED', 'OUT_OF_SCOPE', now() FROM "Match"
      WHERE "needId" = ${needId} AND "supplierKind" = 'SOCIETY' AND "supplierId" = ${society}`,
  ],
  ["the decline's reason changed", () => prisma().$executeRaw`UPDATE "Invitation" SET "declineCode" = 'NO_CAPACITY' WHERE "needId" = ${needId}`],
  ["the decided need moved to another chain", () => prisma().$executeRaw`UPDATE "TechNeed" SET "chainCode" = 'BIO' WHERE id = ${needId}`],
];

test.each(CHANGES)("a change made elsewhere is served at once: %s", async (_, change) => {
  const before = await cachedAndFresh();
  expect(before.cached).toEqual(before.fresh);
  await change();
  const after = await cachedAndFresh();
  expect(after.fresh).not.toEqual(before.fresh);
  expect(after.cached).toEqual(after.fresh);
});

test("what a rolled-back transaction cached is never served", async () => {
  const before = await cachedAndFresh();
  await expect(
    prisma().$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "Expert" SET capacity = capacity + 5 WHERE id = ${expertB}`;
      await tx.$executeRaw`UPDATE "InnovationPlatform" SET name = name || '（改）' WHERE id = ${platform}`;
      // The uncommitted versions, as this transaction's own candidate search would read them.
      const inside = await cachedScoringDocs(tx, await versioned(tx), cache);
      expect(inside.get(`EXPERT:${expertB}`)).toMatchObject({ capacity: (before.fresh[`EXPERT:${expertB}`] as { capacity: number }).capacity + 5 });
      throw new Error("roll back");
    }),
  ).rejects.toThrow("roll back");
  const after = await cachedAndFresh();
  expect(after.fresh).toEqual(before.fresh);
  expect(after.cached).toEqual(before.fresh);
  // The next committed change gets a version the rolled-back one never had (a counter would hand out the same one).
  await prisma().$executeRaw`UPDATE "Expert" SET keywords = array_append(keywords, '温差') WHERE id = ${expertB}`;
  const next = await cachedAndFresh();
  expect(next.cached).toEqual(next.fresh);
});

test("a new need's suggestions and a re-rank bump no supplier's version", async () => {
  const before = await prisma().supplierScoringVersion.findMany({ orderBy: [{ supplierKind: "asc" }, { supplierId: "asc" }] });
  const enterprise = await createEnterprise(t.admin);
  await postNeed(t.admin, enterprise.id);
  await prisma().$executeRaw`UPDATE "Match" SET rank = rank + 100 WHERE "needId" = ${needId}`;
  expect(await prisma().supplierScoringVersion.findMany({ orderBy: [{ supplierKind: "asc" }, { supplierId: "asc" }] })).toEqual(before);
});
