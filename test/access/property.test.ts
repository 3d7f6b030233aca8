/**
 * Property test of the access rules (issue 4; issue 22: CONFIDENTIAL needs open only by consent, conflicts of
 * interest): random worlds of enterprises, societies (with member experts), platforms, needs of random visibility
 * and status, random matches, responses (of random status), invitations (of random status), conflicts (an expert's
 * employer, declared conflicts, excluded organisations) and, through the API, a CONFIDENTIAL need and an expert who
 * edits their profile to repeat its words (the matching engine then matches them). For every viewer of the
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
import { decodeGlobalId, toGlobalId } from "../../src/infra/relay/global-id";
import type { GqlClient } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";

/** How many random worlds; the default keeps CI fast (each world also posts and stuffs a need through the API). */
const WORLDS = Number(process.env.ACCESS_WORLDS ?? 10);

type Visibility = "PUBLIC" | "MEMBERS" | "CONFIDENTIAL";
type Status = "DRAFT" | "OPEN" | "IN_DOCKING" | "RESOLVED" | "CLOSED" | "EXPIRED";
type SupplierKind = "EXPERT" | "PLATFORM" | "SOCIETY";

type Answer = "PENDING" | "ACCEPTED" | "DECLINED" | "WITHDRAWN";
type ResponseStatus = "SUBMITTED" | "SHORTLISTED" | "ACCEPTED" | "DECLINED" | "WITHDRAWN";
type Party = SupplierKind;

interface MNeed { id: number; enterpriseId: number; visibility: Visibility; status: Status; budget: number | null; title: string }
interface MMatch { id: number; needId: number; kind: SupplierKind; supplierId: number }
interface MResponse { id: number; needId: number; societyId: number; expertIds: number[]; proposal: string; status: ResponseStatus }
interface MExpert { id: number; societyIds: number[]; email: string; employerId: number | null }
interface MInvitation { id: number; matchId: number; needId: number; kind: SupplierKind; supplierId: number; status: Answer }
interface MConflict { enterpriseId: number; party: Party; partyId: number }
interface MUser { id: number; email: string }

