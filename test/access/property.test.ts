/**
 * Property test of the access rules (issue 4): random worlds of enterprises, societies (with member experts),
 * platforms, needs of random visibility and status, random matches and responses. For every viewer of the
 * world (anonymous, ADMIN, ANALYST, each enterprise's, society's, expert's and platform's user), every door
 * returns exactly the set the rules allow: no more, no less.
 *
 * The expected sets are computed here from the rules as the issue states them (not from src/modules/access),
 * over a model of everything inserted so far: worlds accumulate in one database, so the unfiltered doors
 * (needs, stats) also prove that earlier worlds do not leak into later ones.
 *
 * Worlds are written with Prisma directly (the API's own writes would run the matching engine, whose matches
 * the test could not choose) and viewers get tokens from the hub's own AuthService, so a run stays fast.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { Prisma } from "../../src/infra/db/database";
import { toGlobalId } from "../../src/infra/relay/global-id";
import type { GqlClient } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";

/** How many random worlds; the default keeps CI fast. */
const WORLDS = Number(process.env.ACCESS_WORLDS ?? 20);

type Visibility = "PUBLIC" | "MEMBERS" | "CONFIDENTIAL";
type Status = "DRAFT" | "OPEN" | "IN_DOCKING" | "RESOLVED" | "CLOSED" | "EXPIRED";
type SupplierKind = "EXPERT" | "PLATFORM" | "SOCIETY";

interface MNeed { id: number; enterpriseId: number; visibility: Visibility; status: Status; budget: number | null }
interface MMatch { id: number; needId: number; kind: SupplierKind; supplierId: number }
interface MResponse { id: number; needId: number; societyId: number; expertIds: number[]; proposal: string }
interface MExpert { id: number; societyIds: number[]; email: string }
interface MUser { id: number; email: string }

/** Everything in the database, as the test inserted it. */
const model = {
  needs: [] as MNeed[],
  matches: [] as MMatch[],
  responses: [] as MResponse[],
  experts: [] as MExpert[],
};

type V =
  | { kind: "anonymous" }
  | { kind: "ADMIN" | "ANALYST"; userId: number }
  | { kind: "ENTERPRISE"; userId: number; enterpriseId: number }
  | { kind: "SOCIETY"; userId: number; societyId: number }
  | { kind: "EXPERT"; userId: number; expertId: number }
  | { kind: "PLATFORM"; userId: number; platformId: number };

// ---------- the rules, as issue 4 states them ----------

const everything = (v: V) => v.kind === "ADMIN" || v.kind === "ANALYST";
const expertById = (id: number) => model.experts.find((x) => x.id === id)!;

/** "Matched to the need or responded to it"; a society's users count as matched when the society or one of its experts is. */
function linked(v: V, n: MNeed): boolean {
  const matches = model.matches.filter((m) => m.needId === n.id);
  const responses = model.responses.filter((r) => r.needId === n.id);
  switch (v.kind) {
    case "SOCIETY":
      return (
        matches.some((m) => (m.kind === "SOCIETY" && m.supplierId === v.societyId) || (m.kind === "EXPERT" && expertById(m.supplierId).societyIds.includes(v.societyId))) ||
        responses.some((r) => r.societyId === v.societyId)
      );
    case "EXPERT":
      return matches.some((m) => m.kind === "EXPERT" && m.supplierId === v.expertId) || responses.some((r) => r.expertIds.includes(v.expertId));
    case "PLATFORM":
      return matches.some((m) => m.kind === "PLATFORM" && m.supplierId === v.platformId);
    default:
      return false;
  }
}

/**
 * Which rule decided, over all worlds: the test asserts at the end that every case occurred, so that each rule
 * was actually exercised (a rule no world reaches could be wrong without the test noticing).
 */
