import type { PrismaTypes } from "../../src/infra/db/rows";
import type { GqlClient } from "../support/client";
import { errorOf } from "../support/client";
import { createEnterprise, createExpert, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { MatchesForSupplierPageDocument, MyMatchesDocument, SocietyResponsesDocument } from "../generated/operations";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { buildWorld, dbId, needIn, type World } from "../workflow/world";

// The supplier's side (issue 25.4): myMatches, Society.responses, matchesForSupplier paged with `after`.
let t: TestHub;
let w: World;
let member: number; // a second expert of the world's society
let outsider: number; // an expert of no society of the world
let confidentialNeed: number;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
  member = dbId((await createExpert(t.admin, { societyIds: [w.gids.society] })).id);
  outsider = dbId((await createExpert(t.admin)).id);
  const prisma = t.hub.database.prisma;
  const stranger = dbId((await createEnterprise(t.admin)).id);
  const match = (needId: number, supplier: Record<string, number>, status = "SUGGESTED", score = 0.5) =>
    prisma.match.create({
      data: {
        needId,
        supplierKind: "expertId" in supplier ? "EXPERT" : "societyId" in supplier ? "SOCIETY" : "PLATFORM",
        supplierId: Object.values(supplier)[0],
        score, rank: 1, breakdown: [], matchedTerms: [], status: status as never,
      },
    });
  for (let i = 0; i < 4; i++) {
    const need = await needIn(t, w, "OPEN", { chainCode: i % 2 ? "BIO" : "NEW_ENERGY" });
    await match(need.id, { expertId: w.ids.expert }, i === 3 ? "ACCEPTED" : "SUGGESTED", 0.4 + (i % 2) * 0.1);
    await match(need.id, { expertId: member }, "VIEWED", 0.5);
    await match(need.id, { societyId: w.ids.society }, "SUGGESTED", 0.5);
    await match(need.id, { expertId: outsider });
    await match(need.id, { platformId: w.ids.platform });
    await match(need.id, { societyId: w.ids.otherSociety });
  }
  // Not open, rejected or closed: not a fit for matchesForSupplier (still listed by myMatches, the supplier's history).
  await match((await needIn(t, w, "RESOLVED")).id, { expertId: w.ids.expert });
  await match((await needIn(t, w, "OPEN")).id, { expertId: w.ids.expert }, "REJECTED");
  await match((await needIn(t, w, "OPEN")).id, { expertId: w.ids.expert }, "CLOSED");
  // Another enterprise's CONFIDENTIAL need matched to the society's member: the society sees the match, not the budget.
  confidentialNeed = (await prisma.techNeed.create({
    data: { enterpriseId: stranger, title: "保密需求", description: "保密的储能热管理需求。", chainCode: "NEW_ENERGY", kind: "JOINT_RD", keywords: [], status: "OPEN", visibility: "CONFIDENTIAL", budgetMin: 100, budgetMax: 200, openedAt: new Date() },
  })).id;
  await match(confidentialNeed, { expertId: member });
  // Responses of the world's society (and one of another society, never listed).
  for (const [i, status] of ["SUBMITTED", "ACCEPTED", "DECLINED", "WITHDRAWN", "SHORTLISTED"].entries()) {
    const needId = i === 4 ? confidentialNeed : (await needIn(t, w, "OPEN")).id;
    await prisma.response.create({ data: { needId, societyId: w.ids.society, proposal: "学会方案。", status: status as never } });
  }
  await prisma.response.create({ data: { needId: (await needIn(t, w, "OPEN")).id, societyId: w.ids.otherSociety, proposal: "另一学会方案。" } });
}, 120_000);
afterAll(() => t?.stop());

type Connection = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: Array<{ cursor: string; node: { id: string } }> };