/** Everything in the database, as the test inserted it. */
const model = {
  needs: [] as MNeed[],
  matches: [] as MMatch[],
  responses: [] as MResponse[],
  experts: [] as MExpert[],
  invitations: [] as MInvitation[],
  conflicts: [] as MConflict[],
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

/**
 * Whether the viewer acts for the supplier: its expert, its platform, its society (a society also for its experts).
 */
function actsFor(v: V, kind: SupplierKind, supplierId: number): boolean {
  switch (v.kind) {
    case "SOCIETY":
      return (kind === "SOCIETY" && supplierId === v.societyId) || (kind === "EXPERT" && expertById(supplierId).societyIds.includes(v.societyId));
    case "EXPERT":
      return kind === "EXPERT" && supplierId === v.expertId;
    case "PLATFORM":
      return kind === "PLATFORM" && supplierId === v.platformId;
    default:
      return false;
  }
}

/**
 * Consent (issue 22): an ACCEPTED invitation of a supplier the viewer acts for, or an ACCEPTED response of its
 * society / offering its expert. A match alone counts for nothing.
 */
function linked(v: V, n: MNeed): boolean {
  if (model.invitations.some((i) => i.needId === n.id && i.status === "ACCEPTED" && actsFor(v, i.kind, i.supplierId))) return true;
  const accepted = model.responses.filter((r) => r.needId === n.id && r.status === "ACCEPTED");
  if (v.kind === "SOCIETY") return accepted.some((r) => r.societyId === v.societyId);
  if (v.kind === "EXPERT") return accepted.some((r) => r.expertIds.includes(v.expertId));
  return false;
}

/** The viewer's own party is tied to the need's enterprise: employer, a declared conflict, an exclusion. */
function conflicted(v: V, n: MNeed): boolean {
  const own: Array<[Party, number]> =
    v.kind === "SOCIETY" ? [["SOCIETY", v.societyId]] : v.kind === "EXPERT" ? [["EXPERT", v.expertId]] : v.kind === "PLATFORM" ? [["PLATFORM", v.platformId]] : [];
  if (own.some(([party, id]) => model.conflicts.some((c) => c.enterpriseId === n.enterpriseId && c.party === party && c.partyId === id))) return true;
  return v.kind === "EXPERT" && expertById(v.expertId).employerId === n.enterpriseId;
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
  "confidential: matched only, hidden",
  "confidential: invited, not accepted, hidden",
  "confidential: society's invitation accepted",
  "confidential: society through its expert's accepted invitation",
  "confidential: society's response accepted",
  "confidential: expert's invitation accepted",
  "confidential: expert offered in an accepted response",
  "confidential: platform's invitation accepted",
  "members need hidden by a conflict",
  "confidential: accepted but in conflict, hidden",
  "budget hidden on a non-public need",
  "response of another society hidden",
] as const;

function coverNeed(v: V, n: MNeed): void {
  if (v.kind === "anonymous") return cover(n.visibility === "PUBLIC" && n.status !== "DRAFT" ? "anonymous: public need" : n.visibility === "MEMBERS" ? "anonymous: members need hidden" : "anonymous: other");
  if (everything(v)) return;
  const own = v.kind === "ENTERPRISE" && v.enterpriseId === n.enterpriseId;
  if (n.status === "DRAFT") return cover(own ? "own draft" : "other's draft hidden");
  if (own) return;
  if (n.visibility === "MEMBERS") return cover(conflicted(v, n) ? "members need hidden by a conflict" : "members need to a stranger");
  if (n.visibility !== "CONFIDENTIAL") return;
  const mine = (i: MInvitation) => i.needId === n.id && actsFor(v, i.kind, i.supplierId);
  const accepted = model.invitations.filter((i) => mine(i) && i.status === "ACCEPTED");
  const responses = model.responses.filter((r) => r.needId === n.id && r.status === "ACCEPTED");
  const ways: string[] = [];
  if (v.kind === "SOCIETY") {
    if (accepted.some((i) => i.kind === "SOCIETY")) ways.push("confidential: society's invitation accepted");
    if (accepted.some((i) => i.kind === "EXPERT")) ways.push("confidential: society through its expert's accepted invitation");
    if (responses.some((r) => r.societyId === v.societyId)) ways.push("confidential: society's response accepted");
  }
  if (v.kind === "EXPERT") {
    if (accepted.length) ways.push("confidential: expert's invitation accepted");
    if (responses.some((r) => r.expertIds.includes(v.expertId))) ways.push("confidential: expert offered in an accepted response");
  }
  if (v.kind === "PLATFORM" && accepted.length) ways.push("confidential: platform's invitation accepted");
  if (ways.length && conflicted(v, n)) return cover("confidential: accepted but in conflict, hidden");
  // a case counts only when it is the one way in: then that rule alone decides
  if (ways.length === 1) cover(ways[0]);
  if (ways.length) return;
  if (model.invitations.some((i) => mine(i) && i.status !== "ACCEPTED")) cover("confidential: invited, not accepted, hidden");
  else if (model.matches.some((m) => m.needId === n.id && actsFor(v, m.kind, m.supplierId))) cover("confidential: matched only, hidden");
  else cover("confidential: unlinked hidden");
}

function seesNeed(v: V, n: MNeed): boolean {
  if (v.kind === "anonymous") return n.visibility === "PUBLIC" && n.status !== "DRAFT";
  if (everything(v)) return true;
  if (v.kind === "ENTERPRISE" && v.enterpriseId === n.enterpriseId) return true; // its drafts too
  if (n.status === "DRAFT") return false;
  if (n.visibility === "PUBLIC") return true;
  if (conflicted(v, n)) return false;
  return n.visibility === "MEMBERS" || linked(v, n);
}

/** A match: seen with its need, and by its own supplier's side (need not a draft), which reads `need` as null then. */
function seesMatch(v: V, m: MMatch): boolean {
  const need = model.needs.find((n) => n.id === m.needId)!;
  return seesNeed(v, need) || (need.status !== "DRAFT" && actsFor(v, m.kind, m.supplierId));
}

/** An invitation: the need's enterprise, the invited supplier's side, ADMIN, ANALYST. */
function seesInvitation(v: V, i: MInvitation): boolean {
  if (v.kind === "anonymous") return false;
  if (everything(v)) return true;
  const need = model.needs.find((n) => n.id === i.needId)!;
  return (v.kind === "ENTERPRISE" && v.enterpriseId === need.enterpriseId) || actsFor(v, i.kind, i.supplierId);
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

/**
 * Expert contact details: the expert, the societies that manage them, ADMIN (not ANALYST), and the other party: an
 * enterprise whose need's invitation the expert accepted, or that accepted a response offering the expert.
 */
function seesContact(v: V, x: MExpert): boolean {
  if (v.kind === "ADMIN" || (v.kind === "EXPERT" && v.expertId === x.id) || (v.kind === "SOCIETY" && x.societyIds.includes(v.societyId))) return true;
  if (v.kind !== "ENTERPRISE") return false;
  const ownNeed = (needId: number) => model.needs.find((n) => n.id === needId)!.enterpriseId === v.enterpriseId;
  return (
    model.invitations.some((i) => i.status === "ACCEPTED" && i.kind === "EXPERT" && i.supplierId === x.id && ownNeed(i.needId)) ||
    model.responses.some((r) => r.status === "ACCEPTED" && r.expertIds.includes(x.id) && ownNeed(r.needId))
  );
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
  responses: fc.array(
    fc.record({
      need: fc.nat(5),
      society: fc.nat(2),
      experts: fc.uniqueArray(fc.nat(3), { maxLength: 2 }),
      status: fc.constantFrom<ResponseStatus>("SUBMITTED", "SHORTLISTED", "ACCEPTED", "DECLINED", "WITHDRAWN"),
    }),
    { maxLength: 5 },
  ),
  invitations: fc.array(fc.record({ match: fc.nat(9), status: fc.constantFrom<Answer>("PENDING", "ACCEPTED", "ACCEPTED", "DECLINED", "WITHDRAWN") }), { maxLength: 6 }),
  conflicts: fc.array(fc.record({ enterprise: fc.nat(2), party: fc.constantFrom<Party>("EXPERT", "PLATFORM", "SOCIETY"), id: fc.nat(3) }), { maxLength: 3 }),
  employers: fc.array(fc.option(fc.nat(2), { nil: null }), { maxLength: 4 }),
  /** Post a CONFIDENTIAL need through the API, then make expert 0 repeat its words (updateExpert): the engine matches. */
  stuff: fc.boolean(),
});
type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * A world that reaches every rule case on purpose, run before the random ones (fast-check `examples`), so the
 * coverage check at the end never depends on luck: S0's invitation to n0 accepted, X1's (of S1) to n1, S2's response
 * to n2 (offering X2) accepted, P0's invitation to n3 accepted, a MEMBERS need with a budget, E1's draft, a PUBLIC
 * need with responses from two societies, X0 only matched to n8, X2 invited to n9 (pending), S2 in conflict with E1
 * (its MEMBERS need n7 hidden), P0 in conflict with E1 although its invitation to n10 was accepted.
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
    { enterprise: 1, visibility: "MEMBERS", status: "OPEN", budget: 60 },
    { enterprise: 0, visibility: "CONFIDENTIAL", status: "OPEN", budget: 70 },
    { enterprise: 0, visibility: "CONFIDENTIAL", status: "OPEN", budget: 80 },
    { enterprise: 1, visibility: "CONFIDENTIAL", status: "OPEN", budget: 90 },
  ],
  matches: [
    { need: 0, kind: "SOCIETY", supplier: 0 },
    { need: 1, kind: "EXPERT", supplier: 1 },
    { need: 3, kind: "PLATFORM", supplier: 0 },
    { need: 6, kind: "EXPERT", supplier: 0 },
    { need: 8, kind: "EXPERT", supplier: 0 },
    { need: 9, kind: "EXPERT", supplier: 2 },
    { need: 10, kind: "PLATFORM", supplier: 0 },
  ],
  responses: [
    { need: 2, society: 2, experts: [2], status: "ACCEPTED" },
    { need: 6, society: 0, experts: [0], status: "SUBMITTED" },
    { need: 6, society: 1, experts: [], status: "SUBMITTED" },
  ],
  invitations: [
    { match: 0, status: "ACCEPTED" },
    { match: 1, status: "ACCEPTED" },
    { match: 2, status: "ACCEPTED" },
    { match: 5, status: "PENDING" },
    { match: 6, status: "ACCEPTED" },
  ],
  conflicts: [
    { enterprise: 1, party: "SOCIETY", id: 2 },
    { enterprise: 1, party: "PLATFORM", id: 0 },
  ],
  employers: [],
  stuff: true,
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
  invitations: MInvitation[];
  users: MUser[];
  viewers: Array<{ name: string; viewer: V; client: GqlClient }>;
}

