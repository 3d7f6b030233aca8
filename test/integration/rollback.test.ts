// Failure injection (issue 23): a later step of each multi-write mutation throws — the audit row, the status row,
// matching, the notification — and the mutation must leave the database exactly as it was and publish nothing.
// PGlite never interleaves requests, so only this catches a write taken out of its transaction there (removing the
// unit of work around respondToNeed makes the respondToNeed cases fail: the response stays behind).
// The seam is test-only: jest replaces the one writer of each table (and spies on matching and notify) in this
// process; production code has no hook.
import { MatchingService } from "../../src/modules/match/matching.service";
import { Notifier } from "../../src/modules/notification/notify";
import type { HubEvent } from "../../src/infra/pubsub/events";
import type { GqlClient } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";
import { buildWorld, dbId, matchIn, needIn, responseIn, type World } from "../workflow/world";

const mockArmed = new Set<string>();
const mockTripped: string[] = [];
const mockPublished: HubEvent[] = [];
function mockTrip(step: string): void {
  if (!mockArmed.has(step)) return;
  mockTripped.push(step);
  throw new Error(`injected failure at ${step}`);
}

jest.mock("../../src/modules/audit/audit.service", () => {
  const actual = jest.requireActual("../../src/modules/audit/audit.service");
  return {
    ...actual,
    recordAudit: (...args: unknown[]) => (mockTrip("audit"), actual.recordAudit(...args)),
    recordAudits: (...args: unknown[]) => (mockTrip("audit"), actual.recordAudits(...args)),
  };
});
jest.mock("../../src/modules/workflow/status-log", () => {
  const actual = jest.requireActual("../../src/modules/workflow/status-log");
  return {
    ...actual,
    logStatusChange: (...args: unknown[]) => (mockTrip("status"), actual.logStatusChange(...args)),
    logStatusChanges: (...args: unknown[]) => (mockTrip("status"), actual.logStatusChanges(...args)),
  };
});
jest.mock("../../src/infra/pubsub/pubsub", () => {
  const actual = jest.requireActual("../../src/infra/pubsub/pubsub");
  return {
    ...actual,
    createHubPubSub: (...args: unknown[]) => {
      const pubsub = actual.createHubPubSub(...args);
      const publish = pubsub.publish.bind(pubsub);
      pubsub.publish = (events: HubEvent[]) => {
        mockPublished.push(...events);
        publish(events);
      };
      return pubsub;
    },
  };
});

for (const method of ["matchNeed", "matchNewSupplier", "matchChangedSuppliers", "rematchSupplier"] as const) {
  const original = MatchingService.prototype[method] as (...args: unknown[]) => Promise<unknown>;
  jest.spyOn(MatchingService.prototype, method).mockImplementation(function (this: MatchingService, ...args: unknown[]) {
    mockTrip("matching");
    return original.apply(this, args);
  } as never);
}
const notify = Notifier.prototype.notify;
jest.spyOn(Notifier.prototype, "notify").mockImplementation(function (this: Notifier, ...args: Parameters<Notifier["notify"]>) {
  mockTrip("notify");
  return notify.apply(this, args);
});

let t: TestHub;
let w: World;

beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());
afterEach(() => mockArmed.clear());

/** Every table's rows, as a hash per table: equal fingerprints mean nothing was written, changed or removed. */
async function fingerprint(): Promise<Record<string, string>> {
  const prisma = t.hub.database.prisma;
  const tables = await prisma.$queryRaw<Array<{ name: string }>>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<Array<{ n: number; h: string | null }>>(`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM "${name}" t`);
    out[name] = `${row.n}:${row.h ?? ""}`;
  }
  return out;
}

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");
const future = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

interface Case {
  name: string;
  /** The step made to throw. */
  fail: "audit" | "status" | "matching" | "notify";
  /** Rows the mutation starts from; returns the operation to run. */
  setup: () => Promise<() => Promise<{ errors?: unknown[] } | unknown>>;
}

type Run = () => Promise<unknown>;
const gql = (client: () => GqlClient, query: string, variables: () => Record<string, unknown>): Run => () => client().request(query, variables());

