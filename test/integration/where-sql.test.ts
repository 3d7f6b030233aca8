import fc from "fast-check";
import type { Viewer } from "../../src/infra/auth/viewer";
import type { Prisma } from "../../src/infra/db/database";
import type { PrismaTypes } from "../../src/infra/db/rows";
import { readableNeeds } from "../../src/modules/access/need-access";
import { needPageStatements } from "../../src/modules/need/need-page";
import { startTestHub, type TestHub } from "../support/hub";

// A page of needs in fixed SQL is filtered by the Prisma `where` Prisma would get (need-page.ts, where-sql.ts): for
// every filter it translates, the rows and the count must be exactly Prisma's, NULLs, empty lists and NOT included.

type NeedWhere = PrismaTypes.TechNeedWhereInput;

let t: TestHub;
let prisma: Prisma;
let enterpriseIds: number[];
const DAY = 86_400_000;
const BASE = Date.UTC(2026, 4, 1, 8, 0, 0, 123);
const STATUSES = ["DRAFT", "OPEN", "IN_DOCKING", "RESOLVED", "CLOSED", "EXPIRED"] as const;
const VISIBILITIES = ["PUBLIC", "MEMBERS", "CONFIDENTIAL"] as const;
const KINDS = ["TECH_BREAKTHROUGH", "TECH_TRANSFER", "CONSULTING", "TALENT"] as const;

beforeAll(async () => {
  t = await startTestHub();
  prisma = t.hub.database.prisma;
  const region = await prisma.region.findFirstOrThrow();
  const chains = (await prisma.industryChain.findMany({ take: 2 })).map((c) => c.code);
  enterpriseIds = [];
  for (let e = 0; e < 3; e++) {
    const enterprise = await prisma.enterprise.create({ data: { name: `筛选企业${e}`, creditCode: `91411300MA4${e}WHERE0X`, regionCode: region.code } });
    enterpriseIds.push(enterprise.id);
  }
  // Every combination the rules look at, with NULLs in the optional columns of some rows.
  await prisma.techNeed.createMany({
    data: Array.from({ length: 72 }, (_, i) => ({
      enterpriseId: enterpriseIds[i % 3],
      title: `需求${i}`,
      description: `描述${i}`,
      chainCode: chains[i % chains.length],
      kind: KINDS[i % KINDS.length],
      status: STATUSES[i % STATUSES.length],
      visibility: VISIBILITIES[Math.floor(i / 6) % 3],
      keywords: i % 4 ? [`词${i}`] : [],
      budgetMin: i % 5 ? i * 1000 : null,
      isChallenge: i % 7 === 0,
      createdAt: new Date(BASE + i * DAY),
      openedAt: i % 6 === 0 ? null : new Date(BASE + i * DAY),
      firstResponseAt: i % 4 === 0 ? new Date(BASE + (i + 2) * DAY) : null,
    })),
  });
}, 120_000);
afterAll(() => t?.stop());

async function prismaIds(where: NeedWhere): Promise<number[]> {
  return (await prisma.techNeed.findMany({ where, orderBy: { id: "desc" }, select: { id: true } })).map((n) => n.id);
}

async function compare(where: NeedWhere): Promise<boolean> {
  const fixed = needPageStatements(prisma, where, { columns: ["id"], withDescription: false });
  if (!fixed) return false;
  const expected = await prismaIds(where);
  expect((await fixed.page(1000, undefined)).map((n) => n.id)).toEqual(expected);
  expect(await fixed.count()).toBe(expected.length);
  return true;
}

const date = fc.integer({ min: -3, max: 80 }).map((d) => new Date(BASE + d * DAY));
const column = fc.oneof(
  fc.record({ name: fc.constant("status"), value: fc.constantFrom(...STATUSES), nullable: fc.constant(false) }),
  fc.record({ name: fc.constant("visibility"), value: fc.constantFrom(...VISIBILITIES), nullable: fc.constant(false) }),
  fc.record({ name: fc.constant("kind"), value: fc.constantFrom(...KINDS), nullable: fc.constant(false) }),
  fc.record({ name: fc.constant("isChallenge"), value: fc.boolean(), nullable: fc.constant(false) }),
  fc.record({ name: fc.constant("enterpriseId"), value: fc.integer({ min: 0, max: 4 }).map((i) => enterpriseIds[i] ?? 987_654), nullable: fc.constant(false) }),
  fc.record({ name: fc.constant("budgetMin"), value: fc.integer({ min: 0, max: 80 }).map((i) => i * 1000), nullable: fc.constant(true) }),
  fc.record({ name: fc.constant("openedAt"), value: date, nullable: fc.constant(true) }),
  fc.record({ name: fc.constant("firstResponseAt"), value: date, nullable: fc.constant(true) }),
  fc.record({ name: fc.constant("createdAt"), value: date, nullable: fc.constant(false) }),
);

// A filter on one column: the operations the translation covers, NULL checks and empty lists included.
const columnFilter = column.chain(({ name, value, nullable }) =>
  fc
    .oneof(
      fc.constant<unknown>(value),
      fc.constant<unknown>({ equals: value }),
      fc.constant<unknown>(nullable ? { not: null } : { not: value }),
      fc.constant<unknown>(nullable ? null : { not: value }),
      fc.constant<unknown>({ in: [value] }),
      fc.constant<unknown>({ in: [] }),
      fc.constant<unknown>(nullable ? { equals: null } : { notIn: [value] }),
      fc.constant<unknown>({ notIn: [] }),
      fc.constantFrom("lt", "lte", "gt", "gte").map((op) => ({ [op]: value }) as unknown),
    )
    // Prisma compares numbers and dates only, and has no lists of booleans.
    .filter((f) => typeof f !== "object" || f === null || Object.keys(f).every((k) => allowed(k, value)))
    .map((filter) => ({ [name]: filter }) as NeedWhere),
);