let t: TestHub;
let prisma: Prisma;
let worldCount = 0;
let fixed: Array<{ name: string; viewer: V; client: GqlClient }>;
const SAVED = "confidential-doors";
let savedOwner: string;

beforeAll(async () => {
  // Each world's one query reads every door at once; on a loaded 2-core machine it has taken over the default 10 s
  // deadline, which is not what this test is about (test/security/execution-deadline.test.ts is).
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0", HUB_EXECUTION_TIMEOUT_MS: "60000" });
  prisma = t.hub.database.prisma;
  const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
  const analyst = await prisma.user.create({ data: { email: `analyst-${randomUUID()}@hub.test`, passwordHash: "-", role: "ANALYST" } });
  fixed = [
    { name: "anonymous", viewer: { kind: "anonymous" }, client: t.anonymous },
    { name: "ADMIN", viewer: { kind: "ADMIN", userId: admin.id }, client: t.admin },
    { name: "ANALYST", viewer: { kind: "ANALYST", userId: analyst.id }, client: t.anonymous.as(await t.hub.services.auth.tokenFor(analyst)) },
  ];
  // A shared saved query every viewer runs with its own rights (the saved-query door).
  await t.admin.data(`mutation($input: SaveQueryInput!) { saveQuery(input: $input) { id } }`, {
    input: { name: SAVED, shared: true, document: `query($text: String) { needs(first: 100, filter: { text: $text }) { totalCount edges { node { title } } } }` },
  });
  savedOwner = gid("User", admin.id);
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
    const employer = spec.employers[i];
    const employerId = employer === undefined || employer === null ? null : enterprises[employer % enterprises.length];
    const row = await prisma.expert.create({
      data: { name: `专家${w}-${i}`, expertise: "储能热管理", keywords: [], email, phone: "13800000000", employerId, memberships: { create: societyIds.map((societyId) => ({ societyId })) } },
    });
    experts.push({ id: row.id, societyIds, email, employerId });
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
        teaser: n.visibility === "CONFIDENTIAL" ? "一家企业寻求合作" : null,
        description: "随机世界的需求",
        chainCode: "NEW_ENERGY",
        kind: "CONSULTING",
        status: n.status,
        visibility: n.visibility,
        budgetMin: n.budget,
        budgetMax: n.budget === null ? null : n.budget + 10,
      },
    });
    needs.push({ id: row.id, enterpriseId, visibility: n.visibility, status: n.status, budget: n.budget, title: row.title });
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
    const rank = matches.filter((x) => x.needId === need.id).length + 1;
    const row = await prisma.match.create({
      data: { needId: need.id, supplierKind: m.kind, supplierId, score: 0.5, rank, breakdown: [], matchedTerms: [] },
    });
    matches.push({ id: row.id, needId: need.id, kind: m.kind, supplierId });
  }
  const responses: MResponse[] = [];
  for (const [i, r] of spec.responses.entries()) {
    const need = needs[r.need % needs.length];
    const societyId = societies[r.society % societies.length];
    const expertIds = [...new Set(r.experts.map((e) => experts[e % experts.length].id))];
    const proposal = `方案${w}-${i}`;
    const row = await prisma.response.create({ data: { needId: need.id, societyId, proposal, status: r.status, experts: { create: expertIds.map((expertId) => ({ expertId })) } } });
    responses.push({ id: row.id, needId: need.id, societyId, expertIds, proposal, status: r.status });
  }
  const invitations: MInvitation[] = [];
  const invited = new Set<number>();
  for (const inv of spec.invitations) {
    if (!matches.length) break;
    const m = matches[inv.match % matches.length];
    if (invited.has(m.id)) continue; // one invitation per match here (the API refuses a second open one)
    invited.add(m.id);
    const row = await prisma.invitation.create({ data: { needId: m.needId, matchId: m.id, supplierKind: m.kind, supplierId: m.supplierId, status: inv.status } });
    // as inviteSupplier and answerInvitation move it (an invited match is never a SUGGESTED one, dropped on a rematch)
    await prisma.match.update({ where: { id: m.id }, data: { status: inv.status === "ACCEPTED" ? "ACCEPTED" : "CONTACTED" } });
    invitations.push({ id: row.id, matchId: m.id, needId: m.needId, kind: m.kind, supplierId: m.supplierId, status: inv.status });
  }
  const conflicts: MConflict[] = [];
  for (const c of spec.conflicts) {
    const pool = c.party === "EXPERT" ? experts.map((x) => x.id) : c.party === "PLATFORM" ? platforms : societies;
    if (!pool.length) continue;
    const conflict = { enterpriseId: enterprises[c.enterprise % enterprises.length], party: c.party, partyId: pool[c.id % pool.length] };
    if (conflicts.some((x) => x.enterpriseId === conflict.enterpriseId && x.party === conflict.party && x.partyId === conflict.partyId)) continue;
    await prisma.conflict.create({ data: { enterpriseId: conflict.enterpriseId, partyKind: conflict.party, partyId: conflict.partyId, source: "DECLARED", reason: "测试" } });
    conflicts.push(conflict);
  }
  model.needs.push(...needs);
  model.responses.push(...responses);
  model.experts.push(...experts);
  model.invitations.push(...invitations);
  model.conflicts.push(...conflicts);
  if (spec.stuff) needs.push(await stuffedNeed(marker, enterprises[0], experts[0]));
  // The engine's matches (of the stuffing, in every world's suppliers) join the ones written here: read them all.
  model.matches = (await prisma.match.findMany({ orderBy: { id: "asc" } })).map((m) => ({ id: m.id, needId: m.needId, kind: m.supplierKind as SupplierKind, supplierId: m.supplierId }));
  const worldNeeds = new Set(needs.map((n) => n.id));
  matches.splice(0, matches.length, ...model.matches.filter((m) => worldNeeds.has(m.needId)));

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
  return { marker, enterprises, societies, experts, platforms, needs, matches, responses, invitations, users, viewers };
}

