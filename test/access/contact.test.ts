import { parse } from "graphql";
import type { Client } from "graphql-ws";
import type { GqlClient } from "../support/client";
import { createEnterprise, createExpert, createPlatform, createSociety, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { subscribe, wsClient, settle } from "../support/ws";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { dbId } from "../workflow/world";

// Contact (programme.graphql): the organisation itself (an expert: also the societies they belong to), ADMIN, and
// the other party of an ACCEPTED invitation or ACCEPTED response; null for everyone else, ANALYST included, through
// every door: the type through node(id:) and the directories, Match.supplier, TechNeed.enterprise, Response.society
// and .experts, Invitation.supplier, Expert.email / .phone, and a subscription's payload.
//
// The cast: E posts need N (PUBLIC). Expert X (of society S) accepted E's invitation on N; platform P accepted its
// invitation; society S2 was invited and has not answered. On need N2, E accepted S's response offering expert X2
// (of S). E2 is another enterprise, S3 another society, A an analyst.
let t: TestHub;
const sockets: Client[] = [];
const ids = {} as Record<"E" | "E2" | "S" | "S2" | "S3" | "X" | "X2" | "P" | "N" | "N2" | "matchX" | "response", number>;
const as = {} as Record<"E" | "E2" | "S" | "S2" | "S3" | "X" | "X2" | "P" | "A", GqlClient>;

const contactOf = (who: string) => ({ person: `联系人${who}`, phone: "13800000000", email: `${who.toLowerCase()}@contact.test` });
const gid = {
  Enterprise: (id: number) => toGlobalId("Enterprise", id),
  Society: (id: number) => toGlobalId("Society", id),
  InnovationPlatform: (id: number) => toGlobalId("InnovationPlatform", id),
  Expert: (id: number) => toGlobalId("Expert", id),
};

beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  const prisma = t.hub.database.prisma;
  const [E, E2, S, S2, S3] = [await createEnterprise(t.admin), await createEnterprise(t.admin), await createSociety(t.admin), await createSociety(t.admin), await createSociety(t.admin)];
  const X = await createExpert(t.admin, { societyIds: [S.id], email: "x@expert.test", phone: "13900000001" });
  const X2 = await createExpert(t.admin, { societyIds: [S.id], email: "x2@expert.test", phone: "13900000002" });
  const P = await createPlatform(t.admin);
  Object.assign(ids, { E: dbId(E.id), E2: dbId(E2.id), S: dbId(S.id), S2: dbId(S2.id), S3: dbId(S3.id), X: dbId(X.id), X2: dbId(X2.id), P: dbId(P.id) });
  for (const k of ["E", "E2"] as const) await prisma.enterprise.update({ where: { id: ids[k] }, data: { contact: contactOf(k) } });
  for (const k of ["S", "S2", "S3"] as const) await prisma.society.update({ where: { id: ids[k] }, data: { contact: contactOf(k) } });
  for (const k of ["X", "X2"] as const) await prisma.expert.update({ where: { id: ids[k] }, data: { contact: contactOf(k) } });
  await prisma.innovationPlatform.update({ where: { id: ids.P }, data: { contact: contactOf("P") } });

  const need = (title: string) =>
    prisma.techNeed.create({
      data: { enterpriseId: ids.E, title, description: "储能电站电池热管理改进。", chainCode: "NEW_ENERGY", kind: "JOINT_RD", keywords: ["储能"], status: "OPEN", visibility: "PUBLIC", openedAt: new Date() },
    });
  ids.N = (await need("联系方式测试需求一")).id;
  ids.N2 = (await need("联系方式测试需求二")).id;
  const match = (kind: "EXPERT" | "PLATFORM" | "SOCIETY", supplier: number, status: "ACCEPTED" | "SUGGESTED") =>
    prisma.match.create({
      data: {
        needId: ids.N, supplierKind: kind, supplierId: supplier, score: 0.8, rank: 1, breakdown: [], matchedTerms: ["储能"], status,
      },
    });
  const invite = async (kind: "EXPERT" | "PLATFORM" | "SOCIETY", supplier: number, status: "ACCEPTED" | "PENDING") => {
    const m = await match(kind, supplier, status === "ACCEPTED" ? "ACCEPTED" : "SUGGESTED");
    await prisma.invitation.create({
      data: { needId: ids.N, matchId: m.id, supplierKind: kind, supplierId: m.supplierId, status, answeredAt: status === "ACCEPTED" ? new Date() : null },
    });
    return m.id;
  };
  ids.matchX = await invite("EXPERT", ids.X, "ACCEPTED");
  await invite("PLATFORM", ids.P, "ACCEPTED");
  await invite("SOCIETY", ids.S2, "PENDING");
  ids.response = (
    await prisma.response.create({ data: { needId: ids.N2, societyId: ids.S, proposal: "学会组织专家提供液冷方案。", status: "ACCEPTED", experts: { create: [{ expertId: ids.X2 }] } } })
  ).id;

  as.E = await userClient(t, "ENTERPRISE", E.id);
  as.E2 = await userClient(t, "ENTERPRISE", E2.id);
  as.S = await userClient(t, "SOCIETY", S.id);
  as.S2 = await userClient(t, "SOCIETY", S2.id);
  as.S3 = await userClient(t, "SOCIETY", S3.id);
  as.X = await userClient(t, "EXPERT", X.id);
  as.X2 = await userClient(t, "EXPERT", X2.id);
  as.P = await userClient(t, "EXPERT", P.id);
  as.A = await userClient(t, "ANALYST", null);
}, 120_000);

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.stop();
});

