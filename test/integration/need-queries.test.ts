import fc from "fast-check";
import type { UserViewer, Viewer } from "../../src/infra/auth/viewer";
import type { Prisma } from "../../src/infra/db/database";
import type { PrismaTypes } from "../../src/infra/db/rows";
import { containsText } from "../../src/infra/db/text-filter";
import { readableNeeds } from "../../src/modules/access";
import { needPage, type NeedQuery } from "../../src/modules/need/need.queries";
import { staleNeeds } from "../../src/modules/workflow";
import { startTestHub, type TestHub } from "../support/hub";

// The page of needs in typed SQL (need.queries.ts, with the access rule's SQL form readableNeedsSql) and the same
// list through Prisma (the access rule's Prisma form readableNeeds, which the hub's other doors run, and the list's
// filters written below in Prisma's form) must give the same rows and count, for every kind of viewer (suppliers
// with invitations, responses, memberships and conflicts of interest too) and every filter.

type NeedWhere = PrismaTypes.TechNeedWhereInput;

let t: TestHub;
let prisma: Prisma;
let enterpriseIds: number[];
let societyId: number;
let platformId: number;
/** A member expert of the society, an expert employed by the first enterprise, an expert offered on responses. */
let experts: { member: number; employed: number; offered: number };
let chains: string[];
let regions: string[];
const DAY = 86_400_000;
const STALE_DAYS = 14;
const BASE = Date.UTC(2026, 4, 1, 8, 0, 0, 123);
const STATUSES = ["DRAFT", "OPEN", "IN_DOCKING", "RESOLVED", "CLOSED", "EXPIRED"] as const;
const VISIBILITIES = ["PUBLIC", "MEMBERS", "CONFIDENTIAL"] as const;
const WORDS = ["需求1", "描述2", "词3", "储能", "%", "_", "\\", "ABC", "abc"];

