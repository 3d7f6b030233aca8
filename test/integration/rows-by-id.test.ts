import type { PrismaTypes } from "../../src/infra/db/rows";
import { enterprisesById, userById, usersById, viewerRowsById } from "../../src/context/rows-by-id";
import type { Prisma } from "../../src/infra/db/database";
import { isDatabaseUnavailable } from "../../src/infra/db/unavailable";
import { Deadline, underDeadline, wasCutShort } from "../../src/infra/db/deadline";
import { matchesOfNeedsLoader, supplierNamesLoader } from "../../src/modules/match/match.loaders";
import { types } from "pg";
import { UTC_TIMESTAMPS } from "../../src/infra/db/postgres";
import { decodeGlobalId } from "../../src/infra/relay/global-id";
import { createEnterprise, createExpert, createPlatform, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

// The token check and the user and enterprise loaders read rows through fixed SQL, not Prisma's query builder:
// the rows must be exactly the ones Prisma would have returned (types included: dates, enums, enum arrays).
let t: TestHub;
let needIds: number[];
beforeAll(async () => {
  t = await startTestHub();
  const enterprise = await createEnterprise(t.admin);
  await createExpert(t.admin);
  await createExpert(t.admin, { name: "第二位专家" });
  await createPlatform(t.admin);
  const needs = [await postNeed(t.admin, enterprise.id), await postNeed(t.admin, enterprise.id, { title: "储能电池液冷热管理系统联合研发" })];
  needIds = needs.map((n) => decodeGlobalId(n.id)!.id);
  // One match off the defaults, so nullable enums, texts and dates are compared with values in them.
  const [match] = await t.hub.database.prisma.match.findMany({ where: { needId: needIds[0] }, orderBy: { rank: "asc" }, take: 1 });
  await t.hub.database.prisma.match.update({
    where: { id: match.id },
    data: { status: "REJECTED", statusReason: "预算不足", statusReasonCode: "BUDGET", statusChangedAt: new Date("2026-05-01T08:00:00Z") },
  });
}, 120_000);
afterAll(() => t?.stop());

const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);

test("enterprises by id are Prisma's rows, designations and optional dates included", async () => {
  const prisma = t.hub.database.prisma;
  const [first] = await prisma.enterprise.findMany({ take: 1, orderBy: { id: "asc" } });
  await prisma.enterprise.update({ where: { id: first.id }, data: { designations: ["ABOVE_SCALE", "GAZELLE"], onKczg: true, kczgSince: new Date("2024-03-01T08:00:00Z") } });
  const all = await prisma.enterprise.findMany();
  const ids = [...all.map((e) => e.id), 987_654];
  expect(byId(await enterprisesById(prisma, ids))).toEqual(byId(all));
  expect(byId(await enterprisesById(prisma, ids))[0].kczgSince).toBeInstanceOf(Date);
  // One id reads through its own statement text (`= $1`, not `= ANY($1)`): the same row, and nothing for an unknown id.
  expect(await enterprisesById(prisma, [first.id])).toEqual(all.filter((e) => e.id === first.id));
  expect(await enterprisesById(prisma, [987_654])).toEqual([]);
});

test("the token check's rows are Prisma's: the user's, and its enterprise's when it acts for one", async () => {
  const prisma = t.hub.database.prisma;
  const member = await userClient(t, "ENTERPRISE", (await createEnterprise(t.admin)).id);
  const users = await prisma.user.findMany();
  const withEnterprise = users.find((u) => u.enterpriseId !== null)!;
  expect(member).toBeDefined();
  expect(await viewerRowsById(prisma, withEnterprise.id)).toEqual({
    user: withEnterprise,
    enterprise: await prisma.enterprise.findUniqueOrThrow({ where: { id: withEnterprise.enterpriseId! } }),
  });
  const admin = users.find((u) => u.role === "ADMIN")!;
  expect(await viewerRowsById(prisma, admin.id)).toEqual({ user: admin, enterprise: null });
  expect(await viewerRowsById(prisma, 987_654)).toBeNull();
});

test("pg reads a timestamp as UTC, as Prisma does, whatever the process's time zone", () => {
  const parse = UTC_TIMESTAMPS.getTypeParser(types.builtins.TIMESTAMP) as (text: string) => Date;
  expect(parse("2026-05-01 08:00:00.123")).toEqual(new Date(Date.UTC(2026, 4, 1, 8, 0, 0, 123)));
  expect(UTC_TIMESTAMPS.getTypeParser(types.builtins.INT4)).toBe(types.getTypeParser(types.builtins.INT4));
});

test("users by id are Prisma's rows; an unknown id is absent", async () => {
  const prisma = t.hub.database.prisma;
  const all = await prisma.user.findMany();
  expect(byId(await usersById(prisma, [...all.map((u) => u.id), 987_654]))).toEqual(byId(all));
  expect(await userById(prisma, all[0].id)).toEqual(all[0]);
  expect(await userById(prisma, 987_654)).toBeNull();
});

test("each read is one counted statement", async () => {
  const before = t.hub.database.statements();
  await userById(t.hub.database.prisma, 1);
  expect(t.hub.database.statements() - before).toBe(1);
});

test("a read sent after the operation's deadline is refused and not sent, as Prisma's statements are", async () => {
  const deadline = new Deadline();
  deadline.arm(0);
  const before = t.hub.database.statements();
  const error = await underDeadline(deadline, () => userById(t.hub.database.prisma, 1)).catch((err: unknown) => err);
  deadline.disarm();
  expect(wasCutShort(error)).toBe(true);
  expect(deadline.cut).toBe(true);
  expect(t.hub.database.statements() - before).toBe(0);
  expect(await userById(t.hub.database.prisma, 987_654)).toBeNull(); // outside the operation, reads go on
});