const coverage = new Map<string, number>();
const cover = (name: string): void => void coverage.set(name, (coverage.get(name) ?? 0) + 1);
const CASES = [
  "anonymous: public need",
  "anonymous: members need hidden",
  "own draft",
  "other's draft hidden",
  "members need to a stranger",
  "confidential: unlinked hidden",
  "confidential: society matched",
  "confidential: society through its expert's match",
  "confidential: society responded",
  "confidential: expert matched",
  "confidential: expert offered in a response",
  "confidential: platform matched",
  "budget hidden on a non-public need",
  "response of another society hidden",
] as const;

function coverNeed(v: V, n: MNeed): void {
  if (v.kind === "anonymous") return cover(n.visibility === "PUBLIC" && n.status !== "DRAFT" ? "anonymous: public need" : n.visibility === "MEMBERS" ? "anonymous: members need hidden" : "anonymous: other");
  if (everything(v)) return;
  const own = v.kind === "ENTERPRISE" && v.enterpriseId === n.enterpriseId;
  if (n.status === "DRAFT") return cover(own ? "own draft" : "other's draft hidden");
  if (own) return;
  if (n.visibility === "MEMBERS") return cover("members need to a stranger");
  if (n.visibility !== "CONFIDENTIAL") return;
  const matches = model.matches.filter((m) => m.needId === n.id);
  const responses = model.responses.filter((r) => r.needId === n.id);
  const ways: string[] = [];
  if (v.kind === "SOCIETY") {
    if (matches.some((m) => m.kind === "SOCIETY" && m.supplierId === v.societyId)) ways.push("confidential: society matched");
    if (matches.some((m) => m.kind === "EXPERT" && expertById(m.supplierId).societyIds.includes(v.societyId))) ways.push("confidential: society through its expert's match");
    if (responses.some((r) => r.societyId === v.societyId)) ways.push("confidential: society responded");
  }
  if (v.kind === "EXPERT") {
    if (matches.some((m) => m.kind === "EXPERT" && m.supplierId === v.expertId)) ways.push("confidential: expert matched");
    if (responses.some((r) => r.expertIds.includes(v.expertId))) ways.push("confidential: expert offered in a response");
  }
  if (v.kind === "PLATFORM" && matches.some((m) => m.kind === "PLATFORM" && m.supplierId === v.platformId)) ways.push("confidential: platform matched");
  // a case counts only when it is the one way in: then that rule alone decides
  if (ways.length === 1) cover(ways[0]);
  if (!ways.length) cover("confidential: unlinked hidden");
}

function seesNeed(v: V, n: MNeed): boolean {
  if (v.kind === "anonymous") return n.visibility === "PUBLIC" && n.status !== "DRAFT";
  if (everything(v)) return true;
  if (v.kind === "ENTERPRISE" && v.enterpriseId === n.enterpriseId) return true; // its drafts too
  if (n.status === "DRAFT") return false;
  return n.visibility !== "CONFIDENTIAL" || linked(v, n);
}

/** Budgets of non-public needs: owner, ADMIN, ANALYST; of public ones: every signed-in user. */
function seesBudget(v: V, n: MNeed): boolean {
  if (v.kind === "anonymous") return false;
  return n.visibility === "PUBLIC" || everything(v) || (v.kind === "ENTERPRISE" && v.enterpriseId === n.enterpriseId);
}

/** A response (with its proposal): the responding society, the experts it offers, the need's enterprise, ADMIN, ANALYST. */
function seesResponse(v: V, r: MResponse): boolean {
  const need = model.needs.find((n) => n.id === r.needId)!;
  if (!seesNeed(v, need)) return false;
  if (everything(v)) return true;
  return (
    (v.kind === "SOCIETY" && v.societyId === r.societyId) ||
    (v.kind === "EXPERT" && r.expertIds.includes(v.expertId)) ||
    (v.kind === "ENTERPRISE" && v.enterpriseId === need.enterpriseId)
  );
}

/** Expert contact details: the expert, the societies that manage them, ADMIN, ANALYST. */
function seesContact(v: V, x: MExpert): boolean {
  return everything(v) || (v.kind === "EXPERT" && v.expertId === x.id) || (v.kind === "SOCIETY" && x.societyIds.includes(v.societyId));
}

