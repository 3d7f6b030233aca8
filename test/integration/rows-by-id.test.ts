import { enterprisesById, userById, usersById } from "../../src/context/rows-by-id";
import type { Prisma } from "../../src/infra/db/database";
import { isDatabaseUnavailable } from "../../src/infra/db/unavailable";
import { createEnterprise } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

// The token check and the user and enterprise loaders read rows through fixed SQL, not Prisma's query builder:
// the rows must be exactly the ones Prisma would have returned (types included: dates, enums, enum arrays).
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  await createEnterprise(t.admin);
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
