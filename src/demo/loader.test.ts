// Loads the small demo (a tenth) into an in-memory PGlite migrated with the project's migrations, then checks
// the database against the generated data. DEMO_LOAD_FRACTION=1 (or DEMO_LOAD_SCALE=N) measures a larger load.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite"; // its CommonJS build; jest needs --experimental-vm-modules for it
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { isValidCreditCode } from "../modules/enterprise/credit-code";
import { generateDemo, readDemoReference } from "./generator";
import { countDemo, DEMO_PASSWORD, loadDemo, totalRows, type DemoCounts } from "./loader";
import type { DemoData } from "./types";

const ROOT = path.join(__dirname, "..", "..");
const FRACTION = Number(process.env.DEMO_LOAD_FRACTION ?? 0.1);
const SCALE = Number(process.env.DEMO_LOAD_SCALE ?? 1);

let pg: PGlite;
let prisma: PrismaClient;
let demo: DemoData;
let loaded: DemoCounts;
const progress: Array<{ done: number; total: number; phase: string }> = [];
const hashed: string[] = [];

beforeAll(async () => {
  pg = new PGlite();
  const migrations = path.join(ROOT, "prisma", "migrations");
  for (const dir of fs.readdirSync(migrations).filter((d) => fs.existsSync(path.join(migrations, d, "migration.sql"))).sort()) {
    await pg.exec(fs.readFileSync(path.join(migrations, dir, "migration.sql"), "utf8"));
  }
  prisma = new PrismaClient({ adapter: new PrismaPGlite(pg) });
  const reference = readDemoReference();
  await prisma.region.createMany({ data: reference.regions.map((r, i) => ({ ...r, isSpecial: !/^\d{6}$/.test(r.code), sortOrder: i })) });
  await prisma.industryChain.createMany({ data: reference.chains.map((c, i) => ({ code: c.code, name: c.name, sortOrder: i })) });

  let started = Date.now();
  demo = generateDemo({ fraction: FRACTION, scale: SCALE, now: new Date("2026-11-27T08:00:00Z"), reference });
  const generateMs = Date.now() - started;
  started = Date.now();
  loaded = await loadDemo(prisma, demo, {
    hashPassword: async (plain) => {
      hashed.push(plain);
      return `test-hash:${plain}`;
    },
    onProgress: (done, total, phase) => progress.push({ done, total, phase }),
    batchSize: process.env.DEMO_LOAD_BATCH ? Number(process.env.DEMO_LOAD_BATCH) : undefined,
  });
  const loadMs = Date.now() - started;
  const rows = totalRows(loaded);
  console.log(
    `demo scale ${SCALE} fraction ${FRACTION}: generated in ${generateMs} ms; loaded ${rows} rows in ${loadMs} ms ` +
      `(${Math.round(rows / (loadMs / 1000))} rows/s) into in-memory PGlite\n${JSON.stringify(loaded)}`,
  );
}, 600_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pg?.close();
});

it("inserts exactly the generated rows, table by table", async () => {
  expect(loaded).toEqual(countDemo(demo));
  const inDb: DemoCounts = {
    societies: await prisma.society.count(),
    enterprises: await prisma.enterprise.count(),
    enterpriseChains: await prisma.enterpriseChain.count(),
    platforms: await prisma.innovationPlatform.count(),
    platformChains: await prisma.platformChain.count(),
    universities: await prisma.university.count(),
    experts: await prisma.expert.count(),
    expertChains: await prisma.expertChain.count(),
    societyMemberships: await prisma.societyMembership.count(),
    needs: await prisma.techNeed.count(),
    responses: await prisma.response.count(),
    responseExperts: await prisma.responseExpert.count(),
    serviceRecords: await prisma.serviceRecord.count(),
    users: await prisma.user.count(),
  };
  expect(inDb).toEqual(loaded);
  expect(await prisma.match.count()).toBe(0); // the matching engine's job
});

it("maps every local index to the right row (needs → enterprises, responses → needs, societies, experts)", async () => {
  const pairs = (list: string[]) => list.sort().join("\n");
  const needs = await prisma.techNeed.findMany({ select: { description: true, enterprise: { select: { creditCode: true } } } });
  expect(pairs(needs.map((n) => `${n.description}|${n.enterprise.creditCode}`))).toBe(
    pairs(demo.needs.map((n) => `${n.description}|${demo.enterprises[n.enterpriseIdx]!.creditCode}`)),
  );

  const responses = await prisma.response.findMany({
    select: { proposal: true, need: { select: { description: true } }, society: { select: { name: true } }, experts: { select: { expert: { select: { email: true } } } } },
  });
  const line = (proposal: string, need: string, society: string, experts: string[]) => `${proposal}|${need}|${society}|${experts.sort().join(",")}`;
  expect(pairs(responses.map((r) => line(r.proposal, r.need.description, r.society.name, r.experts.map((e) => e.expert.email ?? ""))))).toBe(
    pairs(demo.responses.map((r) => line(r.proposal, demo.needs[r.needIdx]!.description, demo.societies[r.societyIdx]!.name, r.expertIdx.map((e) => demo.experts[e]!.email)))),
  );

  const memberships = await prisma.societyMembership.findMany({ select: { society: { select: { name: true } }, expert: { select: { email: true } } } });
  expect(pairs(memberships.map((m) => `${m.expert.email}|${m.society.name}`))).toBe(
    pairs(demo.experts.flatMap((e) => e.societyIdx.map((s) => `${e.email}|${demo.societies[s]!.name}`))),
  );

  const employed = await prisma.expert.findMany({ where: { employerId: { not: null } }, select: { email: true, employer: { select: { creditCode: true } } } });
  expect(employed.length).toBeGreaterThan(0);
  expect(pairs(employed.map((e) => `${e.email}|${e.employer!.creditCode}`))).toBe(
    pairs(demo.experts.filter((e) => e.employerIdx !== null).map((e) => `${e.email}|${demo.enterprises[e.employerIdx!]!.creditCode}`)),
  );

  const users = await prisma.user.findMany({
    select: { email: true, role: true, enterprise: { select: { creditCode: true } }, society: { select: { name: true } }, expert: { select: { email: true } } },
  });
  expect(pairs(users.map((u) => `${u.email}|${u.role}|${u.enterprise?.creditCode ?? ""}|${u.society?.name ?? ""}|${u.expert?.email ?? ""}`))).toBe(
    pairs(demo.users.map((u) => [u.email, u.role,
      u.enterpriseIdx === null ? "" : demo.enterprises[u.enterpriseIdx]!.creditCode,
      u.societyIdx === null ? "" : demo.societies[u.societyIdx]!.name,
      u.expertIdx === null ? "" : demo.experts[u.expertIdx]!.email].join("|"))),
  );
});