function allowed(op: string, value: unknown): boolean {
  if (["lt", "lte", "gt", "gte"].includes(op)) return typeof value === "number" || value instanceof Date;
  return !(typeof value === "boolean" && ["in", "notIn"].includes(op));
}

const where: fc.Arbitrary<NeedWhere> = fc.letrec<{ where: NeedWhere }>((tie) => ({
  where: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    columnFilter,
    fc.array(tie("where"), { maxLength: 3 }).map((AND) => ({ AND })),
    fc.array(tie("where"), { minLength: 1, maxLength: 3 }).map((OR) => ({ OR })),
    fc.array(tie("where"), { maxLength: 2 }).map((NOT) => ({ NOT })),
    tie("where").map((NOT) => ({ NOT })),
    fc.tuple(columnFilter, columnFilter).map(([a, b]) => ({ ...a, ...b })),
  ),
})).where;

test("random filters: the rows and the count are Prisma's", async () => {
  let translated = 0;
  await fc.assert(
    fc.asyncProperty(where, async (w) => {
      if (await compare(w)) translated++;
    }),
    { numRuns: 300, seed: Number(process.env.FC_SEED ?? 20261128) },
  );
  // Most filters drawn here are in the translated part of the language (not: an empty filter in OR or NOT).
  expect(translated).toBeGreaterThan(200);
});

test("edge filters: empty, undefined and nested lists", async () => {
  for (const w of [{}, { AND: [] }, { NOT: [] }, { AND: {} }, { AND: [{}] }, { id: undefined }, { status: {} }, { status: { in: [], not: "OPEN" } }, { OR: [{ status: { in: [] } }, { status: "OPEN" }] }] as NeedWhere[]) {
    expect([w, await compare(w)]).toEqual([w, true]);
  }
  // Prisma drops an empty filter from OR and NOT (OR: [{}] matches nothing), and an empty OR inside NOT: left to Prisma.
  for (const w of [{ OR: [{}] }, { NOT: {} }, { OR: [{ AND: [] }, { status: "OPEN" }] }, { NOT: [{ id: undefined }] }, { OR: [] }, { NOT: { OR: [] } }] as NeedWhere[]) {
    expect(needPageStatements(prisma, w, { columns: ["id"], withDescription: false })).toBeNull();
  }
});

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

test("the access rules of anonymous callers, ADMIN, ANALYST and enterprises translate, with Prisma's rows", async () => {
  for (const viewer of [{ kind: "anonymous" } as Viewer, user("ADMIN"), user("ANALYST"), user("ENTERPRISE", { enterpriseId: enterpriseIds[1] }), user("ENTERPRISE")]) {
    expect(await compare({ AND: [readableNeeds(viewer), { enterpriseId: { in: [enterpriseIds[1]] } }] })).toBe(true);
    expect(await compare(readableNeeds(viewer))).toBe(true);
  }
});

test("a supplier's rule (links to CONFIDENTIAL needs) and text search are left to Prisma", () => {
  for (const viewer of [user("SOCIETY", { societyId: 1 }), user("EXPERT", { expertId: 1 }), user("EXPERT", { platformId: 1 })]) {
    expect(needPageStatements(prisma, readableNeeds(viewer), { columns: null, withDescription: true })).toBeNull();
  }
  expect(needPageStatements(prisma, { title: { contains: "需求" } }, { columns: null, withDescription: true })).toBeNull();
  expect(needPageStatements(prisma, { enterprise: { regionCode: "411303" } }, { columns: null, withDescription: true })).toBeNull();
  expect(needPageStatements(prisma, { keywords: { has: "词1" } }, { columns: null, withDescription: true })).toBeNull();
});

test("rows are Prisma's rows: whole, without the description, partial; a page continues below an id", async () => {
  const where: NeedWhere = { status: { not: "DRAFT" } };
  const fixed = (read: { columns: Array<"id" | "title" | "createdAt" | "keywords" | "openedAt"> | null; withDescription: boolean }) => needPageStatements(prisma, where, read)!;
  const whole = await prisma.techNeed.findMany({ where, orderBy: { id: "desc" }, take: 10 });
  expect(await fixed({ columns: null, withDescription: true }).page(10, undefined)).toEqual(whole);
  const short = await prisma.techNeed.findMany({ where, orderBy: { id: "desc" }, take: 10, omit: { description: true } });
  expect(await fixed({ columns: null, withDescription: false }).page(10, undefined)).toEqual(short);
  const select = { id: true, title: true, createdAt: true, keywords: true, openedAt: true } as const;
  const after = whole[4].id;
  const partial = await prisma.techNeed.findMany({ where: { ...where, id: { lt: after } }, orderBy: { id: "desc" }, take: 5, select });
  expect(await fixed({ columns: ["id", "title", "createdAt", "keywords", "openedAt"], withDescription: false }).page(5, after)).toEqual(partial);
  expect(partial[0].createdAt).toBeInstanceOf(Date);
});

test("a page and its count are one statement each", async () => {
  const fixed = needPageStatements(prisma, readableNeeds(user("ENTERPRISE", { enterpriseId: enterpriseIds[0] })), { columns: ["id"], withDescription: false })!;
  const before = t.hub.database.statements();
  await fixed.page(5, undefined);
  await fixed.count();
  expect(t.hub.database.statements() - before).toBe(2);
});
