/**
 * The declared policy (src/modules/access/policy.table.ts) as callers meet it: authorization runs before the
 * arguments are converted and validated (issue 22 §1), programmeStats is for ANALYST and ADMIN (§3.3), and a
 * match's rejection reason follows Response.decline's rule (§3.5).
 */
import { errorOf, type GqlClient, type GqlResult } from "../support/client";
import { createEnterprise, createExpert, createSociety, postNeed, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { wsClient } from "../support/ws";

let t: TestHub;
const as = {} as Record<string, GqlClient>;
const code = (result: GqlResult<unknown>) => (errorOf(result)?.code as string | undefined) ?? "ok";

const world = {} as { e1: string; s1: string; x1: string; need: string; match: string };

beforeAll(async () => {
  t = await startTestHub();
  const e1 = await createEnterprise(t.admin);
  const e2 = await createEnterprise(t.admin);
  const s1 = await createSociety(t.admin, { disciplines: ["储能", "电池安全"] });
  const s2 = await createSociety(t.admin, { disciplines: ["小麦育种"] });
  const x1 = await createExpert(t.admin, { societyIds: [s1.id] });
  as.anonymous = t.anonymous;
  as.ADMIN = t.admin;
  as.ANALYST = await userClient(t, "ANALYST", null);
  as.OWNER = await userClient(t, "ENTERPRISE", e1.id);
  as.OTHER_ENTERPRISE = await userClient(t, "ENTERPRISE", e2.id);
  as.SUPPLIER_SOCIETY = await userClient(t, "SOCIETY", s1.id);
  as.SUPPLIER_EXPERT = await userClient(t, "EXPERT", x1.id);
  as.OTHER_SOCIETY = await userClient(t, "SOCIETY", s2.id);
  const need = await postNeed(as.OWNER, e1.id, { title: "公开：储能电池热失控预警", visibility: "PUBLIC" });
  const matches = await t.admin.data<{ node: { matches: Array<{ id: string; supplier: { id: string } }> } }>(
    `query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 100) { id supplier { ... on Node { id } } } } } }`,
    { id: need.id },
  );
  const match = matches.node.matches.find((m) => m.supplier.id === x1.id);
  if (!match) throw new Error("the expert is not matched to the need");
  Object.assign(world, { e1: e1.id, s1: s1.id, x1: x1.id, need: need.id, match: match.id });
}, 180_000);
afterAll(() => t?.stop());

describe("authorization before validation", () => {
  const invalidSociety = `mutation { createSociety(input: { name: "x", level: MUNICIPAL, disciplines: [""] }) { id } }`;
  const societies = async () => (await t.admin.data<{ societies: { totalCount: number } }>(`{ societies(first: 0) { totalCount } }`)).societies.totalCount;

  test("an anonymous createSociety with invalid input is UNAUTHENTICATED, a non-ADMIN one FORBIDDEN; ADMIN meets the validation", async () => {
    const before = await societies();
    expect(code(await as.anonymous.request(invalidSociety))).toBe("UNAUTHENTICATED");
    expect(code(await as.OWNER.request(invalidSociety))).toBe("FORBIDDEN");
    expect(code(await as.ANALYST.request(invalidSociety))).toBe("FORBIDDEN");
    expect(errorOf(await as.ADMIN.request(invalidSociety))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.name" });
    expect(await societies()).toBe(before);
  });

  test("a SOCIETY user's postNeed with invalid input is FORBIDDEN, an anonymous saveQuery UNAUTHENTICATED", async () => {
    const badNeed = `mutation { postNeed(input: { enterpriseId: "${world.e1}", title: "", description: "", industryChainCode: "NEW_ENERGY", kind: CONSULTING }) { id } }`;
    expect(code(await as.SUPPLIER_SOCIETY.request(badNeed))).toBe("FORBIDDEN");
    expect(code(await as.anonymous.request(badNeed))).toBe("UNAUTHENTICATED");
    const badSave = `mutation { saveQuery(input: { name: "", document: "" }) { id } }`;
    expect(code(await as.anonymous.request(badSave))).toBe("UNAUTHENTICATED");
    expect(code(await as.OWNER.request(badSave))).toBe("FORBIDDEN");
  });
});

test("a subscription is guarded the same way: an anonymous savedQueryResult with an out-of-range interval is UNAUTHENTICATED", async () => {
  const client = wsClient(t.hub.wsUrl);
  try {
    const errors = await new Promise<unknown[]>((resolve) => {
      client.subscribe(
        { query: `subscription { savedQueryResult(name: "", minIntervalSeconds: 0) { __typename } }` },
        { next: (value) => resolve([...(value.errors ?? [])]), error: (err) => resolve(Array.isArray(err) ? err : [err]), complete: () => resolve([]) },
      );
    });
    expect(errors.map((e) => (e as { extensions?: { code?: string } }).extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  } finally {
    await client.dispose();
  }
});

describe("programmeStats is for ANALYST and ADMIN; stats stays public", () => {
  const programme = `{ programmeStats(from: "2020-01-01T00:00:00Z") { funnel { needs } } }`;

  test.each([
    ["anonymous", "UNAUTHENTICATED"],
    ["OWNER", "FORBIDDEN"],
    ["SUPPLIER_SOCIETY", "FORBIDDEN"],
    ["SUPPLIER_EXPERT", "FORBIDDEN"],
    ["ANALYST", "ok"],
    ["ADMIN", "ok"],
  ])("programmeStats as %s: %s", async (role, expected) => {
    expect(code(await as[role].request(programme))).toBe(expected);
  });

  test("stats answers everyone with the whole programme's counts", async () => {
    const admin = (await t.admin.data<{ stats: { needs: number } }>(`{ stats { needs } }`)).stats.needs;
    expect((await as.anonymous.data<{ stats: { needs: number } }>(`{ stats { needs } }`)).stats.needs).toBe(admin);
  });
});

describe("a match's rejection reason follows Response.decline's rule", () => {
  const READ = `query($id: ID!) { node(id: $id) { ... on Match { status statusReason statusReasonCode history { status reasonCode reason } } } }`;
  type Seen = { status: string; statusReason: string | null; statusReasonCode: string | null; history: Array<{ status: string; reasonCode: string | null; reason: string | null }> };

  beforeAll(async () => {
    const result = await as.OWNER.request(`mutation($id: ID!) { setMatchStatus(id: $id, status: REJECTED, reasonCode: OTHER, reason: "方向不符：不做电池") { id } }`, { id: world.match });
    expect(result.errors).toBeUndefined();
  });

  const reasonsOf = async (role: string) => {
    const node = (await as[role].data<{ node: Seen | null }>(READ, { id: world.match })).node!;
    const rejected = node.history.find((s) => s.status === "REJECTED")!;
    return [node.statusReason, node.statusReasonCode, rejected.reason, rejected.reasonCode];
  };
  const shown = ["方向不符：不做电池", "OTHER", "方向不符：不做电池", "OTHER"];
  const hidden = [null, null, null, null];

  test.each([
    ["anonymous", hidden],
    ["OTHER_ENTERPRISE", hidden],
    ["OTHER_SOCIETY", hidden],
    ["OWNER", shown],
    ["SUPPLIER_EXPERT", shown],
    ["SUPPLIER_SOCIETY", shown],
    ["ANALYST", shown],
    ["ADMIN", shown],
  ])("as %s", async (role, expected) => {
    expect(await reasonsOf(role)).toEqual(expected);
  });
});