type Owner = keyof typeof gid;
const FRAGMENT: Record<Owner, string> = {
  Enterprise: "... on Enterprise { contact { person phone email } }",
  Society: "... on Society { contact { person phone email } }",
  InnovationPlatform: "... on InnovationPlatform { contact { person phone email } }",
  Expert: "... on Expert { contact { person phone email } email phone }",
};

/** The contact `client` reads through node(id:); for experts also email and phone. */
async function throughNode(client: GqlClient, owner: Owner, id: number) {
  const data = await client.data<{ node: Record<string, unknown> | null }>(`query($id: ID!) { node(id: $id) { ${FRAGMENT[owner]} } }`, { id: gid[owner](id) });
  return data.node;
}

const seen = (who: string, expert?: "x" | "x2") => ({ contact: contactOf(who), ...(expert ? { email: `${expert}@expert.test`, phone: expert === "x" ? "13900000001" : "13900000002" } : {}) });
const hidden = (expert = false) => ({ contact: null, ...(expert ? { email: null, phone: null } : {}) });

describe("node(id:): who reads whose contact", () => {
  // [reader, owner, id, sees]
  const cases: Array<[keyof typeof as | "admin" | "anonymous", Owner, keyof typeof ids, string | null]> = [
    // the organisation itself and ADMIN
    ["E", "Enterprise", "E", "E"],
    ["S", "Society", "S", "S"],
    ["P", "InnovationPlatform", "P", "P"],
    ["X", "Expert", "X", "X"],
    ["S", "Expert", "X", "X"], // the society the expert belongs to
    ["admin", "Expert", "X", "X"],
    ["admin", "Society", "S3", "S3"],
    // the other party: E ↔ the accepted invitations (X, P) and the accepted response (S with X2)
    ["E", "Expert", "X", "X"],
    ["E", "InnovationPlatform", "P", "P"],
    ["E", "Society", "S", "S"],
    ["E", "Expert", "X2", "X2"],
    ["X", "Enterprise", "E", "E"],
    ["P", "Enterprise", "E", "E"],
    ["S", "Enterprise", "E", "E"],
    ["X2", "Enterprise", "E", "E"],
    // not accepted (yet): S2 was invited, has not answered
    ["E", "Society", "S2", null],
    ["S2", "Enterprise", "E", null],
    // third parties
    ["E2", "Expert", "X", null],
    ["E2", "InnovationPlatform", "P", null],
    ["E2", "Society", "S", null],
    ["E2", "Enterprise", "E", null],
    ["E", "Enterprise", "E2", null],
    ["S3", "Enterprise", "E", null],
    ["S3", "Expert", "X", null],
    ["X2", "Expert", "X", null],
    ["P", "Expert", "X", null],
    ["A", "Expert", "X", null],
    ["A", "Enterprise", "E", null],
    ["A", "Society", "S", null],
    ["anonymous", "Expert", "X", null],
    ["anonymous", "Enterprise", "E", null],
  ];
  test.each(cases)("%s reads %s %s's contact → %s", async (reader, owner, key, expected) => {
    const id = () => ids[key];
    const client = reader === "admin" ? t.admin : reader === "anonymous" ? t.anonymous : as[reader];
    const node = await throughNode(client, owner, id());
    const expert = owner === "Expert" ? (id() === ids.X ? "x" : "x2") : undefined;
    expect(node).toEqual(expected ? seen(expected, expert) : hidden(owner === "Expert"));
  });
});

