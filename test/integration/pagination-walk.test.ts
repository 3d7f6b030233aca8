import type { GqlClient } from "../support/client";
import { createExpert, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { buildWorld, type World } from "../workflow/world";

// Every connection walked in pages of 1, 2, 3 and 100 (issue 23 §3): the same rows in the same order as one page of
// everything, none twice, hasNextPage true exactly while rows remain (also when exactly `first` rows remain, the
// off-by-one a keyset page makes most easily), endCursor null on an empty page, totalCount the length of the walk.
let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
  // Enough rows that some walks end on a full page and some on a partial one.
  for (let i = 0; i < 6; i++) await postNeed(w.as.owner, w.gids.owner, { title: `分页遍历测试需求 ${i}：储能热管理` });
  for (let i = 0; i < 4; i++) await createExpert(t.admin, { societyIds: [w.gids.society] });
}, 180_000);
afterAll(() => t?.stop());

interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A connection reached by a path of fields; `args` are the other arguments it takes. */
interface Walked {
  name: string;
  client: () => GqlClient;
  /** The document around `CONNECTION` (first/after and the selection are put in). */
  shape: string;
  variables?: Record<string, unknown>;
  pick(data: unknown): Page;
}

const SELECTION = `totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor }`;
const root = (field: string, as: () => GqlClient, args = ""): Walked => ({
  name: field,
  client: as,
  shape: `query Walk($first: Int!, $after: String) { ${field}(first: $first, after: $after${args}) { ${SELECTION} } }`,
  pick: (data) => (data as Record<string, Page>)[field],
});
const nested = (name: string, as: () => GqlClient, id: () => string, type: string, field: string): Walked => ({
  name,
  client: as,
  shape: `query Walk($id: ID!, $first: Int!, $after: String) { node(id: $id) { ... on ${type} { ${field}(first: $first, after: $after) { ${SELECTION} } } } }`,
  get variables() {
    return { id: id() };
  },
  pick: (data) => (data as { node: Record<string, Page> }).node[field],
});

const connections = (): Walked[] => [
  ...["needs", "enterprises", "experts", "platforms", "societies", "universities", "users", "deals", "registrations", "serviceRecords", "workstations", "auditEvents", "invitations"].map((f) =>
    root(f, () => t.admin),
  ),
  root("notifications", () => w.as.society),
  root("myMatches", () => w.as.society),
  root("savedQueries", () => w.as.analyst),
  nested("Enterprise.needs", () => w.as.owner, () => w.gids.owner, "Enterprise", "needs"),
  nested("Society.experts", () => t.admin, () => w.gids.society, "Society", "experts"),
  nested("Society.responses", () => t.admin, () => w.gids.society, "Society", "responses"),
];

async function walk(c: Walked, first: number): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = c.pick(await c.client().data(c.shape, { ...(c.variables ?? {}), first, after }));
    total = page.totalCount;
    ids.push(...page.edges.map((e) => e.node.id));
    expect(page.edges.length).toBeLessThanOrEqual(first);
    const remaining = total - ids.length;
    // More rows exist exactly when the page says so, whether a full page or none remains.
    expect({ at: ids.length, hasNextPage: page.pageInfo.hasNextPage }).toEqual({ at: ids.length, hasNextPage: remaining > 0 });
    if (page.edges.length) expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
    else expect(page.pageInfo.endCursor).toBeNull();
    if (!page.pageInfo.hasNextPage) return { ids, total };
    expect(page.edges.length).toBe(first);
    after = page.pageInfo.endCursor;
  }
  throw new Error(`${c.name}: the walk did not end`);
}

test("every connection walked in pages of 1, 2, 3 and 100 gives the same rows in the same order, none twice", async () => {
  const walked: Record<string, number> = {};
  for (const c of connections()) {
    const whole = await walk(c, 100);
    expect({ connection: c.name, rows: whole.ids.length }).toEqual({ connection: c.name, rows: whole.total });
    expect(new Set(whole.ids).size).toBe(whole.ids.length);
    for (const first of [1, 2, 3]) {
      const paged = await walk(c, first);
      expect({ connection: c.name, first, ids: paged.ids }).toEqual({ connection: c.name, first, ids: whole.ids });
    }
    walked[c.name] = whole.ids.length;
  }
  // The walks mean something: the busy connections hold several pages of 3.
  expect(walked.needs).toBeGreaterThanOrEqual(6);
  expect(walked["Society.experts"]).toBeGreaterThan(3);
});

test("first: 0 answers an empty page that still says whether rows exist; first beyond 100 is refused, naming first", async () => {
  const empty = (await t.admin.data<{ needs: Page }>(`{ needs(first: 0) { ${SELECTION} } }`)).needs;
  expect(empty).toMatchObject({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  expect(empty.totalCount).toBeGreaterThan(0);
  const refused = await t.admin.request(`{ needs(first: 101) { totalCount } }`);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
});

test("a budget whose least and most are equal is accepted", async () => {
  const need = await postNeed(w.as.owner, w.gids.owner, { title: "预算上下限相同的需求：储能热管理", budgetMin: 200_000, budgetMax: 200_000 } as never);
  const read = await w.as.owner.data<{ node: { budgetMin: number; budgetMax: number } }>(`query($id: ID!) { node(id: $id) { ... on TechNeed { budgetMin budgetMax } } }`, { id: need.id });
  expect(read.node).toEqual({ budgetMin: 200_000, budgetMax: 200_000 });
});
