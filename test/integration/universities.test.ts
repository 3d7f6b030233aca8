import { errorOf } from "../support/client";
import { createEnterprise, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

// 高校院所, the fourth kind of supplier (issue 23): an ADMIN creates one, the engine matches it to a need of its
// field, and every door shows it as a `Supplier` (Match.supplier, node(id:), matchesForSupplier), its contact to ADMIN only.
const CREATE = `mutation($input: CreateUniversityInput!) { createUniversity(input: $input) { id name kind disciplines strengths industryChainCodes } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateUniversityInput!) { updateUniversity(id: $id, input: $input) { id name } }`;
const SUPPLIER = `... on University { __typename id name kind } ... on Expert { __typename id name } ... on InnovationPlatform { __typename id name } ... on Society { __typename id name }`;
const NEED_MATCHES = `query($id: ID!) { need: node(id: $id) { ... on TechNeed { matches(first: 30) { supplierKind reason supplier { ${SUPPLIER} } } } } }`;

let t: TestHub;
let university: { id: string; name: string };
let enterpriseId: string;
beforeAll(async () => {
  t = await startTestHub();
  enterpriseId = (await createEnterprise(t.admin, { industryChainCodes: ["NEW_ENERGY"] })).id;
  university = (
    await t.admin.data<{ createUniversity: { id: string; name: string } }>(CREATE, {
      input: {
        name: "南阳理工学院",
        disciplines: ["储能科学与工程", "电池热管理"],
        strengths: "储能电池热失控预警算法、液冷热管理系统设计与电池簇温差控制，可开展校企联合研发。",
        industryChainCodes: ["NEW_ENERGY"],
        contact: { person: "科技处", phone: "0377-62076300" },
      },
    })
  ).createUniversity;
}, 120_000);
afterAll(() => t?.stop());

test("an ADMIN creates an institute; others may not", async () => {
  expect(university.name).toBe("南阳理工学院");
  const enterprise = await userClient(t, "ENTERPRISE", enterpriseId);
  const refused = await enterprise.request(CREATE, { input: { name: "南阳师范学院", disciplines: ["化学"], strengths: "材料" } });
  expect(errorOf(refused)?.code).toBe("FORBIDDEN");
  const unknownChain = await t.admin.request(CREATE, { input: { name: "河南省农业科学院", disciplines: ["作物育种"], strengths: "小麦", industryChainCodes: ["NOPE"] } });
  expect(errorOf(unknownChain)?.field).toBe("input.industryChainCodes");
  const duplicate = await t.admin.request(CREATE, { input: { name: "南阳理工学院", disciplines: ["机械"], strengths: "机械" } });
  expect(errorOf(duplicate)?.code).toBe("CONFLICT");
});

test("a need of its field is matched to it, and the match names it as a University", async () => {
  const need = await postNeed(t.admin, enterpriseId);
  const { need: read } = await t.admin.data<{ need: { matches: Array<{ supplierKind: string; reason: string; supplier: { __typename: string; id: string; name: string } }> } }>(NEED_MATCHES, { id: need.id });
  const found = read.matches.find((m) => m.supplierKind === "UNIVERSITY");
  expect(found?.supplier).toEqual({ __typename: "University", id: university.id, name: "南阳理工学院", kind: "UNIVERSITY" });
  expect(found?.reason).toContain("高校");

  const byNode = await t.admin.data<{ node: { __typename: string; name: string } }>(`query($id: ID!) { node(id: $id) { __typename ... on University { name } } }`, { id: university.id });
  expect(byNode.node).toEqual({ __typename: "University", name: "南阳理工学院" });
  const forSupplier = await t.admin.data<{ matchesForSupplier: Array<{ supplier: { id: string } }> }>(`query($id: ID!) { matchesForSupplier(supplierId: $id) { supplier { ${SUPPLIER} } } }`, { id: university.id });
  expect(forSupplier.matchesForSupplier.map((m) => m.supplier.id)).toEqual([university.id]);
});

test("its contact is ADMIN's only", async () => {
  const query = `query { universities(first: 5) { totalCount edges { node { name contact { person } } } } }`;
  const asAdmin = await t.admin.data<{ universities: { edges: Array<{ node: { contact: { person: string } | null } }> } }>(query);
  expect(asAdmin.universities.edges[0].node.contact).toEqual({ person: "科技处" });
  const enterprise = await userClient(t, "ENTERPRISE", enterpriseId);
  const asEnterprise = await enterprise.data<{ universities: { totalCount: number; edges: Array<{ node: { contact: unknown } }> } }>(query);
  expect(asEnterprise.universities.totalCount).toBe(1);
  expect(asEnterprise.universities.edges[0].node.contact).toBeNull();
});

test("deactivated, it leaves the index and its suggestions go", async () => {
  await t.admin.data(UPDATE, { id: university.id, input: { active: false } });
  const need = await postNeed(t.admin, enterpriseId, { title: "储能电池热管理与热失控预警合作" });
  const { need: read } = await t.admin.data<{ need: { matches: Array<{ supplierKind: string }> } }>(NEED_MATCHES, { id: need.id });
  expect(read.matches.some((m) => m.supplierKind === "UNIVERSITY")).toBe(false);
  const left = await t.hub.database.prisma.match.count({ where: { supplierKind: "UNIVERSITY", status: "SUGGESTED" } });
  expect(left).toBe(0);
});

test("an institute may serve every one of the plan's 21 chains, as any other supplier may", async () => {
  // The reference data seeds 9 of them; an administrator completes the list.
  const prisma = t.hub.database.prisma;
  const seeded = await prisma.industryChain.count();
  await prisma.industryChain.createMany({ data: Array.from({ length: 21 - seeded }, (_, i) => ({ code: `CHAIN_${i}`, name: `产业链${i}`, sortOrder: 100 + i })) });
  const chains = await prisma.industryChain.findMany({ select: { code: true } });
  expect(chains).toHaveLength(21);
  const all = await t.admin.data<{ createUniversity: { industryChainCodes: string[] } }>(CREATE, {
    input: { name: "河南省科学院", disciplines: ["材料科学"], strengths: "新材料中试与检测", industryChainCodes: chains.map((c) => c.code) },
  });
  expect(all.createUniversity.industryChainCodes).toHaveLength(chains.length);
});