test("directories: a list shows each row's contact by the same rule", async () => {
  const q = `{ experts(first: 100) { edges { node { id contact { person } email } } } societies(first: 100) { edges { node { id contact { person } } } } }`;
  type Row = { id: string; contact: { person: string } | null; email?: string | null };
  const read = async (client: GqlClient) => {
    const d = await client.data<{ experts: { edges: Array<{ node: Row }> }; societies: { edges: Array<{ node: Row }> } }>(q);
    const shown = [...d.experts.edges, ...d.societies.edges].filter((e) => e.node.contact !== null).map((e) => e.node.contact!.person);
    return shown.sort();
  };
  expect(await read(as.E)).toEqual(["联系人S", "联系人X", "联系人X2"]);
  expect(await read(as.E2)).toEqual([]);
  expect(await read(as.A)).toEqual([]);
  expect(await read(as.S)).toEqual(["联系人S", "联系人X", "联系人X2"]); // its own and its members'
  expect(await read(as.S3)).toEqual(["联系人S3"]);
});

test("nested doors: Match.supplier, TechNeed.enterprise, Response.society / .experts, Invitation.supplier", async () => {
  const q = `query($n: ID!, $n2: ID!) {
    n: node(id: $n) { ... on TechNeed {
      enterprise { contact { person } }
      matches(first: 10) { supplier { ${FRAGMENT.Expert} ${FRAGMENT.InnovationPlatform} ${FRAGMENT.Society} } }
      invitations { supplier { ... on Expert { contact { person } } ... on InnovationPlatform { contact { person } } ... on Society { contact { person } } } }
    } }
    n2: node(id: $n2) { ... on TechNeed { enterprise { contact { person } } responses { society { contact { person } } experts { contact { person } email } } } }
  }`;
  type Need = {
    enterprise: { contact: { person: string } | null };
    matches?: Array<{ supplier: { contact: { person: string } | null } }>;
    invitations?: Array<{ supplier: { contact: { person: string } | null } }>;
    responses?: Array<{ society: { contact: { person: string } | null }; experts: Array<{ contact: { person: string } | null; email: string | null }> }>;
  };
  const read = async (client: GqlClient) => {
    const d = await client.data<{ n: Need; n2: Need }>(q, { n: toGlobalId("TechNeed", ids.N), n2: toGlobalId("TechNeed", ids.N2) });
    const persons = (list: Array<{ supplier: { contact: { person: string } | null } }> | undefined) => (list ?? []).map((m) => m.supplier.contact?.person ?? null).sort();
    return {
      enterpriseOnN: d.n.enterprise.contact?.person ?? null,
      enterpriseOnN2: d.n2.enterprise.contact?.person ?? null,
      matchSuppliers: persons(d.n.matches),
      invitationSuppliers: persons(d.n.invitations),
      responseSociety: (d.n2.responses ?? []).map((r) => r.society.contact?.person ?? null),
      responseExperts: (d.n2.responses ?? []).flatMap((r) => r.experts.map((x) => [x.contact?.person ?? null, x.email])),
    };
  };
  // The need's enterprise: its accepted suppliers' contacts, not the unanswered S2's.
  expect(await read(as.E)).toEqual({
    enterpriseOnN: "联系人E",
    enterpriseOnN2: "联系人E",
    matchSuppliers: [null, "联系人P", "联系人X"].sort(),
    invitationSuppliers: [null, "联系人P", "联系人X"].sort(),
    responseSociety: ["联系人S"],
    responseExperts: [["联系人X2", "x2@expert.test"]],
  });
  // Another enterprise sees the public needs and their matches, no contact at all.
  expect(await read(as.E2)).toEqual({ enterpriseOnN: null, enterpriseOnN2: null, matchSuppliers: [null, null, null], invitationSuppliers: [], responseSociety: [], responseExperts: [] });
  // ANALYST sees every row, no contact but the ones it has none of.
  expect(await read(as.A)).toEqual({
    enterpriseOnN: null,
    enterpriseOnN2: null,
    matchSuppliers: [null, null, null],
    invitationSuppliers: [null, null, null],
    responseSociety: [null],
    responseExperts: [[null, null]],
  });
  // The accepted expert reads the enterprise through the need.
  expect((await as.X.data<{ node: { enterprise: { contact: { person: string } | null } } }>(`query($id: ID!) { node(id: $id) { ... on TechNeed { enterprise { contact { person } } } } }`, { id: toGlobalId("TechNeed", ids.N) })).node.enterprise.contact).toEqual({ person: "联系人E" });
  // S2, invited and not answering, does not.
  expect((await as.S2.data<{ node: { enterprise: { contact: unknown } } }>(`query($id: ID!) { node(id: $id) { ... on TechNeed { enterprise { contact { person } } } } }`, { id: toGlobalId("TechNeed", ids.N) })).node.enterprise.contact).toBeNull();
});