/** A match of the world's platform (an expert has a capacity, which the cases before would use up). */
async function platformMatch(needId: number, status: string) {
  return t.hub.database.prisma.match.create({
    data: { needId, supplierKind: "PLATFORM", supplierId: w.ids.platform, score: 0.5, rank: 1, breakdown: [], matchedTerms: ["储能"], status: status as never },
  });
}

async function openNeed(): Promise<number> {
  return (await needIn(t, w, "OPEN", { deadline: new Date(Date.now() + 30 * 86_400_000) })).id;
}

const POST_NEED = `mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`;
const RESPOND = `mutation($input: RespondInput!) { respondToNeed(input: $input) { id } }`;
const ACCEPT = `mutation($id: ID!) { acceptResponse(id: $id) { id } }`;
const NEED_STATUS = `mutation($id: ID!, $status: NeedStatus!) { updateNeedStatus(id: $id, status: $status) { id } }`;
const UPDATE_NEED = `mutation($id: ID!, $input: UpdateNeedInput!) { updateNeed(id: $id, input: $input) { id } }`;
const MATCH_STATUS = `mutation($id: ID!, $status: MatchStatus!) { setMatchStatus(id: $id, status: $status) { id } }`;
const INVITE = `mutation($matchId: ID!) { inviteSupplier(matchId: $matchId, message: "请参与对接") { id } }`;
const ANSWER = `mutation($id: ID!) { answerInvitation(id: $id, accept: true) { id } }`;
const DEAL = `mutation($input: RecordDealInput!) { recordDeal(input: $input) { id } }`;
const CREATE_EXPERT = `mutation($input: CreateExpertInput!) { createExpert(input: $input) { id } }`;
const SCHEDULE = `mutation($input: ScheduleDockingInput!) { scheduleDocking(input: $input) { id } }`;

const postNeedInput = () => ({
  enterpriseId: w.gids.owner,
  title: "储能电站液冷热管理",
  description: "储能电站电池簇温差大，希望合作开发液冷热管理方案。",
  industryChainCode: "NEW_ENERGY",
  kind: "JOINT_RD",
  keywords: ["储能", "液冷"],
  deadline: future(),
});

const respondCase = (fail: Case["fail"]): Case => ({
  name: `respondToNeed, failing at ${fail}`,
  fail,
  setup: async () => {
    const needId = await openNeed();
    return gql(() => w.as.society, RESPOND, () => ({ input: { needId: gid("TechNeed", needId), societyId: w.gids.society, expertIds: [w.gids.expert], proposal: "学会组织专家提供液冷方案。" } }));
  },
});

const acceptCase = (fail: Case["fail"]): Case => ({
  name: `acceptResponse, failing at ${fail}`,
  fail,
  setup: async () => {
    const response = await responseIn(t, w, await openNeed(), "SHORTLISTED");
    return gql(() => w.as.owner, ACCEPT, () => ({ id: gid("Response", response.id) }));
  },
});

