import { NeedsDocument } from "../generated/operations";
import { decodeGlobalId } from "../../src/infra/relay/global-id";
import { createEnterprise, createExpert, createPlatform, createSociety, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  const society = await createSociety(t.admin);
  for (let i = 0; i < 3; i++) await createExpert(t.admin, { societyIds: [society.id] });
  await createPlatform(t.admin);
  const enterprises = await Promise.all([1, 2, 3, 4, 5].map(() => createEnterprise(t.admin)));
  for (let i = 0; i < 50; i++) await postNeed(t.admin, enterprises[i % 5].id, { title: `储能电池热失控预警需求${i}` });
}, 120_000);
afterAll(() => t?.stop());

/** SQL statements that one request costs, read from the server's own counter. */
async function statementsFor(first: number): Promise<{ statements: number; needs: number; matches: number }> {
  const before = t.hub.database.statements();
  const data = await t.admin.data(NeedsDocument, { first, matches: 5 });
  const statements = t.hub.database.statements() - before;
  const matches = data.needs.edges.reduce((n, e) => n + e.node.matches.length, 0);
  return { statements, needs: data.needs.edges.length, matches };
}

test("a page of needs with enterprise, region, chain and matches (with suppliers) costs a fixed number of statements", async () => {
  const small = await statementsFor(5);
  const large = await statementsFor(50);
  expect(large.needs).toBe(50);
  expect(large.matches).toBeGreaterThan(50); // every need has matches, so the nested loaders really ran
  // Loaders batch per relation: the count does not grow with the page size.
  expect(large.statements).toBe(small.statements);
  expect(large.statements).toBeLessThanOrEqual(12);
});

test("a supplier asked for its type, or its name, is answered from the match rows: no supplier table is read", async () => {
  const query = (supplier: string) => `query { needs(first: 20) { edges { node { matches(first: 5) { id supplier { ${supplier} } } } } } }`;
  const cost = async (supplier: string) => {
    const before = t.hub.database.statements();
    const data = await t.admin.data<{ needs: { edges: Array<{ node: { matches: Array<{ supplier: { __typename: string; id?: string; name?: string } }> } }> } }>(query(supplier));
    return { statements: t.hub.database.statements() - before, suppliers: data.needs.edges.flatMap((e) => e.node.matches.map((m) => m.supplier)) };
  };
  const typeOnly = await cost("__typename");
  const named = await cost("__typename ... on Expert { id name } ... on InnovationPlatform { id name } ... on Society { id name }");
  const whole = await cost("__typename ... on Expert { id name title } ... on InnovationPlatform { id name } ... on Society { id name }");
  expect(typeOnly.suppliers.length).toBeGreaterThan(20);
  // The same suppliers, in the same order, however they are read.
  expect(typeOnly.suppliers.map((s) => s.__typename)).toEqual(whole.suppliers.map((s) => s.__typename));
  expect(named.suppliers).toEqual(whole.suppliers.map(({ __typename, id, name }) => ({ __typename, id, name })));
  expect(new Set(named.suppliers.map((s) => s.__typename)).size).toBeGreaterThan(1);
  // Names and ids come joined to the match rows (matchRead); any other field reads the suppliers' rows.
  expect(named.statements).toBe(typeOnly.statements);
  expect(whole.statements).toBeGreaterThan(named.statements);
  // All three in one operation: what each list of matches and its suppliers reads is decided per list (matchRead,
  // supplierRead), so each still gets the answer it has alone, whichever list was resolved first.
  type Lists = Record<"a" | "b" | "c", { edges: Array<{ node: { matches: Array<{ supplier: object }> } }> }>;
  const list = (alias: string, supplier: string) => `${alias}: needs(first: 20) { edges { node { matches(first: 5) { id supplier { ${supplier} } } } } }`;
  const together = await t.admin.data<Lists>(
    `query { ${list("a", "__typename ... on Expert { id name title } ... on InnovationPlatform { id name } ... on Society { id name }")} ${list("b", "__typename")} ${list("c", "__typename ... on Expert { id name } ... on InnovationPlatform { id name } ... on Society { id name }")} }`,
  );
  const suppliersOf = (page: Lists["a"]) => page.edges.flatMap((e) => e.node.matches.map((m) => m.supplier));
  expect(suppliersOf(together.a)).toEqual(whole.suppliers);
  expect(suppliersOf(together.b)).toEqual(typeOnly.suppliers);
  expect(suppliersOf(together.c)).toEqual(named.suppliers);
});