beforeAll(async () => {
  t = await startTestHub();
  prisma = t.hub.database.prisma;
  regions = (await prisma.region.findMany({ take: 2, orderBy: { code: "asc" } })).map((r) => r.code);
  chains = (await prisma.industryChain.findMany({ take: 2 })).map((c) => c.code);
  enterpriseIds = [];
  for (let e = 0; e < 3; e++) {
    const enterprise = await prisma.enterprise.create({ data: { name: `查询企业${e}`, creditCode: `91411300MA4${e}QUERY0X`, regionCode: regions[e % regions.length] } });
    enterpriseIds.push(enterprise.id);
  }
  await prisma.techNeed.createMany({
    data: Array.from({ length: 72 }, (_, i) => ({
      enterpriseId: enterpriseIds[i % 3],
      title: i % 9 === 0 ? `储能ABC 100%_需求${i}` : `需求${i}`,
      description: i % 5 === 0 ? `描述${i} abc\\` : `描述${i}`,
      chainCode: chains[i % chains.length],
      kind: "TECH_BREAKTHROUGH",
      status: STATUSES[i % STATUSES.length],
      visibility: VISIBILITIES[Math.floor(i / 6) % 3],
      keywords: i % 4 ? [`词${i}`] : [],
      isChallenge: i % 7 === 0,
      createdAt: new Date(BASE + i * DAY),
      // Around the stale boundary (14 days), some never opened, some answered.
      openedAt: i % 8 === 0 ? null : new Date(Date.now() - (i % 30) * DAY),
      firstResponseAt: i % 5 === 0 ? new Date(Date.now() - DAY) : null,
    })),
  });
  // Some OPEN needs are engaged (an ACCEPTED response), so they are not stale; a SUBMITTED one does not count.
  const society = await prisma.society.create({ data: { name: "查询学会", level: "MUNICIPAL", disciplines: [] } });
  const open = await prisma.techNeed.findMany({ where: { status: "OPEN", enterpriseId: { in: enterpriseIds } }, orderBy: { id: "asc" } });
  for (const [i, need] of open.entries()) {
    if (i % 3 !== 2) await prisma.response.create({ data: { needId: need.id, societyId: society.id, proposal: "方案", status: i % 3 === 0 ? "ACCEPTED" : "SUBMITTED" } });
  }
  // Suppliers, what lets them into CONFIDENTIAL needs (ACCEPTED invitations of them, of a society's member expert,
  // ACCEPTED responses of the society or offering an expert) and what keeps them out of MEMBERS and CONFIDENTIAL
  // ones (conflicts of interest, an employer): the supplier branches of the rule.
  societyId = society.id;
  const expert = (name: string, employerId: number | null = null) => prisma.expert.create({ data: { name, expertise: "储能", employerId } }).then((e) => e.id);
  experts = { member: await expert("成员专家"), employed: await expert("雇员专家", enterpriseIds[0]), offered: await expert("方案专家") };
  await prisma.societyMembership.create({ data: { societyId, expertId: experts.member } });
  platformId = (await prisma.innovationPlatform.create({ data: { name: "查询平台", kind: "PROVINCIAL_LAB", capabilities: "测试" } })).id;
  await prisma.conflict.createMany({
    data: [
      { enterpriseId: enterpriseIds[2], partyKind: "SOCIETY", partyId: societyId, source: "DECLARED" },
      { enterpriseId: enterpriseIds[1], partyKind: "PLATFORM", partyId: platformId, source: "EXCLUDED" },
      { enterpriseId: enterpriseIds[1], partyKind: "EXPERT", partyId: experts.offered, source: "DECLARED" },
    ],
  });
  const suppliers = [
    { supplierKind: "EXPERT", supplierId: experts.member },
    { supplierKind: "EXPERT", supplierId: experts.employed },
    { supplierKind: "PLATFORM", supplierId: platformId },
    { supplierKind: "SOCIETY", supplierId: societyId },
    { supplierKind: "EXPERT", supplierId: experts.offered },
  ] as const;
  const confidential = await prisma.techNeed.findMany({ where: { visibility: "CONFIDENTIAL", enterpriseId: { in: enterpriseIds } }, orderBy: { id: "asc" } });
  for (const [i, need] of confidential.entries()) {
    const supplier = suppliers[i % suppliers.length];
    const match = await prisma.match.create({ data: { needId: need.id, ...supplier, score: 0.5, rank: 1, breakdown: [], matchedTerms: [] } });
    // OPEN needs stay unengaged (PENDING), so that the stale filter still finds some.
    await prisma.invitation.create({ data: { needId: need.id, matchId: match.id, ...supplier, status: i % 7 === 6 || need.status === "OPEN" ? "PENDING" : "ACCEPTED" } });
    if (i % 4 === 1) {
      await prisma.response.create({ data: { needId: need.id, societyId, proposal: "方案", status: i % 8 === 1 && need.status !== "OPEN" ? "ACCEPTED" : "SUBMITTED", experts: { create: [{ expertId: experts.offered }] } } });
    }
  }
}, 120_000);
afterAll(() => t?.stop());

const user = (role: "ADMIN" | "ANALYST" | "ENTERPRISE" | "SOCIETY" | "EXPERT", links: Partial<Record<"enterpriseId" | "societyId" | "expertId" | "platformId", number>> = {}): Viewer => ({
  kind: "user",
  userId: 1,
  role,
  enterpriseId: null,
  societyId: null,
  expertId: null,
  platformId: null,
  expiresAt: 0,
  tokenVersion: 0,
  ...links,
});

const suppliers = (): Viewer[] => [
  user("SOCIETY", { societyId }),
  user("EXPERT", { expertId: experts.member }),
  user("EXPERT", { expertId: experts.employed }),
  user("EXPERT", { expertId: experts.offered }),
  user("EXPERT", { platformId }),
];

const viewers = (): Viewer[] => [
  { kind: "anonymous" },
  user("ADMIN"),
  user("ANALYST"),
  user("ENTERPRISE", { enterpriseId: enterpriseIds[1] }),
  user("ENTERPRISE"),
  user("EXPERT"),
  ...suppliers(),
];