/**
 * The attack of issue 22 inside a world: a CONFIDENTIAL need posted through the API (so matched by the engine),
 * then the expert's profile edited to repeat its words. The engine may match them (never if they are in conflict
 * with the enterprise); the doors must still not show the need to the expert or its societies.
 */
async function stuffedNeed(marker: string, enterpriseId: number, expert: MExpert | undefined): Promise<MNeed> {
  const title = `绝密涂布缺陷检测 ${marker}`;
  const description = "钠离子电池极片涂布线出现针孔与划痕缺陷，需要合作开发涂布缺陷在线视觉检测系统。";
  const posted = await t.admin.data<{ postNeed: { id: string } }>(`mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`, {
    input: {
      enterpriseId: gid("Enterprise", enterpriseId), title, description, industryChainCode: "NEW_ENERGY", kind: "JOINT_RD",
      keywords: ["涂布缺陷", "视觉检测"], visibility: "CONFIDENTIAL", teaser: "一家电池企业寻求检测合作", budgetMin: 777_001, budgetMax: 777_011,
    },
  });
  const id = decodeGlobalId(posted.postNeed.id)!.id;
  const need: MNeed = { id, enterpriseId, visibility: "CONFIDENTIAL", status: "OPEN", budget: 777_001, title };
  model.needs.push(need);
  if (expert) {
    await t.admin.data(`mutation($id: ID!, $input: UpdateExpertInput!) { updateExpert(id: $id, input: $input) { id } }`, {
      id: gid("Expert", expert.id),
      input: { expertise: `${title}。${description}`, keywords: ["涂布缺陷", "视觉检测", "钠离子电池"] },
    });
  }
  // the engine never matched a supplier in conflict with the enterprise
  const employed = new Set((await prisma.expert.findMany({ where: { employerId: enterpriseId }, select: { id: true } })).map((x) => x.id));
  const tied = (await prisma.match.findMany({ where: { needId: id } })).filter(
    (m) =>
      (m.supplierKind === "EXPERT" && employed.has(m.supplierId)) ||
      model.conflicts.some((c) => c.enterpriseId === enterpriseId && c.party === m.supplierKind && c.partyId === m.supplierId),
  );
  expect({ conflictedSuppliersMatched: tied.map((m) => m.id) }).toEqual({ conflictedSuppliersMatched: [] });
  return need;
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
    ...w.invitations.map((inv, i) => `inv${i}: node(id: "${gid("Invitation", inv.id)}") { id ... on Invitation { status need { id } match { id } } }`),
    ...w.needs.map((n, i) => `needInv${i}: node(id: "${gid("TechNeed", n.id)}") { ... on TechNeed { invitations { id } } }`),
    ...w.responses.map((r, i) => `resp${i}: node(id: "${gid("Response", r.id)}") { id ... on Response { proposal need { id } society { id } } }`),
    ...w.experts.map((x, i) => `exp${i}: node(id: "${gid("Expert", x.id)}") { ... on Expert { email phone } }`),
    ...w.societies.map((s, i) => `soc${i}: node(id: "${gid("Society", s)}") { ... on Society { experts(first: 100) ${CONN} } }`),
    ...w.users.map((u, i) => `user${i}: node(id: "${gid("User", u.id)}") { id ... on User { email } }`),
    ...supplierIds(w).map((s, i) => `sup${i}: matchesForSupplier(supplierId: "${s.gid}", first: 100) { id need { id title budgetMin } }`),
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
    const expected = seesMatch(v, m) ? { id: gid("Match", m.id), need: seesNeed(v, need) ? { id: needGid(need) } : null } : null;
    expect({ door, node: d[`match${i}`] }).toEqual({ door, node: expected });
  }

  for (const [i, inv] of w.invitations.entries()) {
    const door = at(`node(invitation ${i}: ${inv.status})`);
    const need = w.needs.find((n) => n.id === inv.needId)!;
    const expected = seesInvitation(v, inv) ? { id: gid("Invitation", inv.id), status: inv.status, need: seesNeed(v, need) ? { id: needGid(need) } : null, match: { id: gid("Match", inv.matchId) } } : null;
    expect({ door, node: d[`inv${i}`] }).toEqual({ door, node: expected });
  }
  for (const [i, n] of w.needs.entries()) {
    if (!seesNeed(v, n)) continue;
    const door = at(`TechNeed.invitations (need ${i})`);
    const expected = w.invitations.filter((inv) => inv.needId === n.id && seesInvitation(v, inv)).map((inv) => gid("Invitation", inv.id));
    expect({ door, ids: sorted(d[`needInv${i}`].invitations.map((x: { id: string }) => x.id)) }).toEqual({ door, ids: sorted(expected) });
  }
  if (v.kind !== "anonymous") {
    const door = at("invitations (list, totalCount)");
    const mine = model.invitations.filter((inv) => seesInvitation(v, inv));
    const listed = (await client.data<{ invitations: Conn }>(`{ invitations(first: 100) { totalCount edges { node { id } } } }`)).invitations;
    const worldIds = new Set(w.invitations.map((inv) => gid("Invitation", inv.id)));
    expect({ door, ids: ids(listed).filter((id) => worldIds.has(id)), totalCount: listed.totalCount }).toEqual({
      door,
      ids: sorted(mine.filter((inv) => worldIds.has(gid("Invitation", inv.id))).map((inv) => gid("Invitation", inv.id))),
      totalCount: mine.length,
    });
  }

  // Nothing of a need the viewer may not see, anywhere in its answers: title, budget.
  const hidden = w.needs.filter((n) => !seesNeed(v, n));
  const answer = JSON.stringify(d);
  for (const n of hidden) expect({ door: at("any field"), leaked: answer.includes(n.title) || (n.budget !== null && n.budget > 700_000 && answer.includes(String(n.budget))) }).toEqual({ door: at("any field"), leaked: false });
  await checkExportAndSavedQuery(w, name, v, client);

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
    const expected = model.matches
      .filter((m) => m.kind === s.kind && m.supplierId === s.id)
      .filter((m) => {
        const need = model.needs.find((n) => n.id === m.needId)!;
        return seesMatch(v, m) && (need.status === "OPEN" || need.status === "IN_DOCKING");
      })
      .map((m) => [gid("Match", m.id), seesNeed(v, model.needs.find((n) => n.id === m.needId)!) ? gid("TechNeed", m.needId) : null])
      .sort();
    const actual = (d[`sup${i}`] as Array<{ id: string; need: { id: string } | null }>).map((m) => [m.id, m.need?.id ?? null]).sort();
    const door = at(`matchesForSupplier(${s.kind} ${s.id})`);
    expect({ door, actual }).toEqual({ door, actual: expected });
  }
}

