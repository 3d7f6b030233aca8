import { createHash } from "node:crypto";
import { startTestHub, type TestHub } from "../support/hub";
import { createEnterprise, postNeed, userClient } from "../support/fixtures";
import { errorOf, type GqlClient } from "../support/client";
import { wsClient } from "../support/ws";

let t: TestHub;
let analyst: GqlClient;
let otherAnalyst: GqlClient;
let owner: GqlClient; // an enterprise user with a confidential need
let outsider: GqlClient; // an enterprise user of another enterprise
let ownerEnterpriseId: string;

const SAVE = `mutation($input: SaveQueryInput!) { saveQuery(input: $input) { id name documentId shared mine operationName variables { name type defaultValue } } }`;
const RUN = `query($name: String!, $owner: ID, $variables: JSONObject) { runSavedQuery(name: $name, owner: $owner, variables: $variables) { data errors { message code path } cost savedQuery { name } } }`;
const NEED_TITLES = `query NeedTitles($first: Int = 50) { needs(first: $first) { totalCount edges { node { title visibility } } } }`;

const savedRows = () => t.hub.database.prisma.savedQuery.count();

beforeAll(async () => {
  t = await startTestHub();
  analyst = await userClient(t, "ANALYST", null);
  otherAnalyst = await userClient(t, "ANALYST", null);
  const ownerEnterprise = await createEnterprise(t.admin);
  ownerEnterpriseId = ownerEnterprise.id;
  owner = await userClient(t, "ENTERPRISE", ownerEnterprise.id);
  outsider = await userClient(t, "ENTERPRISE", (await createEnterprise(t.admin)).id);
  await postNeed(owner, ownerEnterpriseId, { title: "公开需求：储能热管理" });
  await postNeed(owner, ownerEnterpriseId, { title: "保密需求：电池配方", visibility: "CONFIDENTIAL" });
});
afterAll(() => t?.stop());

describe("saving", () => {
  test("an analyst saves a named query; its document id is the sha256 of the text and its variables are listed", async () => {
    const { saveQuery } = await analyst.data<{ saveQuery: Record<string, any> }>(SAVE, { input: { name: "需求标题", document: NEED_TITLES, shared: true } });
    expect(saveQuery).toMatchObject({ name: "需求标题", shared: true, mine: true, operationName: "NeedTitles" });
    expect(saveQuery.documentId).toBe(`sha256:${createHash("sha256").update(NEED_TITLES).digest("hex")}`);
    expect(saveQuery.variables).toEqual([{ name: "first", type: "Int", defaultValue: "50" }]);
  });

  test("saving under the same name replaces the caller's own query (one row)", async () => {
    const document = `query Regions { regions { code } }`;
    await analyst.data(SAVE, { input: { name: "地区", document: `{ regions { name } }` } });
    const before = await savedRows();
    const { saveQuery } = await analyst.data<{ saveQuery: Record<string, any> }>(SAVE, { input: { name: "地区", document } });
    expect(saveQuery.operationName).toBe("Regions");
    expect(await savedRows()).toBe(before);
  });

  test.each([
    ["a syntax error", `query { needs(first: 1) { `, undefined, "input.document", /does not parse/],
    ["an unknown field", `{ needs(first: 1) { edges { node { salary } } } }`, undefined, "input.document", /salary/],
    ["a mutation", `mutation { login(email: "a@b.c", password: "x") { token } }`, undefined, "input.document", /Only queries/],
    ["two operations without a name", `query A { regions { code } } query B { stats { needs } }`, undefined, "input.operationName", /several operations/],
    ["an operation name not in the document", `query A { regions { code } }`, "B", "input.operationName", /no operation named "B"/],
    ["a query above the cost limit", `{ needs(first: 100) { edges { node { matches(first: 100) { supplier { ... on Expert { name societies { name } } } need { title } } } } } }`, undefined, "input.document", /cost/],
    ["a query too deep", `{ needs(first: 1) { edges { node { matches(first: 1) { need { matches(first: 1) { need { matches(first: 1) { need { enterprise { needs(first: 1) { edges { node { id } } } } } } } } } } } } } }`, undefined, "input.document", /depth/i],
  ])("%s is refused with BAD_USER_INPUT naming the field, and nothing is written", async (_label, document, operationName, field, message) => {
    const before = await savedRows();
    const result = await analyst.request(SAVE, { input: { name: `bad-${_label}`, document, operationName } });
    expect(errorOf(result)).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(errorOf(result)?.message).toMatch(message);
    expect(await savedRows()).toBe(before);
  });

  test("only ANALYST and ADMIN save; anonymous callers are told to sign in", async () => {
    const input = { name: "mine", document: `{ regions { code } }` };
    expect(errorOf(await owner.request(SAVE, { input }))?.code).toBe("FORBIDDEN");
    expect(errorOf(await t.anonymous.request(SAVE, { input }))?.code).toBe("UNAUTHENTICATED");
  });
});