/** The list's filters in Prisma's form (the stale rule: workflow/timers.ts), the oracle of needFilterSql (need.queries.ts). */
function conditions(query: NeedQuery, staleDays: number): NeedWhere[] {
  const stale = staleNeeds(staleDays);
  const where: NeedWhere[] = [];
  if (query.stale === true) where.push(stale);
  if (query.stale === false) where.push({ NOT: stale });
  if (query.statuses?.length) where.push({ status: { in: query.statuses } });
  if (query.chainCode) where.push({ chainCode: query.chainCode });
  if (query.regionCode) where.push({ enterprise: { regionCode: query.regionCode } });
  if (query.enterpriseIds) where.push({ enterpriseId: { in: query.enterpriseIds } });
  if (query.isChallenge !== undefined && query.isChallenge !== null) where.push({ isChallenge: query.isChallenge });
  for (const word of (query.text ?? "").split(/\s+/).filter(Boolean)) {
    where.push({ OR: [{ title: containsText(word, "insensitive") }, { description: containsText(word, "insensitive") }, { keywords: { has: word } }] });
  }
  return where;
}

async function compare(viewer: Viewer, query: NeedQuery): Promise<void> {
  const page = needPage(prisma, viewer, query, { columns: ["id"], withDescription: false }, STALE_DAYS);
  const where: NeedWhere = { AND: [readableNeeds(viewer), ...conditions(query, STALE_DAYS)] };
  const expected = (await prisma.techNeed.findMany({ where, orderBy: { id: "desc" }, select: { id: true } })).map((n) => n.id);
  expect({ query, ids: (await page.page(1000, undefined)).map((n) => n.id) }).toEqual({ query, ids: expected });
  expect(await page.count()).toBe(expected.length);
}

const query: fc.Arbitrary<NeedQuery> = fc.record(
  {
    statuses: fc.subarray([...STATUSES]),
    chainCode: fc.integer({ min: 0, max: 2 }).map((i) => chains[i] ?? "NO_SUCH_CHAIN"),
    regionCode: fc.integer({ min: 0, max: 2 }).map((i) => regions[i] ?? "000000"),
    enterpriseIds: fc.subarray([0, 1, 2, 3]).map((picked) => picked.map((i) => enterpriseIds[i] ?? 987_654)),
    isChallenge: fc.boolean(),
    stale: fc.boolean(),
    text: fc.array(fc.constantFrom(...WORDS), { maxLength: 2 }).map((words) => words.join(" ")),
  },
  { requiredKeys: [] },
);

test("random filters, every kind of viewer: the rows and the count are Prisma's", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...viewers()), query, async (viewer, q) => compare(viewer, q)),
    { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20261207) },
  );
  // And 200 more for the suppliers' viewers, whose rule has the most branches.
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...suppliers()), query, async (viewer, q) => compare(viewer, q)),
    { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20261207) + 1 },
  );
});

test("edge filters: no filter, empty lists, wildcards typed as text", async () => {
  for (const viewer of viewers()) {
    for (const q of [{}, { statuses: [] }, { enterpriseIds: [] }, { text: "%" }, { text: "_ \\" }, { text: "   " }, { statuses: ["OPEN" as const] }, { stale: true }, { stale: false }]) await compare(viewer, q);
  }
  // The stale filter is not vacuous: the data holds stale needs, and engaged or answered OPEN needs that are not.
  const admin = user("ADMIN");
  const count = (q: NeedQuery) => needPage(prisma, admin, q, { columns: ["id"], withDescription: false }, STALE_DAYS)!.count();
  expect(await count({ stale: true })).toBeGreaterThan(0);
  expect(await count({ stale: true, statuses: ["OPEN"] })).toBeLessThan(await count({ statuses: ["OPEN"] }));
});