test("a subscription payload: the match's supplier's contact reaches the need's enterprise, not another enterprise", async () => {
  const doc = parse(`subscription($needId: ID!) { matchStatusChanged(needId: $needId) { id status supplier { ... on Expert { contact { person } email phone } } need { enterprise { contact { person } } } } }`);
  const listen = (client: GqlClient) => {
    const socket = wsClient(t.hub.url.replace("http", "ws"), client.token);
    sockets.push(socket);
    return subscribe<{ matchStatusChanged: { id: string; status: string; supplier: unknown; need: { enterprise: unknown } } }, { needId: string }>(socket, doc as never, { needId: toGlobalId("TechNeed", ids.N) });
  };
  const own = listen(as.E);
  const other = listen(as.E2);
  const analyst = listen(as.A);
  await settle(500);
  await as.E.data(`mutation($id: ID!) { setMatchStatus(id: $id, status: DOCKED) { id } }`, { id: toGlobalId("Match", ids.matchX) });
  const [mine] = await own.waitFor(1);
  const [theirs] = await other.waitFor(1);
  const [staff] = await analyst.waitFor(1);
  expect(mine.matchStatusChanged).toMatchObject({ status: "DOCKED", supplier: { contact: { person: "联系人X" }, email: "x@expert.test", phone: "13900000001" }, need: { enterprise: { contact: { person: "联系人E" } } } });
  expect(theirs.matchStatusChanged).toMatchObject({ status: "DOCKED", supplier: { contact: null, email: null, phone: null }, need: { enterprise: { contact: null } } });
  expect(staff.matchStatusChanged).toMatchObject({ status: "DOCKED", supplier: { contact: null, email: null, phone: null }, need: { enterprise: { contact: null } } });
});

test("a page of matches asks whether the viewer is a contact's other party once, not once per match", async () => {
  const prisma = t.hub.database.prisma;
  // Ten more experts, each having accepted an invitation on a fresh need of E.
  const need = await prisma.techNeed.create({
    data: { enterpriseId: ids.E, title: "联系方式批量测试", description: "储能。", chainCode: "NEW_ENERGY", kind: "JOINT_RD", keywords: ["储能"], status: "OPEN", visibility: "PUBLIC", openedAt: new Date() },
  });
  for (let i = 0; i < 10; i++) {
    const x = await prisma.expert.create({ data: { name: `批量专家${i}`, expertise: "储能", keywords: [], contact: contactOf(`B${i}`) } });
    const m = await prisma.match.create({ data: { needId: need.id, supplierKind: "EXPERT", supplierId: x.id, score: 0.5, rank: i + 1, breakdown: [], matchedTerms: [], status: "ACCEPTED" } });
    if (i % 2 === 0) await prisma.invitation.create({ data: { needId: need.id, matchId: m.id, supplierKind: "EXPERT", supplierId: x.id, status: "ACCEPTED" } });
  }
  const page = async (first: number) => {
    const before = t.hub.database.statements();
    const d = await as.E.data<{ node: { matches: Array<{ supplier: { contact: { person: string } | null } }> } }>(
      `query($id: ID!, $first: Int) { node(id: $id) { ... on TechNeed { matches(first: $first) { supplier { ... on Expert { contact { person } } } } } } }`,
      { id: toGlobalId("TechNeed", need.id), first },
    );
    return { statements: t.hub.database.statements() - before, shown: d.node.matches.map((m) => m.supplier.contact?.person ?? null).filter(Boolean).sort() };
  };
  const small = await page(2);
  const large = await page(10);
  expect(large.shown).toEqual(["联系人B0", "联系人B2", "联系人B4", "联系人B6", "联系人B8"]);
  expect(small.shown).toEqual(["联系人B0"]);
  // The contact rule's loader batches: ten suppliers cost the statements two do.
  expect(large.statements).toBe(small.statements);
});
