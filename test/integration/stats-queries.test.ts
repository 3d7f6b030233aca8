import { chainCounts } from "../../src/modules/stats/stats.queries";
import { createEnterprise, createExpert, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

// hubStats' counts per industry chain (stats.queries.ts) are the counts Prisma gives, drafts left out.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  const enterprise = await createEnterprise(t.admin);
  await createExpert(t.admin);
  await postNeed(t.admin, enterprise.id);
  await postNeed(t.admin, enterprise.id, { title: "储能电池液冷热管理系统联合研发" });
  const [first] = await t.hub.database.prisma.techNeed.findMany({ take: 1, orderBy: { id: "asc" } });
  await t.hub.database.prisma.techNeed.update({ where: { id: first.id }, data: { status: "RESOLVED" } });
  await t.hub.database.prisma.techNeed.create({ data: { enterpriseId: first.enterpriseId, title: "草稿", description: "草稿", chainCode: first.chainCode, kind: first.kind, status: "DRAFT", visibility: "PUBLIC" } });
}, 120_000);
afterAll(() => t?.stop());

test("each chain's needs, open and resolved needs and matches, in the plan's order", async () => {
  const prisma = t.hub.database.prisma;
  const chains = await prisma.industryChain.findMany({ orderBy: { sortOrder: "asc" } });
  const expected = await Promise.all(
    chains.map(async (c) => ({
      code: c.code,
      name: c.name,
      needs: await prisma.techNeed.count({ where: { chainCode: c.code, status: { not: "DRAFT" } } }),
      open: await prisma.techNeed.count({ where: { chainCode: c.code, status: "OPEN" } }),
      resolved: await prisma.techNeed.count({ where: { chainCode: c.code, status: "RESOLVED" } }),
      matches: await prisma.match.count({ where: { need: { chainCode: c.code, status: { not: "DRAFT" } } } }),
    })),
  );
  const counts = await chainCounts(prisma);
  expect(counts).toEqual(expected);
  // Not a vacuous comparison: the posted needs and their matches are counted.
  expect(counts.reduce((s, c) => s + c.needs, 0)).toBeGreaterThanOrEqual(2);
  expect(counts.reduce((s, c) => s + c.resolved, 0)).toBe(1);
  expect(counts.reduce((s, c) => s + c.matches, 0)).toBeGreaterThan(0);
});