describe("running", () => {
  test("a saved query runs by name with variables, exactly as the same query sent to /graphql", async () => {
    const run = await analyst.data<{ runSavedQuery: any }>(RUN, { name: "需求标题", variables: { first: 1 } });
    const direct = await analyst.data<any>(NEED_TITLES, { first: 1 });
    expect(run.runSavedQuery.errors).toEqual([]);
    expect(run.runSavedQuery.data).toEqual(direct);
    expect(run.runSavedQuery.data.needs.edges).toHaveLength(1);
    expect(run.runSavedQuery.cost).toBeGreaterThan(0);
  });

  test("a shared query runs with the caller's rights, not its owner's: a confidential need stays hidden", async () => {
    const asAnalyst = (await analyst.data<{ runSavedQuery: any }>(RUN, { name: "需求标题" })).runSavedQuery.data;
    const asOutsider = (await outsider.data<{ runSavedQuery: any }>(RUN, { name: "需求标题" })).runSavedQuery.data;
    const titles = (d: any) => d.needs.edges.map((e: any) => e.node.title).sort();
    expect(titles(asAnalyst)).toContain("保密需求：电池配方");
    expect(titles(asOutsider)).not.toContain("保密需求：电池配方");
    expect(asOutsider).toEqual(await outsider.data(NEED_TITLES, {}));
  });

  test("bad variables come back as the operation's own clear errors", async () => {
    const run = (await analyst.data<{ runSavedQuery: any }>(RUN, { name: "需求标题", variables: { first: "many" } })).runSavedQuery;
    expect(run.data).toBeNull();
    expect(run.errors[0].code).toBe("BAD_USER_INPUT");
    const tooMany = (await analyst.data<{ runSavedQuery: any }>(RUN, { name: "需求标题", variables: { first: 101 } })).runSavedQuery;
    expect(tooMany.errors[0]).toMatchObject({ code: "BAD_USER_INPUT", path: ["needs"] });
  });

  test("an unshared query is invisible to others: not found by name, null by node(id:), absent from lists", async () => {
    const { saveQuery } = await analyst.data<{ saveQuery: { id: string } }>(SAVE, { input: { name: "私有", document: `{ stats { needs } }` } });
    expect(errorOf(await otherAnalyst.request(RUN, { name: "私有" }))?.code).toBe("NOT_FOUND");
    expect((await otherAnalyst.data<any>(`query($id: ID!) { node(id: $id) { id } }`, { id: saveQuery.id })).node).toBeNull();
    expect((await analyst.data<any>(`query($id: ID!) { node(id: $id) { ... on SavedQuery { name } } }`, { id: saveQuery.id })).node).toEqual({ name: "私有" });
    const listed = await otherAnalyst.data<any>(`{ savedQueries(first: 100) { totalCount edges { node { name mine } } } }`);
    const names = listed.savedQueries.edges.map((e: any) => e.node.name);
    expect(names).toContain("需求标题");
    expect(names).not.toContain("私有");
    expect(listed.savedQueries.totalCount).toBe(names.length);
  });

  test("shared means read-only: others run it but cannot delete it; its owner can", async () => {
    const { saveQuery } = await analyst.data<{ saveQuery: { id: string } }>(SAVE, { input: { name: "临时", document: `{ stats { needs } }`, shared: true } });
    const del = `mutation($id: ID!) { deleteSavedQuery(id: $id) }`;
    expect(errorOf(await otherAnalyst.request(del, { id: saveQuery.id }))?.code).toBe("FORBIDDEN");
    expect((await otherAnalyst.data<any>(RUN, { name: "临时" })).runSavedQuery.data.stats.needs).toBeGreaterThanOrEqual(2);
    await analyst.data(del, { id: saveQuery.id });
    expect(errorOf(await otherAnalyst.request(RUN, { name: "临时" }))?.code).toBe("NOT_FOUND");
  });

  test("two shared queries with one name need the owner to tell them apart", async () => {
    await analyst.data(SAVE, { input: { name: "同名", document: `{ stats { needs } }`, shared: true } });
    const other = await otherAnalyst.data<{ saveQuery: any }>(SAVE, { input: { name: "同名", document: `{ stats { matches } }`, shared: true } });
    expect((await analyst.data<any>(RUN, { name: "同名" })).runSavedQuery.data).toHaveProperty("stats.needs"); // its own first
    expect(errorOf(await outsider.request(RUN, { name: "同名" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "owner" });
    const me = await otherAnalyst.data<any>(`{ me { id } }`);
    const chosen = await outsider.data<any>(RUN, { name: "同名", owner: me.me.id });
    expect(chosen.runSavedQuery.data).toHaveProperty("stats.matches");
    expect(other.saveQuery.mine).toBe(true);
  });
});

test("a subscription to a saved query's result sends it now, then again when a write changes it", async () => {
  await analyst.data(SAVE, { input: { name: "需求数", document: `{ stats { needs } }` } });
  const client = wsClient(t.hub.wsUrl, analyst.token);
  const results: any[] = [];
  const errors: unknown[] = [];
  const stop = client.subscribe(
    { query: `subscription { savedQueryResult(name: "需求数", minIntervalSeconds: 1) { data errors { code } } }` },
    { next: (v) => results.push(v), error: (e) => errors.push(e), complete: () => {} },
  );
  try {
    await until(() => results.length >= 1);
    const first = results[0].data.savedQueryResult.data.stats.needs as number;
    await postNeed(owner, ownerEnterpriseId, { title: "新需求：改变结果" });
    await until(() => results.length >= 2);
    expect(results[1].data.savedQueryResult.data.stats.needs).toBe(first + 1);
    expect(errors).toEqual([]);
  } finally {
    stop();
    await client.dispose();
  }
});

async function until(condition: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}
