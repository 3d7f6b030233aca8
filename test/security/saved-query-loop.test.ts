import { sha256 } from "../../src/infra/http/trusted-documents";
import { errorOf, type GqlClient } from "../support/client";
import { userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { wsClient } from "../support/ws";

// Issue 22, 3.1: a shared saved query whose document ran itself (`runSavedQuery(name:"loop")`), run over graphql-ws
// or /export.csv, took the hub down (RSS 320 MB → 1.58 GB in 90 s). Saved documents may not run saved queries.
let t: TestHub;
let analyst: GqlClient;
let reader: GqlClient;
const SAVE = `mutation($input: SaveQueryInput!) { saveQuery(input: $input) { id } }`;
const savedRows = () => t.hub.database.prisma.savedQuery.count();

beforeAll(async () => {
  t = await startTestHub();
  analyst = await userClient(t, "ANALYST", null);
  reader = await userClient(t, "ANALYST", null);
});
afterAll(() => t?.stop());

test.each([
  ["itself", `{ runSavedQuery(name: "loop") { data } }`],
  ["another saved query", `query Outer { a: regions { code } b: runSavedQuery(name: "其他") { cost } }`],
  ["a saved query inside a fragment", `query Q { ...Runs } fragment Runs on Query { runSavedQuery(name: "loop") { errors { code } } }`],
])("a document that runs %s is refused at saveQuery with BAD_USER_INPUT naming input.document, and nothing is saved", async (_label, document) => {
  const before = await savedRows();
  const result = await analyst.request(SAVE, { input: { name: "loop", document, shared: true } });
  expect(errorOf(result)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.document" });
  expect(errorOf(result)?.message).toMatch(/runSavedQuery/);
  expect(await savedRows()).toBe(before);
});

describe("a looping query saved before the rule (written to the table directly)", () => {
  beforeAll(async () => {
    const document = `{ runSavedQuery(name: "loop") { data errors { code } } }`;
    const ownerId = (await t.hub.database.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } })).id;
    await t.hub.database.prisma.savedQuery.create({ data: { ownerId, name: "loop", document, documentHash: sha256(document), operationName: null, description: "", shared: true } });
  });

  test("runSavedQuery over HTTP answers BAD_USER_INPUT at once instead of running itself", async () => {
    const { runSavedQuery } = await reader.data<{ runSavedQuery: { data: unknown; errors: Array<{ code: string }> } }>(`{ runSavedQuery(name: "loop") { data errors { code } } }`);
    expect(runSavedQuery).toEqual({ data: null, errors: [{ code: "BAD_USER_INPUT" }] });
  });

  test("the same over WebSocket and through /export.csv", async () => {
    const client = wsClient(t.hub.wsUrl, reader.token);
    try {
      const next = await new Promise<any>((resolve, reject) => {
        const stop = client.subscribe({ query: `{ runSavedQuery(name: "loop") { data errors { code } } }` }, { next: (v) => (stop(), resolve(v)), error: reject, complete: () => {} });
      });
      expect(next.data.runSavedQuery).toEqual({ data: null, errors: [{ code: "BAD_USER_INPUT" }] });
    } finally {
      await client.dispose();
    }
    const res = await fetch(t.hub.url.replace("/graphql", "/export.csv"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${reader.token}` },
      body: JSON.stringify({ query: `{ runSavedQuery(name: "loop") { errors { code } } }`, path: "runSavedQuery.errors" }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("BAD_USER_INPUT");
  });
});