const seesUser = (v: V, userId: number) => v.kind !== "anonymous" && (everything(v) || v.userId === userId);

// ---------- random worlds ----------

const worldArb = fc.record({
  enterprises: fc.integer({ min: 1, max: 3 }),
  societies: fc.integer({ min: 1, max: 3 }),
  platforms: fc.integer({ min: 0, max: 2 }),
  experts: fc.array(fc.uniqueArray(fc.nat(2), { maxLength: 2 }), { minLength: 1, maxLength: 4 }),
  needs: fc.array(
    fc.record({
      enterprise: fc.nat(2),
      visibility: fc.constantFrom<Visibility>("PUBLIC", "MEMBERS", "CONFIDENTIAL", "CONFIDENTIAL"),
      status: fc.constantFrom<Status>("DRAFT", "OPEN", "OPEN", "IN_DOCKING", "RESOLVED", "CLOSED", "EXPIRED"),
      budget: fc.option(fc.integer({ min: 1, max: 9_999 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  matches: fc.array(fc.record({ need: fc.nat(5), kind: fc.constantFrom<SupplierKind>("EXPERT", "PLATFORM", "SOCIETY"), supplier: fc.nat(3) }), { maxLength: 10 }),
  responses: fc.array(fc.record({ need: fc.nat(5), society: fc.nat(2), experts: fc.uniqueArray(fc.nat(3), { maxLength: 2 }) }), { maxLength: 5 }),
});
type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * A world that reaches every rule case on purpose, run before the random ones (fast-check `examples`), so the
 * coverage check at the end never depends on luck: S0 matched to n0, X1 (of S1) matched to n1, S2 responded
 * to n2 offering X2, P0 matched to n3, a MEMBERS need with a budget, E1's draft, and a PUBLIC need with
 * responses from two societies.
 */
const EVERY_CASE: WorldSpec = {
  enterprises: 2,
  societies: 3,
  platforms: 1,
  experts: [[0], [1], []],
  needs: [
    { enterprise: 0, visibility: "CONFIDENTIAL", status: "OPEN", budget: 100 },
    { enterprise: 0, visibility: "CONFIDENTIAL", status: "IN_DOCKING", budget: 200 },
    { enterprise: 0, visibility: "CONFIDENTIAL", status: "OPEN", budget: null },
    { enterprise: 0, visibility: "CONFIDENTIAL", status: "RESOLVED", budget: 300 },
    { enterprise: 0, visibility: "MEMBERS", status: "OPEN", budget: 50 },
    { enterprise: 1, visibility: "PUBLIC", status: "DRAFT", budget: 10 },
    { enterprise: 1, visibility: "PUBLIC", status: "OPEN", budget: 20 },
  ],
  matches: [
    { need: 0, kind: "SOCIETY", supplier: 0 },
    { need: 1, kind: "EXPERT", supplier: 1 },
    { need: 3, kind: "PLATFORM", supplier: 0 },
    { need: 6, kind: "EXPERT", supplier: 0 },
  ],
  responses: [
    { need: 2, society: 2, experts: [2] },
    { need: 6, society: 0, experts: [0] },
    { need: 6, society: 1, experts: [] },
  ],
};

interface World {
  marker: string;
  enterprises: number[];
  societies: number[];
  experts: MExpert[];
  platforms: number[];
  needs: MNeed[];
  matches: MMatch[];
  responses: MResponse[];
  users: MUser[];
  viewers: Array<{ name: string; viewer: V; client: GqlClient }>;
}

let t: TestHub;
let prisma: Prisma;
let worldCount = 0;
let fixed: Array<{ name: string; viewer: V; client: GqlClient }>;

beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  prisma = t.hub.database.prisma;
  const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
  const analyst = await prisma.user.create({ data: { email: `analyst-${randomUUID()}@hub.test`, passwordHash: "-", role: "ANALYST" } });
  fixed = [
    { name: "anonymous", viewer: { kind: "anonymous" }, client: t.anonymous },
    { name: "ADMIN", viewer: { kind: "ADMIN", userId: admin.id }, client: t.admin },
    { name: "ANALYST", viewer: { kind: "ANALYST", userId: analyst.id }, client: t.anonymous.as(await t.hub.services.auth.tokenFor(analyst)) },
  ];
}, 180_000);
afterAll(() => t?.stop());

async function build(spec: WorldSpec): Promise<World> {
  const w = ++worldCount;
  const marker = `mk${w}x${randomUUID().slice(0, 6)}`;
  const uid = () => randomUUID().slice(0, 8);
  const enterprises: number[] = [];
  for (let i = 0; i < spec.enterprises; i++) {
    enterprises.push((await prisma.enterprise.create({ data: { name: `企业${w}-${i}`, creditCode: `T${uid()}${uid()}`.slice(0, 18), regionCode: "411303" } })).id);
  }
  const societies: number[] = [];
  for (let i = 0; i < spec.societies; i++) {
    societies.push((await prisma.society.create({ data: { name: `学会${w}-${i}-${uid()}`, level: "PROVINCIAL", disciplines: [] } })).id);
  }
  const experts: MExpert[] = [];
  for (const [i, memberOf] of spec.experts.entries()) {
    const societyIds = [...new Set(memberOf.map((s) => societies[s % societies.length]))];
    const email = `x${w}-${i}-${uid()}@expert.test`;
    const row = await prisma.expert.create({
      data: { name: `专家${w}-${i}`, expertise: "储能热管理", keywords: [], email, phone: "13800000000", memberships: { create: societyIds.map((societyId) => ({ societyId })) } },
    });
    experts.push({ id: row.id, societyIds, email });
  }
  const platforms: number[] = [];
  for (let i = 0; i < spec.platforms; i++) {
    platforms.push((await prisma.innovationPlatform.create({ data: { name: `平台${w}-${i}`, kind: "PILOT_BASE", capabilities: "中试" } })).id);
  }
  const needs: MNeed[] = [];
  for (const [i, n] of spec.needs.entries()) {
    const enterpriseId = enterprises[n.enterprise % enterprises.length];
    const row = await prisma.techNeed.create({
      data: {
        enterpriseId,
        title: `需求${i} ${marker}`,
        description: "随机世界的需求",
        chainCode: "NEW_ENERGY",
        kind: "CONSULTING",
        status: n.status,
        visibility: n.visibility,
        budgetMin: n.budget,
        budgetMax: n.budget === null ? null : n.budget + 10,
      },
    });
    needs.push({ id: row.id, enterpriseId, visibility: n.visibility, status: n.status, budget: n.budget });
  }
  const matches: MMatch[] = [];
  const seen = new Set<string>();
  for (const m of spec.matches) {
    const pool = m.kind === "EXPERT" ? experts.map((x) => x.id) : m.kind === "PLATFORM" ? platforms : societies;
    if (!pool.length) continue;
    const need = needs[m.need % needs.length];
    const supplierId = pool[m.supplier % pool.length];
    const key = `${need.id}|${m.kind}|${supplierId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const column = m.kind === "EXPERT" ? "expertId" : m.kind === "PLATFORM" ? "platformId" : "societyId";
    const rank = matches.filter((x) => x.needId === need.id).length + 1;
    const row = await prisma.match.create({
      data: { needId: need.id, supplierKind: m.kind, [column]: supplierId, score: 0.5, rank, breakdown: [], matchedTerms: [] },
    });
    matches.push({ id: row.id, needId: need.id, kind: m.kind, supplierId });
  }
  const responses: MResponse[] = [];
  for (const [i, r] of spec.responses.entries()) {
    const need = needs[r.need % needs.length];
    const societyId = societies[r.society % societies.length];
    const expertIds = [...new Set(r.experts.map((e) => experts[e % experts.length].id))];
    const proposal = `方案${w}-${i}`;
    const row = await prisma.response.create({ data: { needId: need.id, societyId, proposal, experts: { create: expertIds.map((expertId) => ({ expertId })) } } });
    responses.push({ id: row.id, needId: need.id, societyId, expertIds, proposal });
  }
  model.needs.push(...needs);
  model.matches.push(...matches);
  model.responses.push(...responses);
  model.experts.push(...experts);

  // One user for each organisation of the world; tokens from the hub itself (no password hashing needed).
  const users: MUser[] = [];
  const viewers: World["viewers"] = [...fixed];
  const addUser = async (role: "ENTERPRISE" | "SOCIETY" | "EXPERT", link: Record<string, number>, viewer: (userId: number) => V, name: string) => {
    const email = `u${w}-${users.length}-${uid()}@hub.test`;
    const row = await prisma.user.create({ data: { email, passwordHash: "-", role, ...link } });
    users.push({ id: row.id, email });
    viewers.push({ name, viewer: viewer(row.id), client: t.anonymous.as(await t.hub.services.auth.tokenFor(row)) });
  };
  for (const [i, id] of enterprises.entries()) await addUser("ENTERPRISE", { enterpriseId: id }, (userId) => ({ kind: "ENTERPRISE", userId, enterpriseId: id }), `enterprise ${i}`);
  for (const [i, id] of societies.entries()) await addUser("SOCIETY", { societyId: id }, (userId) => ({ kind: "SOCIETY", userId, societyId: id }), `society ${i}`);
  for (const [i, x] of experts.entries()) await addUser("EXPERT", { expertId: x.id }, (userId) => ({ kind: "EXPERT", userId, expertId: x.id }), `expert ${i}`);
  for (const [i, id] of platforms.entries()) await addUser("EXPERT", { platformId: id }, (userId) => ({ kind: "PLATFORM", userId, platformId: id }), `platform ${i}`);
  return { marker, enterprises, societies, experts, platforms, needs, matches, responses, users, viewers };
}

// ---------- the doors ----------

const gid = (type: Parameters<typeof toGlobalId>[0], id: number) => toGlobalId(type, id);
const ids = (conn: { edges: Array<{ node: { id: string } }> }) => conn.edges.map((e) => e.node.id).sort();
const sorted = (list: string[]) => [...list].sort();
const CONN = "{ totalCount edges { node { id } } }";

/** One request with every per-thing door of the world, under aliases. */
function worldQuery(w: World): string {
  const parts = [
    `text: needs(first: 100, filter: { text: "${w.marker}" }) ${CONN}`,
    `stats { needs }`,
    ...w.enterprises.flatMap((id, i) => [
      `ent${i}: node(id: "${gid("Enterprise", id)}") { ... on Enterprise { needs(first: 100) ${CONN} } }`,
      `byEnt${i}: needs(first: 100, filter: { enterpriseId: "${gid("Enterprise", id)}" }) ${CONN}`,
    ]),
    ...w.needs.map(
      (n, i) =>
        `need${i}: node(id: "${gid("TechNeed", n.id)}") { id ... on TechNeed { budgetMin budgetMax matches(first: 100) { id need { id } } responses { id proposal } } }`,
    ),
    ...w.matches.map((m, i) => `match${i}: node(id: "${gid("Match", m.id)}") { id ... on Match { need { id } } }`),
    ...w.responses.map((r, i) => `resp${i}: node(id: "${gid("Response", r.id)}") { id ... on Response { proposal need { id } society { id } } }`),
    ...w.experts.map((x, i) => `exp${i}: node(id: "${gid("Expert", x.id)}") { ... on Expert { email phone } }`),
    ...w.societies.map((s, i) => `soc${i}: node(id: "${gid("Society", s)}") { ... on Society { experts(first: 100) ${CONN} } }`),
    ...w.users.map((u, i) => `user${i}: node(id: "${gid("User", u.id)}") { id ... on User { email } }`),
    ...supplierIds(w).map((s, i) => `sup${i}: matchesForSupplier(supplierId: "${s.gid}", first: 100) { id need { id } }`),
  ];
  return `{\n${parts.join("\n")}\n}`;
}

function supplierIds(w: World): Array<{ kind: SupplierKind; id: number; gid: string }> {
  return [
    ...w.experts.map((x) => ({ kind: "EXPERT" as const, id: x.id, gid: gid("Expert", x.id) })),
    ...w.platforms.map((id) => ({ kind: "PLATFORM" as const, id, gid: gid("InnovationPlatform", id) })),
    ...w.societies.map((id) => ({ kind: "SOCIETY" as const, id, gid: gid("Society", id) })),
  ];
}

/** Every need the viewer can list, page by page (the accumulated worlds pass `first`'s cap). */
async function listAll(client: GqlClient): Promise<{ ids: string[]; totalCount: number }> {
  const found: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const data: { needs: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string } }> } } =
      await client.data(`query($after: String) { needs(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { after });
    totalCount = data.needs.totalCount;
    found.push(...data.needs.edges.map((e) => e.node.id));
    if (!data.needs.pageInfo.hasNextPage) return { ids: found.sort(), totalCount };
    after = data.needs.pageInfo.endCursor;
  }
}

type Conn = { totalCount: number; edges: Array<{ node: { id: string } }> };
type NeedNode = { id: string; budgetMin: number | null; budgetMax: number | null; matches: Array<{ id: string; need: { id: string } }>; responses: Array<{ id: string; proposal: string }> } | null;

async function checkViewer(w: World, name: string, v: V, client: GqlClient): Promise<void> {
  const at = (door: string) => `${name}: ${door}`;
  const needGid = (n: MNeed) => gid("TechNeed", n.id);

  // needs (unfiltered, over every world so far) with totalCount
  const visibleAll = sorted(model.needs.filter((n) => seesNeed(v, n)).map(needGid));
  const listed = await listAll(client);
  expect({ door: at("needs"), ids: listed.ids, totalCount: listed.totalCount }).toEqual({ door: at("needs"), ids: visibleAll, totalCount: visibleAll.length });

  const result = await client.request<Record<string, unknown>>(worldQuery(w));
  expect({ door: at("errors"), errors: result.errors ?? null }).toEqual({ door: at("errors"), errors: null });
  const d = result.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const conn = (door: string, actual: Conn, expected: string[]) =>
    expect({ door: at(door), ids: ids(actual), totalCount: actual.totalCount }).toEqual({ door: at(door), ids: sorted(expected), totalCount: expected.length });

  // the text filter
  conn("needs(filter: text)", d.text, w.needs.filter((n) => seesNeed(v, n)).map(needGid));
  // stats: counts every posted need (confidential ones too), the same for everyone
  expect({ door: at("stats.needs"), value: d.stats.needs }).toEqual({ door: at("stats.needs"), value: model.needs.filter((n) => n.status !== "DRAFT").length });

  for (const [i, e] of w.enterprises.entries()) {
    const mine = w.needs.filter((n) => n.enterpriseId === e && seesNeed(v, n)).map(needGid);
    // anonymous callers may not learn who posted what: listing by enterprise answers nothing for them
    conn(`Enterprise ${i}.needs`, d[`ent${i}`].needs, v.kind === "anonymous" ? [] : mine);
    conn(`needs(filter: enterprise ${i})`, d[`byEnt${i}`], v.kind === "anonymous" ? [] : mine);
  }

  for (const [i, n] of w.needs.entries()) {
    coverNeed(v, n);
    if (seesNeed(v, n) && v.kind !== "anonymous" && n.visibility !== "PUBLIC" && !seesBudget(v, n) && n.budget !== null) cover("budget hidden on a non-public need");
    for (const r of w.responses) if (r.needId === n.id && seesNeed(v, n) && v.kind === "SOCIETY" && r.societyId !== v.societyId && !seesResponse(v, r)) cover("response of another society hidden");
    const node = d[`need${i}`] as NeedNode;
    const door = at(`node(need ${i}: ${n.visibility} ${n.status})`);
    if (!seesNeed(v, n)) {
      expect({ door, node }).toEqual({ door, node: null });
      continue;
    }
    const budget = seesBudget(v, n) && n.budget !== null ? [n.budget, n.budget + 10] : [null, null];
    const matches = w.matches.filter((m) => m.needId === n.id).map((m) => gid("Match", m.id));
    const responses = w.responses.filter((r) => r.needId === n.id && seesResponse(v, r));
    expect({
      door,
      budget: [node!.budgetMin, node!.budgetMax],
      matches: sorted(node!.matches.map((m) => m.id)),
      matchNeeds: [...new Set(node!.matches.map((m) => m.need.id))],
      responses: node!.responses.map((r) => [r.id, r.proposal]).sort(),
    }).toEqual({
      door,
      budget,
      matches: sorted(matches),
      matchNeeds: matches.length ? [needGid(n)] : [],
      responses: responses.map((r) => [gid("Response", r.id), r.proposal]).sort(),
    });
  }

  for (const [i, m] of w.matches.entries()) {
    const need = w.needs.find((n) => n.id === m.needId)!;
    const door = at(`node(match ${i}) and Match.need`);
    expect({ door, node: d[`match${i}`] }).toEqual({ door, node: seesNeed(v, need) ? { id: gid("Match", m.id), need: { id: needGid(need) } } : null });
  }

  for (const [i, r] of w.responses.entries()) {
    const door = at(`node(response ${i})`);
    const expected = seesResponse(v, r) ? { id: gid("Response", r.id), proposal: r.proposal, need: { id: gid("TechNeed", r.needId) }, society: { id: gid("Society", r.societyId) } } : null;
    expect({ door, node: d[`resp${i}`] }).toEqual({ door, node: expected });
  }

  for (const [i, x] of w.experts.entries()) {
    const door = at(`Expert ${i} contact`);
    expect({ door, node: d[`exp${i}`] }).toEqual({ door, node: seesContact(v, x) ? { email: x.email, phone: "13800000000" } : { email: null, phone: null } });
  }

  for (const [i, s] of w.societies.entries()) {
    conn(`Society ${i}.experts`, d[`soc${i}`].experts, w.experts.filter((x) => x.societyIds.includes(s)).map((x) => gid("Expert", x.id)));
  }

  for (const [i, u] of w.users.entries()) {
    const door = at(`node(user ${i}) and User.email`);
    expect({ door, node: d[`user${i}`] }).toEqual({ door, node: seesUser(v, u.id) ? { id: gid("User", u.id), email: u.email } : null });
  }

  for (const [i, s] of supplierIds(w).entries()) {
    const expected = w.matches
      .filter((m) => m.kind === s.kind && m.supplierId === s.id)
      .filter((m) => {
        const need = w.needs.find((n) => n.id === m.needId)!;
        return seesNeed(v, need) && (need.status === "OPEN" || need.status === "IN_DOCKING");
      })
      .map((m) => [gid("Match", m.id), gid("TechNeed", m.needId)])
      .sort();
    const actual = (d[`sup${i}`] as Array<{ id: string; need: { id: string } }>).map((m) => [m.id, m.need.id]).sort();
    const door = at(`matchesForSupplier(${s.kind} ${s.id})`);
    expect({ door, actual }).toEqual({ door, actual: expected });
  }
}

test(`every door returns exactly what the rules allow, in ${WORLDS} random worlds`, async () => {
  let viewersChecked = 0;
  await fc.assert(
    fc.asyncProperty(worldArb, async (spec) => {
      const w = await build(spec);
      for (const { name, viewer, client } of w.viewers) {
        await checkViewer(w, name, viewer, client);
        viewersChecked++;
      }
    }),
    { numRuns: WORLDS, examples: [[EVERY_CASE]], endOnFailure: true, seed: process.env.ACCESS_SEED ? Number(process.env.ACCESS_SEED) : undefined },
  );
  expect(worldCount).toBeGreaterThanOrEqual(WORLDS);
  console.info(`access property: ${worldCount} worlds, ${viewersChecked} viewers; rule cases: ${JSON.stringify(Object.fromEntries(coverage))}`);
  expect(CASES.filter((c) => !coverage.get(c))).toEqual([]);
  expect(viewersChecked).toBeGreaterThan(WORLDS * 3);
}, 600_000);