/** The CSV export and a shared saved query: the same needs as the list, no more. */
async function checkExportAndSavedQuery(w: World, name: string, v: V, client: GqlClient): Promise<void> {
  const expected = sorted(w.needs.filter((n) => seesNeed(v, n)).map((n) => n.title));
  const res = await fetch(`${t.hub.url.replace(/\/graphql$/, "")}/export.csv`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(client.token ? { authorization: `Bearer ${client.token}` } : {}) },
    body: JSON.stringify({ query: `query($text: String) { needs(first: 100, filter: { text: $text }) { edges { node { title } } } }`, variables: { text: w.marker }, path: "needs" }),
  });
  const csv = await res.text();
  const titles = sorted(w.needs.map((n) => n.title).filter((title) => csv.includes(title)));
  expect({ door: `${name}: /export.csv`, status: res.status, titles }).toEqual({ door: `${name}: /export.csv`, status: 200, titles: expected });
  if (v.kind === "anonymous") return;
  const run = await client.data<{ runSavedQuery: { data: { needs: { totalCount: number; edges: Array<{ node: { title: string } }> } } | null } }>(
    `query($owner: ID, $variables: JSONObject) { runSavedQuery(name: "${SAVED}", owner: $owner, variables: $variables) { data } }`,
    { owner: savedOwner, variables: { text: w.marker } },
  );
  const saved = run.runSavedQuery.data!.needs;
  expect({ door: `${name}: runSavedQuery`, titles: sorted(saved.edges.map((e) => e.node.title)), totalCount: saved.totalCount }).toEqual({
    door: `${name}: runSavedQuery`,
    titles: expected,
    totalCount: expected.length,
  });
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