test("the suppliers' branches are not vacuous: consent opens CONFIDENTIAL needs, conflicts close MEMBERS ones", async () => {
  const ids = async (viewer: Viewer, visibility: "MEMBERS" | "CONFIDENTIAL") =>
    (await prisma.techNeed.findMany({ where: { AND: [readableNeeds(viewer), { visibility, enterpriseId: { in: enterpriseIds } }] }, select: { id: true } })).length;
  const nobody = user("EXPERT");
  expect(await ids(nobody, "CONFIDENTIAL")).toBe(0);
  for (const viewer of suppliers()) expect(await ids(viewer, "CONFIDENTIAL")).toBeGreaterThan(0);
  // Each but the member expert is tied to an enterprise: by a declared or an excluding conflict, or employed by it.
  for (const viewer of suppliers().filter((v) => v.kind === "user" && v.expertId !== experts.member)) {
    expect(await ids(viewer, "MEMBERS")).toBeLessThan(await ids(nobody, "MEMBERS"));
  }
});

test("the statements kept for reuse stay with their inputs: viewers one field apart, pages below a cursor", async () => {
  // need.queries.ts keeps each compiled page and count by its inputs: a viewer that differs in one field, asking the
  // same thing right after another, must get its own statement, not the one kept for the other.
  const base = user("ENTERPRISE", { enterpriseId: enterpriseIds[0] }) as UserViewer;
  const q: NeedQuery = { enterpriseIds: [enterpriseIds[0], enterpriseIds[1]] };
  const apart: Viewer[] = [base, { ...base, enterpriseId: enterpriseIds[1] }, { ...base, role: "ADMIN" }, { ...base, enterpriseId: null }, { kind: "anonymous" }, user("EXPERT", { expertId: experts.member }), base];
  for (const viewer of apart) await compare(viewer, q);
  const admin = user("ADMIN");
  const ids = async (take: number, before?: number) => (await needPage(prisma, admin, q, { columns: ["id"], withDescription: false }, STALE_DAYS)!.page(take, before)).map((n) => n.id);
  const all = (await prisma.techNeed.findMany({ where: { enterpriseId: { in: q.enterpriseIds } }, orderBy: { id: "desc" }, select: { id: true } })).map((n) => n.id);
  expect(await ids(3)).toEqual(all.slice(0, 3));
  expect(await ids(3, all[2])).toEqual(all.slice(3, 6));
  expect(await ids(3, all[5])).toEqual(all.slice(6, 9));
});

test("rows are Prisma's rows: whole, without the description, partial; a page continues below an id", async () => {
  const admin = user("ADMIN");
  const q: NeedQuery = { statuses: ["OPEN", "IN_DOCKING", "RESOLVED", "CLOSED", "EXPIRED"] };
  const where: NeedWhere = { status: { not: "DRAFT" } };
  const whole = await prisma.techNeed.findMany({ where, orderBy: { id: "desc" }, take: 10 });
  expect(await needPage(prisma, admin, q, { columns: null, withDescription: true }, STALE_DAYS)!.page(10, undefined)).toEqual(whole);
  const short = await prisma.techNeed.findMany({ where, orderBy: { id: "desc" }, take: 10, omit: { description: true } });
  expect(await needPage(prisma, admin, q, { columns: null, withDescription: false }, STALE_DAYS)!.page(10, undefined)).toEqual(short);
  const select = { id: true, title: true, createdAt: true, keywords: true, openedAt: true } as const;
  const after = whole[4].id;
  const partial = await prisma.techNeed.findMany({ where: { ...where, id: { lt: after } }, orderBy: { id: "desc" }, take: 5, select });
  expect(await needPage(prisma, admin, q, { columns: ["id", "title", "createdAt", "keywords", "openedAt"], withDescription: false }, STALE_DAYS)!.page(5, after)).toEqual(partial);
  expect(partial[0].createdAt).toBeInstanceOf(Date);
});

test("a page and its count are one statement each", async () => {
  const page = needPage(prisma, user("ENTERPRISE", { enterpriseId: enterpriseIds[0] }), { statuses: ["OPEN", "CLOSED"] }, { columns: ["id"], withDescription: false }, STALE_DAYS)!;
  const before = t.hub.database.statements();
  await page.page(5, undefined);
  await page.count();
  expect(t.hub.database.statements() - before).toBe(2);
});