const CASES: Case[] = [
  { name: "postNeed, failing at matching (after the need, its history and audit row are written)", fail: "matching", setup: async () => gql(() => w.as.owner, POST_NEED, () => ({ input: postNeedInput() })) },
  respondCase("status"),
  respondCase("audit"),
  respondCase("notify"),
  acceptCase("status"),
  acceptCase("audit"),
  acceptCase("notify"),
  {
    name: "updateNeedStatus (a draft opened), failing at matching",
    fail: "matching",
    setup: async () => {
      const need = await needIn(t, w, "DRAFT", { deadline: new Date(Date.now() + 30 * 86_400_000) });
      return gql(() => w.as.owner, NEED_STATUS, () => ({ id: gid("TechNeed", need.id), status: "OPEN" }));
    },
  },
  { name: "updateNeedStatus, failing at audit", fail: "audit", setup: async () => { const id = await openNeed(); return gql(() => w.as.owner, NEED_STATUS, () => ({ id: gid("TechNeed", id), status: "CLOSED" })); } },
  { name: "updateNeed, failing at matching", fail: "matching", setup: async () => { const id = await openNeed(); return gql(() => w.as.owner, UPDATE_NEED, () => ({ id: gid("TechNeed", id), input: { title: "储能电站液冷热管理改造" } })); } },
  { name: "setMatchStatus ACCEPTED, failing at audit", fail: "audit", setup: async () => { const m = await matchIn(t, w, await openNeed(), "CONTACTED"); return gql(() => w.as.owner, MATCH_STATUS, () => ({ id: gid("Match", m.id), status: "ACCEPTED" })); } },
  { name: "setMatchStatus ACCEPTED, failing at status", fail: "status", setup: async () => { const m = await matchIn(t, w, await openNeed(), "CONTACTED"); return gql(() => w.as.owner, MATCH_STATUS, () => ({ id: gid("Match", m.id), status: "ACCEPTED" })); } },
  { name: "inviteSupplier, failing at audit", fail: "audit", setup: async () => { const m = await platformMatch(await openNeed(), "SUGGESTED"); return gql(() => w.as.owner, INVITE, () => ({ matchId: gid("Match", m.id) })); } },
  { name: "inviteSupplier, failing at notify", fail: "notify", setup: async () => { const m = await platformMatch(await openNeed(), "SUGGESTED"); return gql(() => w.as.owner, INVITE, () => ({ matchId: gid("Match", m.id) })); } },
  {
    name: "answerInvitation (accepted), failing at notify",
    fail: "notify",
    setup: async () => {
      const m = await platformMatch(await openNeed(), "SUGGESTED");
      const invited = await w.as.owner.data<{ inviteSupplier: { id: string } }>(INVITE, { matchId: gid("Match", m.id) });
      return gql(() => w.as.platform, ANSWER, () => ({ id: invited.inviteSupplier.id }));
    },
  },
  {
    name: "recordDeal, failing at audit",
    fail: "audit",
    setup: async () => {
      const needId = await openNeed();
      const m = await matchIn(t, w, needId, "ACCEPTED");
      return gql(() => w.as.owner, DEAL, () => ({ input: { matchId: gid("Match", m.id), mode: "CONSULTING", summary: "液冷改造技术服务", value: "120000", resolveNeed: true } }));
    },
  },
  {
    name: "createExpert, failing at matching",
    fail: "matching",
    setup: async () => gql(() => t.admin, CREATE_EXPERT, () => ({ input: { name: "赵工", expertise: "从事储能电站液冷系统设计与电池簇温差控制研究。", keywords: ["液冷"], industryChainCodes: ["NEW_ENERGY"], societyIds: [w.gids.society] } })),
  },
  {
    name: "scheduleDocking, failing at notify",
    fail: "notify",
    setup: async () => {
      const response = await responseIn(t, w, await openNeed(), "ACCEPTED");
      return gql(() => w.as.owner, SCHEDULE, () => ({ input: { responseId: gid("Response", response.id), startsAt: future(), place: "南阳市科技局" } }));
    },
  },
  {
    name: "the expiry sweep, failing at audit",
    fail: "audit",
    setup: async () => {
      const id = await openNeed();
      await t.hub.database.prisma.techNeed.update({ where: { id }, data: { deadline: new Date(Date.now() - 60_000) } });
      return async () => {
        try {
          return { data: await t.hub.services.expiry.run() };
        } catch (error) {
          return { errors: [String(error)] };
        }
      };
    },
  },
];

test.each(CASES)("$name: nothing written, nothing published; unarmed, the same call writes and publishes", async ({ fail, setup }) => {
  const run = await setup();
  const before = await fingerprint();
  mockPublished.length = 0;
  mockTripped.length = 0;
  mockArmed.add(fail);
  const failed = (await run()) as { errors?: unknown[] };
  mockArmed.clear();
  // Reached the step and failed there (not refused before it).
  expect({ tripped: mockTripped, failed }).toMatchObject({ tripped: [fail], failed: { errors: [expect.anything()] } });
  expect(await fingerprint()).toEqual(before);
  expect(mockPublished).toEqual([]);

  // The same call without the failure succeeds and writes: the step that failed is on its path.
  const done = (await run()) as { errors?: unknown[] };
  expect(done.errors).toBeUndefined();
  expect(await fingerprint()).not.toEqual(before);
  expect(mockPublished.length).toBeGreaterThan(0);
});

test("the harness sees a write made outside a unit of work", async () => {
  const before = await fingerprint();
  await openNeed();
  expect(await fingerprint()).not.toEqual(before);
  expect(dbId(w.gids.owner)).toBe(w.ids.owner);
});