/** Walks a connection in pages of `size`, checking hasNextPage and totalCount on every page; returns the ids. */
async function walk(size: number, page: (first: number, after: string | null) => Promise<Connection>, all: string[]): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const conn = await page(size, after);
    expect(conn.totalCount).toBe(all.length);
    seen.push(...conn.edges.map((e) => e.node.id));
    expect(conn.pageInfo.hasNextPage).toBe(seen.length < all.length);
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor!;
  }
  return seen;
}

const mine = (client: GqlClient, vars: Record<string, unknown> = {}) => async (first: number, after: string | null) =>
  (await client.data(MyMatchesDocument, { first, after, ...vars })).myMatches;
const matchIds = async (where: PrismaTypes.MatchWhereInput) =>
  (await t.hub.database.prisma.match.findMany({ where, orderBy: { id: "desc" }, select: { id: true } })).map((m) => toGlobalId("Match", m.id));

test("a society's user sees the society's and its member experts' matches, newest first, in pages of 1, 2 and 3", async () => {
  const expected = await matchIds({ OR: [{ supplierKind: "SOCIETY", supplierId: w.ids.society }, { supplierKind: "EXPERT", supplierId: { in: [w.ids.expert, member] } }] });
  const full = await mine(w.as.society)(100, null);
  expect(full.edges.map((e) => e.node.id)).toEqual(expected);
  expect(full.pageInfo.hasNextPage).toBe(false);
  for (const size of [1, 2, 3]) expect(await walk(size, mine(w.as.society), expected)).toEqual(expected);
});

test("an expert's user sees the expert's own, a platform's user the platform's; others act for no supplier", async () => {
  const expert = await matchIds({ supplierKind: "EXPERT", supplierId: w.ids.expert });
  for (const size of [1, 2, 3]) expect(await walk(size, mine(w.as.expert), expert)).toEqual(expert);
  const platform = await matchIds({ supplierKind: "PLATFORM", supplierId: w.ids.platform });
  expect((await mine(w.as.platform)(100, null)).edges.map((e) => e.node.id)).toEqual(platform);
  for (const client of [w.as.owner, w.as.analyst, t.admin, t.anonymous]) expect(await mine(client)(100, null)).toMatchObject({ totalCount: 0, edges: [] });
  const memberUser = await userClient(t, "EXPERT", toGlobalId("Expert", member));
  expect((await mine(memberUser)(100, null)).edges.map((e) => e.node.id)).toEqual(await matchIds({ supplierKind: "EXPERT", supplierId: member }));
});

test("myMatches filters by status and chain; a CONFIDENTIAL need's match shows only what the rules allow", async () => {
  const accepted = await mine(w.as.society, { status: ["ACCEPTED", "VIEWED"] })(100, null);
  expect(accepted.edges.map((e) => e.node.id)).toEqual(await matchIds({ status: { in: ["ACCEPTED", "VIEWED"] }, OR: [{ supplierKind: "SOCIETY", supplierId: w.ids.society }, { supplierKind: "EXPERT", supplierId: { in: [w.ids.expert, member] } }] }));
  const bio = await matchIds({ need: { chainCode: "BIO" }, OR: [{ supplierKind: "SOCIETY", supplierId: w.ids.society }, { supplierKind: "EXPERT", supplierId: { in: [w.ids.expert, member] } }] });
  expect(bio.length).toBeGreaterThan(0);
  for (const size of [1, 2, 3]) expect(await walk(size, mine(w.as.society, { industryChainCode: "BIO" }), bio)).toEqual(bio);
  // A CONFIDENTIAL need stays closed to a matched supplier until it is invited and accepts (issue 22): no need, no budget.
  const edges = (await mine(w.as.society)(100, null)).edges;
  expect(edges.some((e) => e.node.need?.id === toGlobalId("TechNeed", confidentialNeed))).toBe(false);
  expect(edges.every((e) => e.node.need === null || e.node.need.budgetMin === null || e.node.need.id !== toGlobalId("TechNeed", confidentialNeed))).toBe(true);
});