test("a database that cannot be reached is still recognised as unavailable (503, not 500)", async () => {
  // How Prisma reports a raw query whose connection failed: P2010, with the driver's verdict in `meta` only.
  const failed = Object.assign(new Error("Raw query failed. Code: `N/A`. Message: `Can't reach database server`"), {
    code: "P2010",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } } },
  });
  expect(isDatabaseUnavailable(failed)).toBe(true);
  const down = { $queryRawUnsafe: () => Promise.reject(failed) } as unknown as Prisma;
  const error = await userById(down, 1).catch((err: unknown) => err);
  expect(isDatabaseUnavailable(error)).toBe(true);
  // A raw query that failed for another reason (a missing table) is a bug, not an outage.
  const other = Object.assign(new Error("boom"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "42P01" } } } });
  expect(isDatabaseUnavailable(other)).toBe(false);
  await expect(enterprisesById({ $queryRawUnsafe: () => Promise.reject(other) } as unknown as Prisma, [1])).rejects.toBe(other);
});

describe("a page of needs' matches (fixed SQL) are Prisma's rows", () => {
  const pageOf = (where: PrismaTypes.MatchWhereInput) => ({ where: { needId: { in: needIds }, ...where }, orderBy: [{ needId: "asc" as const }, { rank: "asc" as const }] });
  const prismaRows = (where: PrismaTypes.MatchWhereInput) => t.hub.database.prisma.match.findMany({ ...pageOf(where), omit: { breakdown: true } });
  type Options = { first: number; supplierKinds?: ("EXPERT" | "PLATFORM" | "SOCIETY")[]; minScore?: number; columns?: ("id" | "needId" | "rank" | "score" | "status" | "supplierKind" | "supplierId")[]; supplierNames?: boolean };
  const load = (options: Options) =>
    matchesOfNeedsLoader(t.hub.database.prisma)
      .loadMany(needIds.map((needId) => ({ ...options, needId, supplierKinds: options.supplierKinds ?? null, minScore: options.minScore ?? null, columns: options.columns ?? null })))
      .then((lists) => lists.flatMap((list) => (list instanceof Error ? [] : list)));

  test("whole rows (all but the breakdown): enums, arrays, dates and nulls as Prisma gives them", async () => {
    const rows = await load({ first: 30 });
    expect(rows.length).toBeGreaterThan(2);
    expect(rows).toEqual(await prismaRows({}));
    expect(rows.find((r) => r.status === "REJECTED")).toMatchObject({ statusReasonCode: "BUDGET", statusChangedAt: new Date("2026-05-01T08:00:00Z") });
    expect(Array.isArray(rows[0].matchedTerms)).toBe(true);
  });

  test("the top N of each need, and only the columns asked for", async () => {
    const rows = await load({ first: 1, columns: ["id", "needId", "rank", "score", "status"] });
    const select = { id: true, needId: true, rank: true, score: true, status: true } as const;
    expect(rows).toEqual(await t.hub.database.prisma.match.findMany({ ...pageOf({ rank: { lte: 1 } }), select }));
    expect(rows.map((r) => r.needId)).toEqual(needIds);
  });

  test("filtered by supplier kind and score", async () => {
    const all = await prismaRows({});
    const cut = all.map((r) => r.score).sort((a, b) => a - b)[Math.floor(all.length / 2)];
    expect(await load({ first: 30, supplierKinds: ["PLATFORM"] })).toEqual(all.filter((r) => r.supplierKind === "PLATFORM"));
    expect(await load({ first: 30, minScore: cut })).toEqual(all.filter((r) => r.score >= cut));
    expect(await load({ first: 30, supplierKinds: ["EXPERT"], minScore: cut })).toEqual(all.filter((r) => r.supplierKind === "EXPERT" && r.score >= cut));
  });

  test("with the suppliers' names joined, each row carries its own supplier's name", async () => {
    const prisma = t.hub.database.prisma;
    const rows = await load({ first: 30, columns: ["id", "needId", "rank", "supplierKind", "supplierId"], supplierNames: true });
    const [experts, platforms] = [await prisma.expert.findMany(), await prisma.innovationPlatform.findMany()];
    const nameOf = (r: (typeof rows)[number]) => (r.supplierKind === "EXPERT" ? experts : platforms).find((s) => s.id === r.supplierId)?.name;
    expect(new Set(rows.map((r) => r.supplierKind)).size).toBe(2);
    for (const row of rows) expect(row.supplierName).toBe(nameOf(row));
    const { supplierName: _, ...plain } = rows[0];
    expect(plain).toEqual((await load({ first: 30, columns: ["id", "needId", "rank", "supplierKind", "supplierId"] }))[0]);
  });

  test("supplier names of three tables come from one statement; unknown ids load as null", async () => {
    const prisma = t.hub.database.prisma;
    const [expert] = await prisma.expert.findMany({ take: 1 });
    const [platform] = await prisma.innovationPlatform.findMany({ take: 1 });
    const before = t.hub.database.statements();
    const names = await supplierNamesLoader(prisma).loadMany([`EXPERT:${expert.id}`, `PLATFORM:${platform.id}`, "SOCIETY:987654", `EXPERT:${platform.id + 987654}`]);
    expect(t.hub.database.statements() - before).toBe(1);
    expect(names).toEqual([{ id: expert.id, name: expert.name }, { id: platform.id, name: platform.name }, null, null]);
  });
});