test("a need's enterprise asked for id, name and region only is read brief, with the answers a whole row gives", async () => {
  type Page = { needs: { edges: Array<{ node: { enterprise: { id: string; name: string; region: { code: string; name: string }; creditCode?: string } } }> } };
  const page = (extra: string) => t.admin.data<Page>(`query { needs(first: 30) { edges { node { enterprise { id name region { code name } ${extra} } } } } }`);
  const brief = (await page("")).needs.edges.map((e) => e.node.enterprise);
  const whole = (await page("creditCode")).needs.edges.map((e) => e.node.enterprise);
  expect(new Set(brief.map((e) => e.id)).size).toBe(5);
  expect(brief).toEqual(whole.map(({ creditCode, ...rest }) => rest));
  // A field the brief row lacks reads whole rows (a brief row would answer a non-null field with null: an error).
  const rows = await t.hub.database.prisma.enterprise.findMany();
  for (const e of whole) expect(e.creditCode).toBe(rows.find((r) => decodeGlobalId(e.id)!.id === r.id)!.creditCode);
  // Both in one operation: each selection gets the row it needs, whichever loader ran first.
  const both = await t.admin.data<{ a: Page["needs"]; b: Page["needs"] }>(
    `query { a: needs(first: 30) { edges { node { enterprise { id name region { code name } } } } } b: needs(first: 30) { edges { node { enterprise { id name region { code name } creditCode } } } } }`,
  );
  expect(both.a.edges.map((e) => e.node.enterprise)).toEqual(brief);
  expect(both.b.edges.map((e) => e.node.enterprise)).toEqual(whole);
});

test("an enterprise user's organization comes with the token check: no statement of its own", async () => {
  const enterprise = await createEnterprise(t.admin);
  const member = await userClient(t, "ENTERPRISE", enterprise.id);
  const cost = async (query: string) => {
    const before = t.hub.database.statements();
    const data = await member.data<{ me: { organization: { id: string; name: string; creditCode?: string } } }>(query);
    return { statements: t.hub.database.statements() - before, organization: data.me.organization };
  };
  const home = await cost(`{ me { organization { ... on Enterprise { id name creditCode } } } }`);
  expect(home.organization).toEqual({ id: enterprise.id, name: enterprise.name, creditCode: enterprise.creditCode });
  expect(home.statements).toBe(1); // the token check, which read the user's and the enterprise's rows
});

test("a mutation that renames the viewer's enterprise is seen by the fields after it in the same operation", async () => {
  const enterprise = await createEnterprise(t.admin);
  const member = await userClient(t, "ENTERPRISE", enterprise.id);
  const { p } = await member.data<{ p: { enterprise: { name: string } } }>(
    `mutation($e: ID!) { u: updateEnterprise(id: $e, input: { name: "南阳更名测试科技有限公司" }) { id } p: postNeed(input: { enterpriseId: $e, title: "更名后的需求：储能热管理", description: "更名后发布的需求，企业名称应为新名称。", industryChainCode: "NEW_ENERGY", kind: JOINT_RD, keywords: ["储能"] }) { enterprise { name creditCode } } }`,
    { e: enterprise.id },
  );
  expect(p.enterprise.name).toBe("南阳更名测试科技有限公司");
});

test("an expert read through a loader (without its expertise text) still answers expertise when asked", async () => {
  const expert = await createExpert(t.admin, { expertise: "从事储能电池热失控预警算法研究，开发电池簇液冷热管理系统。" });
  const viaNode = await t.admin.data<{ node: { expertise: string; name: string } }>(
    `query($id: ID!) { node(id: $id) { ... on Expert { name expertise } } }`,
    { id: expert.id },
  );
  expect(viaNode.node).toEqual({ name: expert.name, expertise: "从事储能电池热失控预警算法研究，开发电池簇液冷热管理系统。" });
  // Through match suppliers, many at once: every expert's text is its own (loaded by id, in key order).
  const page = await t.admin.data<{ needs: { edges: Array<{ node: { matches: Array<{ supplier: { id?: string; expertise?: string } }> } }> } }>(
    `query { needs(first: 20) { edges { node { matches(first: 5) { supplier { ... on Expert { id expertise } } } } } } }`,
  );
  const shown = page.needs.edges.flatMap((e) => e.node.matches.map((m) => m.supplier)).filter((s) => s.id);
  expect(shown.length).toBeGreaterThan(0);
  for (const supplier of shown) {
    const own = await t.admin.data<{ node: { expertise: string } }>(`query($id: ID!) { node(id: $id) { ... on Expert { expertise } } }`, { id: supplier.id });
    expect(supplier.expertise).toBe(own.node.expertise);
    expect(supplier.expertise!.length).toBeGreaterThan(0);
  }
});