test("Society.responses: all the society's own for its users, ADMIN and ANALYST; others only what they may read", async () => {
  const prisma = t.hub.database.prisma;
  const own = (await prisma.response.findMany({ where: { societyId: w.ids.society }, orderBy: { id: "desc" } })).map((r) => toGlobalId("Response", r.id));
  const page = (client: GqlClient) => async (first: number, after: string | null) => {
    const node = (await client.data(SocietyResponsesDocument, { id: w.gids.society, first, after })).node;
    return (node as { responses: Connection }).responses;
  };
  for (const client of [t.admin, w.as.analyst]) for (const size of [1, 2, 3]) expect(await walk(size, page(client), own)).toEqual(own);
  // The society itself: not its response to a CONFIDENTIAL need still closed to it (not invited, response not accepted).
  const closed = new Set(
    (await prisma.response.findMany({ where: { societyId: w.ids.society, status: { not: "ACCEPTED" }, need: { visibility: "CONFIDENTIAL" } }, select: { id: true } })).map((r) => toGlobalId("Response", r.id)),
  );
  expect(closed.size).toBe(1);
  const ownOpen = own.filter((id) => !closed.has(id));
  for (const size of [1, 2, 3]) expect(await walk(size, page(w.as.society), ownOpen)).toEqual(ownOpen);
  // The need's enterprise sees the responses to its needs (not the one to the stranger's confidential need).
  const toOwner = (await prisma.response.findMany({ where: { societyId: w.ids.society, need: { enterpriseId: w.ids.owner } }, orderBy: { id: "desc" } })).map((r) => toGlobalId("Response", r.id));
  expect(toOwner).toHaveLength(own.length - 1);
  for (const size of [1, 2, 3]) expect(await walk(size, page(w.as.owner), toOwner)).toEqual(toOwner);
  for (const client of [w.as.otherEnterprise, w.as.otherSociety, t.anonymous]) expect(await page(client)(100, null)).toMatchObject({ totalCount: 0, edges: [] });
});

test("matchesForSupplier lists the open needs that fit, best first, and pages with after", async () => {
  const prisma = t.hub.database.prisma;
  const fit = (
    await prisma.match.findMany({
      where: { supplierKind: "EXPERT", supplierId: w.ids.expert, status: { notIn: ["REJECTED", "CLOSED"] }, need: { status: { in: ["OPEN", "IN_DOCKING"] } } },
      orderBy: [{ score: "desc" }, { id: "asc" }],
    })
  ).map((m) => toGlobalId("Match", m.id));
  const list = async (first: number, after: string | null) => (await t.admin.data(MatchesForSupplierPageDocument, { supplierId: w.gids.expert, first, after })).matchesForSupplier;
  expect((await list(100, null)).map((m) => m.id)).toEqual(fit);
  for (const size of [1, 2, 3]) {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const rows = await list(size, after);
      seen.push(...rows.map((m) => m.id));
      if (rows.length < size) break;
      after = rows[rows.length - 1].id;
    }
    expect(seen).toEqual(fit);
  }
  expect(errorOf(await t.admin.request(MatchesForSupplierPageDocument, { supplierId: w.gids.expert, first: 2, after: "not-an-id" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
});

test("a page of myMatches with needs, suppliers and their capacity costs the same statements for 12 rows as for all", async () => {
  const query = `query($first: Int) { myMatches(first: $first) { totalCount edges { node { id need { id title } supplier { __typename ... on Expert { id name openEngagements available } ... on Society { id name } } } } } }`;
  const cost = async (first: number) => {
    const before = t.hub.database.statements();
    const data = await w.as.society.data<{ myMatches: { edges: unknown[] } }>(query, { first });
    return { statements: t.hub.database.statements() - before, rows: data.myMatches.edges.length };
  };
  await cost(12); // warms what a first request reads once (the viewer's row, reference data)
  // 12 rows already hold every kind of row (experts, the society, a CONFIDENTIAL need): the rest adds rows, not statements.
  const some = await cost(12);
  const all = await cost(100);
  expect(all.rows).toBeGreaterThan(some.rows);
  expect(all.statements).toBe(some.statements);
});