it("round-trips every column: dates in UTC, enums, arrays, nulls", async () => {
  const { chainCodes, societyIdx, employerIdx, ...expert } = demo.experts[demo.experts.length - 1]!;
  const expertRow = await prisma.expert.findFirstOrThrow({
    where: { email: expert.email },
    include: { chains: { select: { chainCode: true } }, memberships: { select: { society: { select: { name: true } } } } },
  });
  expect(expertRow).toMatchObject(expert);
  expect(expertRow.employerId === null).toBe(employerIdx === null);
  expect(expertRow.chains.map((c) => c.chainCode).sort()).toEqual([...chainCodes].sort());
  expect(expertRow.memberships.map((m) => m.society.name).sort()).toEqual(societyIdx.map((i) => demo.societies[i]!.name).sort());

  for (const { enterpriseIdx, ...need } of [demo.needs[0]!, ...demo.needs.filter((n) => n.status === "RESOLVED").slice(0, 3)]) {
    const row = await prisma.techNeed.findFirstOrThrow({ where: { description: need.description }, include: { enterprise: true } });
    expect(row).toMatchObject(need);
    expect(row.enterprise.creditCode).toBe(demo.enterprises[enterpriseIdx]!.creditCode);
  }
  const { chainCodes: enterpriseChains, ...enterprise } = demo.enterprises.find((e) => e.designations.length > 1 && e.kczgSince)!;
  expect(await prisma.enterprise.findUniqueOrThrow({ where: { creditCode: enterprise.creditCode } })).toMatchObject(enterprise);
  const { focusChains, ...society } = demo.societies[0]!;
  expect(await prisma.society.findUniqueOrThrow({ where: { name: society.name } })).toMatchObject(society);
  const { chainCodes: platformChains, ...platform } = demo.platforms[0]!;
  expect(await prisma.innovationPlatform.findFirstOrThrow({ where: { name: platform.name } })).toMatchObject(platform);
  expect(enterpriseChains.length + platformChains.length + focusChains.length).toBeGreaterThan(0);
});

it("keeps every foreign key and join row pointing at existing rows", async () => {
  // The database enforces the constraints; this also shows the mapped ids landed inside the tables' ranges.
  const orphans = await pg.query<{ n: number }>(`
    SELECT (SELECT count(*) FROM "TechNeed" n LEFT JOIN "Enterprise" e ON e.id = n."enterpriseId" WHERE e.id IS NULL)
         + (SELECT count(*) FROM "ResponseExpert" re LEFT JOIN "Expert" x ON x.id = re."expertId" WHERE x.id IS NULL)
         + (SELECT count(*) FROM "ServiceRecord" s LEFT JOIN "TechNeed" n ON n.id = s."needId" WHERE s."needId" IS NOT NULL AND n.id IS NULL)
         + (SELECT count(*) FROM "User" u WHERE u.role = 'SOCIETY' AND u."societyId" IS NULL)
         + (SELECT count(*) FROM "User" u WHERE u.role = 'ENTERPRISE' AND u."enterpriseId" IS NULL) AS n`);
  expect(Number(orphans.rows[0]!.n)).toBe(0);
  const serviceNeedsOfOtherEnterprises = await pg.query<{ n: number }>(`
    SELECT count(*) AS n FROM "ServiceRecord" s JOIN "TechNeed" n ON n.id = s."needId" WHERE n."enterpriseId" <> s."enterpriseId"`);
  expect(Number(serviceNeedsOfOtherEnterprises.rows[0]!.n)).toBe(0);
});

it("stores valid, unique credit codes", async () => {
  const codes = (await prisma.enterprise.findMany({ select: { creditCode: true } })).map((e) => e.creditCode);
  expect(codes.filter((c) => !isValidCreditCode(c))).toEqual([]);
  expect(new Set(codes).size).toBe(codes.length);
});

it("hashes the documented demo password once and gives it to every user", async () => {
  expect(hashed).toEqual([DEMO_PASSWORD]);
  const hashes = await prisma.user.groupBy({ by: ["passwordHash"], _count: true });
  expect(hashes).toEqual([{ passwordHash: `test-hash:${DEMO_PASSWORD}`, _count: demo.users.length }]);
});

it("reports progress up to the total, phase by phase", () => {
  const total = totalRows(loaded);
  expect(progress.every((p) => p.total === total)).toBe(true);
  expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  expect(progress[progress.length - 1]!.done).toBe(total);
  expect([...new Set(progress.map((p) => p.phase))]).toEqual([
    "societies", "enterprises", "platforms", "universities", "experts", "needs", "responses", "service records", "users",
  ]);
});
