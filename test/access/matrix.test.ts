/**
 * Every role × every operation of core.graphql (plus the access operations of issue 4): who is allowed,
 * who is denied and with which code, and what an allowed caller actually gets to see. The three subscriptions
 * are run as every role with real graphql-ws clients in subscriptions.test.ts.
 *
 * The world: enterprise E1 ("own") posts a CONFIDENTIAL, a MEMBERS and a PUBLIC need; expert X1 (of society S1)
 * is matched to the confidential need, invited and accepted, which lets X1 and S1 in ("matched": issue 22, a match
 * alone grants nothing, see confidential-consent.test.ts); society S2 and its expert X2 work on wheat and are not
 * matched ("unmatched"); enterprise E2 is "other". S1 and S2 both respond to the PUBLIC need.
 */
import { errorOf, type GqlClient, type GqlResult } from "../support/client";
import { createEnterprise, createExpert, createSociety, freshCreditCode, PASSWORD, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import {
  AuditEventsDocument,
  ChangePasswordDocument,
  CreateEnterpriseDocument,
  CreateExpertDocument,
  CreatePlatformDocument,
  CreateSocietyDocument,
  CreateUserDocument,
  DeactivateUserDocument,
  EnterpriseNeedsDocument,
  EnterprisesDocument,
  ExpertContactDocument,
  LoginDocument,
  MatchesForSupplierDocument,
  MatchNodeDocument,
  MeDocument,
  NeedEnterpriseDocument,
  NeedMatchesDocument,
  NeedNodeDocument,
  NeedPrivateFieldsDocument,
  NeedsDocument,
  ReferenceDocument,
  RespondToNeedDocument,
  ResponseNodeDocument,
  SetMatchStatusDocument,
  SocietyExpertsDocument,
  StatsDocument,
  UpdateNeedStatusDocument,
  UserNodeDocument,
} from "../generated/operations";

const ROLES = [
  "anonymous",
  "ADMIN",
  "ANALYST",
  "ENTERPRISE_OWN",
  "ENTERPRISE_OTHER",
  "SOCIETY_MATCHED",
  "SOCIETY_UNMATCHED",
  "EXPERT_MATCHED",
  "EXPERT_UNMATCHED",
] as const;
type RoleName = (typeof ROLES)[number];
type Row = Record<RoleName, unknown>;

/** A row: `signedIn` for every signed-in role, `anonymous` for anonymous, then the exceptions. */
function row(anonymous: unknown, signedIn: unknown, overrides: Partial<Row> = {}): Row {
  const r = {} as Row;
  for (const role of ROLES) r[role] = role === "anonymous" ? anonymous : signedIn;
  return { ...r, ...overrides };
}
const LINKED: RoleName[] = ["ADMIN", "ANALYST", "ENTERPRISE_OWN", "SOCIETY_MATCHED", "EXPERT_MATCHED"];
const linkedRow = (linked: unknown, others: unknown, anonymous = others) =>
  row(anonymous, others, Object.fromEntries(LINKED.map((r) => [r, linked])) as Partial<Row>);
const adminOnly = row("UNAUTHENTICATED", "FORBIDDEN", { ADMIN: "ok" });

const POST_NEED_ID_ONLY = `mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`;
const code = (result: GqlResult<unknown>) => (errorOf(result)?.code as string | undefined) ?? "ok";

let t: TestHub;
const as = {} as Record<RoleName, GqlClient>;
const w = {} as {
  e1: string; e2: string; s1: string; s2: string; x1: string; x2: string;
  confidential: string; members: string; public: string; x1Match: string; r1: string; r2: string; ownUserId: string; needsStat: number;
};

beforeAll(async () => {
  t = await startTestHub();
  const e1 = await createEnterprise(t.admin);
  const e2 = await createEnterprise(t.admin);
  const s1 = await createSociety(t.admin, { disciplines: ["储能", "电池安全"] });
  const s2 = await createSociety(t.admin, { disciplines: ["小麦育种", "作物栽培"] });
  // X1 is let into a fresh CONFIDENTIAL need per test below: each accepted invitation is an open engagement, so its
  // capacity is set above their number (at capacity it would be offered no new need).
  const x1 = await createExpert(t.admin, { societyIds: [s1.id], email: "x1@expert.test", phone: "13800000001", capacity: 50 });
  const x2 = await createExpert(t.admin, {
    societyIds: [s2.id],
    expertise: "从事小麦抗病育种与栽培技术研究，培育高产优质小麦新品种。",
    keywords: ["小麦育种", "栽培"],
    industryChainCodes: ["AGRI_FOOD"],
    email: "x2@expert.test",
  });
  as.anonymous = t.anonymous;
  as.ADMIN = t.admin;
  as.ANALYST = await userClient(t, "ANALYST", null);
  as.ENTERPRISE_OWN = await userClient(t, "ENTERPRISE", e1.id);
  as.ENTERPRISE_OTHER = await userClient(t, "ENTERPRISE", e2.id);
  as.SOCIETY_MATCHED = await userClient(t, "SOCIETY", s1.id);
  as.SOCIETY_UNMATCHED = await userClient(t, "SOCIETY", s2.id);
  as.EXPERT_MATCHED = await userClient(t, "EXPERT", x1.id);
  as.EXPERT_UNMATCHED = await userClient(t, "EXPERT", x2.id);
  const own = as.ENTERPRISE_OWN;
  const confidential = await postNeed(own, e1.id, { title: "机密：储能电池热失控预警", visibility: "CONFIDENTIAL", budgetMin: 100, budgetMax: 200 });
  const members = await postNeed(own, e1.id, { title: "会员：储能液冷热管理", visibility: "MEMBERS", budgetMin: 30, budgetMax: 40 });
  const pub = await postNeed(own, e1.id, { title: "公开：储能热管理改进", visibility: "PUBLIC", budgetMin: 10, budgetMax: 20 });
  const r1 = await as.SOCIETY_MATCHED.data(RespondToNeedDocument, { input: { needId: pub.id, societyId: s1.id, expertIds: [x1.id], proposal: "学会一：组织储能热管理专家提供液冷方案。" } });
  const r2 = await as.SOCIETY_UNMATCHED.data(RespondToNeedDocument, { input: { needId: pub.id, societyId: s2.id, expertIds: [x2.id], proposal: "学会二：我们也想试试这个储能项目。" } });
  Object.assign(w, {
    e1: e1.id, e2: e2.id, s1: s1.id, s2: s2.id, x1: x1.id, x2: x2.id,
    confidential: confidential.id, members: members.id, public: pub.id, r1: r1.respondToNeed.id, r2: r2.respondToNeed.id,
    ownUserId: (await own.data(MeDocument)).me!.id,
    needsStat: (await t.admin.data(StatsDocument)).stats.needs,
  });
  w.x1Match = await letIn(confidential.id);
  // Preconditions of the world: the "matched" side is matched, the "unmatched" side is not.
  const suppliers = (await t.admin.data(NeedMatchesDocument, { id: confidential.id, first: 100 })).node as { matches: Array<{ supplier: { id: string } }> };
  const ids = suppliers.matches.map((m) => m.supplier.id);
  expect(ids).toContain(x1.id);
  expect(ids).not.toContain(x2.id);
  expect(ids).not.toContain(s2.id);
}, 180_000);
afterAll(() => t?.stop());

async function matchOf(needId: string, supplierId: string): Promise<string> {
  const node = (await t.admin.data(NeedMatchesDocument, { id: needId, first: 100 })).node as { matches: Array<{ id: string; supplier: { id: string } }> };
  const match = node.matches.find((m) => m.supplier.id === supplierId);
  if (!match) throw new Error(`no match of ${supplierId} on ${needId}`);
  return match.id;
}

/** The enterprise invites X1 to the need and X1 accepts: the need opens to X1 and its society S1. Returns X1's match. */
async function letIn(needId: string): Promise<string> {
  const matchId = await matchOf(needId, w.x1);
  const invited = await as.ENTERPRISE_OWN.data<{ inviteSupplier: { id: string } }>(`mutation($id: ID!) { inviteSupplier(matchId: $id) { id } }`, { id: matchId });
  await as.EXPERT_MATCHED.data(`mutation($id: ID!) { answerInvitation(id: $id, accept: true) { id } }`, { id: invited.inviteSupplier.id });
  return matchId;
}

/** Runs `op` as every role (one after another: some change state) and returns the row of outcomes. */
async function outcomes(op: (client: GqlClient, role: RoleName) => Promise<unknown>): Promise<Row> {
  const r = {} as Row;
  for (const role of ROLES) r[role] = await op(as[role], role);
  return r;
}

const seen = (node: unknown) => (node ? "seen" : "null");

describe("queries: who sees what", () => {
  test.each<[string, (c: GqlClient) => Promise<unknown>, () => Row]>([
    ["node(CONFIDENTIAL need)", async (c) => seen((await c.data(NeedNodeDocument, { id: w.confidential })).node), () => linkedRow("seen", "null")],
    ["node(MEMBERS need)", async (c) => seen((await c.data(NeedNodeDocument, { id: w.members })).node), () => row("null", "seen")],
    ["node(PUBLIC need)", async (c) => seen((await c.data(NeedNodeDocument, { id: w.public })).node), () => row("seen", "seen")],
    [
      "needs(filter: enterpriseId) totalCount",
      async (c) => (await c.data(NeedsDocument, { first: 0, filter: { enterpriseId: w.e1 } })).needs.totalCount,
      () => linkedRow(3, 2, 0),
    ],
    [
      "needs(filter: text) over a confidential title",
      async (c) => (await c.data(NeedsDocument, { first: 10, filter: { text: "机密：储能电池" } })).needs.edges.map((e) => e.node.id),
      () => linkedRow([w.confidential], []),
    ],
    ["Enterprise.needs totalCount", async (c) => ((await c.data(EnterpriseNeedsDocument, { id: w.e1 })).node as { needs: { totalCount: number } }).needs.totalCount, () => linkedRow(3, 2, 0)],
    [
      "budget of the CONFIDENTIAL need",
      async (c) => {
        const node = (await c.data(NeedPrivateFieldsDocument, { id: w.confidential })).node as { budgetMin: number | null; budgetMax: number | null } | null;
        return node ? [node.budgetMin, node.budgetMax] : "null";
      },
      () => row("null", "null", { ADMIN: [100, 200], ANALYST: [100, 200], ENTERPRISE_OWN: [100, 200], SOCIETY_MATCHED: [null, null], EXPERT_MATCHED: [null, null] }),
    ],
    [
      "budget of the MEMBERS need",
      async (c) => {
        const node = (await c.data(NeedPrivateFieldsDocument, { id: w.members })).node as { budgetMin: number | null } | null;
        return node ? node.budgetMin : "null";
      },
      () => row("null", null, { ADMIN: 30, ANALYST: 30, ENTERPRISE_OWN: 30 }),
    ],
    [
      "budget of the PUBLIC need",
      async (c) => ((await c.data(NeedPrivateFieldsDocument, { id: w.public })).node as { budgetMin: number | null }).budgetMin,
      () => row(null, 10),
    ],
    [
      "TechNeed.enterprise of the PUBLIC need",
      async (c) => {
        const result = await c.request(NeedEnterpriseDocument, { id: w.public });
        return result.errors ? code(result) : (result.data!.node as { enterprise: { id: string } }).enterprise.id;
      },
      () => row("UNAUTHENTICATED", w.e1),
    ],
    [
      "node(match on the CONFIDENTIAL need) and Match.need",
      async (c) => {
        const node = (await c.data(MatchNodeDocument, { id: w.x1Match })).node as { need: { id: string } } | null;
        return node ? node.need.id : "null";
      },
      () => linkedRow(w.confidential, "null"),
    ],
    [
      "matchesForSupplier(X1) includes the CONFIDENTIAL need",
      async (c) => (await c.data(MatchesForSupplierDocument, { supplierId: w.x1, first: 100 })).matchesForSupplier.some((m) => m.need?.id === w.confidential),
      () => linkedRow(true, false),
    ],
    [
      "TechNeed.responses of the PUBLIC need (proposals of other societies)",
      async (c) => {
        const node = (await c.data(NeedPrivateFieldsDocument, { id: w.public })).node as { responses: Array<{ society: { id: string }; proposal: string }> };
        return node.responses.map((r) => r.society.id).sort();
      },
      () =>
        row([], [], {
          ADMIN: [w.s1, w.s2].sort(),
          ANALYST: [w.s1, w.s2].sort(),
          ENTERPRISE_OWN: [w.s1, w.s2].sort(),
          SOCIETY_MATCHED: [w.s1],
          EXPERT_MATCHED: [w.s1],
          SOCIETY_UNMATCHED: [w.s2],
          EXPERT_UNMATCHED: [w.s2],
        }),
    ],
    [
      "node(another society's response)",
      async (c) => seen((await c.data(ResponseNodeDocument, { id: w.r2 })).node),
      () => row("null", "null", { ADMIN: "seen", ANALYST: "seen", ENTERPRISE_OWN: "seen", SOCIETY_UNMATCHED: "seen", EXPERT_UNMATCHED: "seen" }),
    ],
    [
      "expert contact details (email, phone): its own side, ADMIN, and ENTERPRISE_OWN, whose invitation X1 accepted",
      async (c) => {
        const node = (await c.data(ExpertContactDocument, { id: w.x1 })).node as { email: string | null; phone: string | null };
        return [node.email, node.phone];
      },
      () => row([null, null], [null, null], { ADMIN: ["x1@expert.test", "13800000001"], ENTERPRISE_OWN: ["x1@expert.test", "13800000001"], SOCIETY_MATCHED: ["x1@expert.test", "13800000001"], EXPERT_MATCHED: ["x1@expert.test", "13800000001"] }),
    ],
    [
      "node(another user) and User.email",
      async (c) => {
        const node = (await c.data(UserNodeDocument, { id: w.ownUserId })).node as { email: string } | null;
        return node ? node.email.split("@")[1] : "null";
      },
      () => row("null", "null", { ADMIN: "hub.test", ANALYST: "hub.test", ENTERPRISE_OWN: "hub.test" }),
    ],
    ["me", async (c) => (await c.data(MeDocument)).me?.role ?? null, () => ({ anonymous: null, ADMIN: "ADMIN", ANALYST: "ANALYST", ENTERPRISE_OWN: "ENTERPRISE", ENTERPRISE_OTHER: "ENTERPRISE", SOCIETY_MATCHED: "SOCIETY", SOCIETY_UNMATCHED: "SOCIETY", EXPERT_MATCHED: "EXPERT", EXPERT_UNMATCHED: "EXPERT" })],
    ["regions, industryChains", async (c) => code(await c.request(ReferenceDocument)), () => row("ok", "ok")],
    ["enterprises", async (c) => (await c.data(EnterprisesDocument, { first: 0 })).enterprises.totalCount, () => row(2, 2)],
    ["societies, Society.experts", async (c) => ((await c.data(SocietyExpertsDocument, { id: w.s1 })).node as { experts: { totalCount: number } }).experts.totalCount, () => row(1, 1)],
    [
      "societies, experts, platforms (directories: open to everyone)",
      async (c) => code(await c.request(`{ societies(first: 5) { totalCount } experts(first: 5) { totalCount } platforms(first: 5) { totalCount } }`)),
      () => row("ok", "ok"),
    ],
    ["stats (counts confidential needs, the same for everyone)", async (c) => (await c.data(StatsDocument)).stats.needs, () => row(w.needsStat, w.needsStat)],
  ])("%s", async (_name, op, expected) => {
    expect(await outcomes(op)).toEqual(expected());
  });
});

describe("mutations: who may write", () => {
  let n = 0;
  const freshConfidentialNeed = () => postNeed(t.admin, w.e1, { title: `机密：储能热失控新需求${++n}`, visibility: "CONFIDENTIAL" });
  /** A fresh CONFIDENTIAL need that X1 (and so S1) was invited to and accepted. */
  const openedConfidentialNeed = async () => {
    const need = await freshConfidentialNeed();
    await letIn(need.id);
    return need;
  };
  const denied = (anonymous = "UNAUTHENTICATED") => row(anonymous, "FORBIDDEN");

  test("login (anyone)", async () => {
    expect(await outcomes(async (c) => code(await c.request(LoginDocument, { email: "admin@hub.test", password: "Admin-Passw0rd!" })))).toEqual(row("ok", "ok"));
  });

  test.each<[string, (c: GqlClient) => Promise<GqlResult<unknown>>, Row]>([
    ["createUser", (c) => c.request(CreateUserDocument, { input: { email: `new${++n}@hub.test`, password: PASSWORD, role: "ANALYST" } }), adminOnly],
    ["createEnterprise", (c) => c.request(CreateEnterpriseDocument, { input: { name: `新企业${++n}`, creditCode: freshCreditCode(), regionCode: "411302", industryChainCodes: ["BIO"] } }), adminOnly],
    ["createSociety", (c) => c.request(CreateSocietyDocument, { input: { name: `新学会${++n}`, level: "MUNICIPAL", disciplines: ["纺织"] } }), adminOnly],
    ["createPlatform", (c) => c.request(CreatePlatformDocument, { input: { name: `新平台${++n}`, kind: "INCUBATOR", capabilities: "提供生物医药企业孵化服务与公共实验场地。", industryChainCodes: ["BIO"] } }), adminOnly],
    [
      "createExpert for S1",
      (c) => c.request(CreateExpertDocument, { input: { name: `新专家${++n}`, societyIds: [w.s1], expertise: "从事纺织印染废水处理研究。", industryChainCodes: ["TEXTILE"] } }),
      { ...denied(), ADMIN: "ok", SOCIETY_MATCHED: "ok" },
    ],
    [
      "postNeed for E1",
      (c) => c.request(POST_NEED_ID_ONLY, { input: { enterpriseId: w.e1, title: `公开：纺织新需求${++n}`, description: "需要纺织印染废水深度处理与回用方案。", industryChainCode: "TEXTILE", kind: "CONSULTING" } }),
      { ...denied(), ADMIN: "ok", ENTERPRISE_OWN: "ok" },
    ],
    ["auditEvents", (c) => c.request(AuditEventsDocument, { first: 1 }), adminOnly],
  ])("%s", async (_name, op, expected) => {
    expect(await outcomes(async (c) => code(await op(c)))).toEqual(expected);
  });

  test("updateNeedStatus on a CONFIDENTIAL need: owner and ADMIN; others that see it FORBIDDEN; the rest NOT_FOUND", async () => {
    // Letting a supplier in accepts its invitation, which moves the need to IN_DOCKING (docs/workflow.md): back to OPEN.
    const result = await outcomes(async (c) => code(await c.request(UpdateNeedStatusDocument, { id: (await openedConfidentialNeed()).id, status: "OPEN" })));
    expect(result).toEqual({ ...linkedRow("FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"), ADMIN: "ok", ENTERPRISE_OWN: "ok" });
  });

  test("respondToNeed on a CONFIDENTIAL need for the caller's own society", async () => {
    const result = await outcomes(async (c, role) => {
      const need = await openedConfidentialNeed();
      const societyId = role === "SOCIETY_UNMATCHED" ? w.s2 : w.s1;
      return code(await c.request(RespondToNeedDocument, { input: { needId: need.id, societyId, proposal: "我们可以提供储能热管理专家团队。" } }));
    });
    expect(result).toEqual({ ...denied(), ADMIN: "ok", SOCIETY_MATCHED: "ok", SOCIETY_UNMATCHED: "NOT_FOUND" });
  });

  test("respondToNeed for another society is FORBIDDEN", async () => {
    const result = await as.SOCIETY_MATCHED.request(RespondToNeedDocument, { input: { needId: w.members, societyId: w.s2, proposal: "冒名替别的学会应答。" } });
    expect(code(result)).toBe("FORBIDDEN");
  });

  test("setMatchStatus ACCEPTED on a CONFIDENTIAL need: only the need's side", async () => {
    const result = await outcomes(async (c) => {
      const need = await freshConfidentialNeed();
      return code(await c.request(SetMatchStatusDocument, { id: await matchOf(need.id, w.x1), status: "ACCEPTED" }));
    });
    expect(result).toEqual({ ...linkedRow("FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"), ADMIN: "ok", ENTERPRISE_OWN: "ok" });
  });

  test("setMatchStatus VIEWED: the supplier's side too", async () => {
    const result = await outcomes(async (c) => {
      const need = await freshConfidentialNeed();
      return code(await c.request(SetMatchStatusDocument, { id: await matchOf(need.id, w.x1), status: "VIEWED" }));
    });
    expect(result).toEqual({ ...linkedRow("ok", "NOT_FOUND", "UNAUTHENTICATED"), ANALYST: "FORBIDDEN" });
  });

  test("deactivateUser", async () => {
    const result = await outcomes(async (c) => {
      const email = `victim${++n}@hub.test`;
      const created = await t.admin.data(CreateUserDocument, { input: { email, password: PASSWORD, role: "ANALYST" } });
      return code(await c.request(DeactivateUserDocument, { id: created.createUser.id }));
    });
    expect(result).toEqual(adminOnly);
  });

  test("changePassword needs a signed-in caller and the right current password (nothing changes otherwise)", async () => {
    const result = await outcomes(async (c) => code(await c.request(ChangePasswordDocument, { currentPassword: "wrong-Passw0rd!", newPassword: "An0ther-Strong-One!" })));
    expect(result).toEqual(row("UNAUTHENTICATED", "BAD_USER_INPUT"));
    expect((await as.ENTERPRISE_OWN.data(MeDocument)).me).not.toBeNull(); // the old token still works
  });
});

describe("NOT_FOUND is the same for hidden and missing things", () => {
  const missing = (type: string) => Buffer.from(`${type}:999999`).toString("base64url");

  test.each<[string, (c: GqlClient, id: string) => Promise<GqlResult<unknown>>, () => string, string]>([
    ["updateNeedStatus", (c, id) => c.request(UpdateNeedStatusDocument, { id, status: "CLOSED" }), () => w.confidential, "TechNeed"],
    ["setMatchStatus", (c, id) => c.request(SetMatchStatusDocument, { id, status: "VIEWED" }), () => w.x1Match, "Match"],
    ["respondToNeed", (c, id) => c.request(RespondToNeedDocument, { input: { needId: id, societyId: w.s2, proposal: "试探一个看不见的需求。" } }), () => w.confidential, "TechNeed"],
  ])("%s", async (_name, op, hidden, type) => {
    const client = as.SOCIETY_UNMATCHED;
    const onHidden = await op(client, hidden());
    const onMissing = await op(client, missing(type));
    expect(errorOf(onHidden)?.code).toBe("NOT_FOUND");
    // Identical but for the request id, which names each request.
    const withoutRequestId = (r: GqlResult<unknown>) => r.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } }));
    expect(withoutRequestId(onHidden)).toEqual(withoutRequestId(onMissing));
  });

  test("node(id:) answers null for both, with no error", async () => {
    const hidden = await as.ENTERPRISE_OTHER.request(NeedNodeDocument, { id: w.confidential });
    const missingOne = await as.ENTERPRISE_OTHER.request(NeedNodeDocument, { id: missing("TechNeed") });
    expect(hidden).toEqual(missingOne);
    expect(hidden.data?.node).toBeNull();
  });
});
