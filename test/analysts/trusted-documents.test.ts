import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { parse, print } from "graphql";
import { startTestHub, type TestHub } from "../support/hub";
import { createEnterprise, PASSWORD } from "../support/fixtures";
import type { GqlClient } from "../support/client";
import { wsClient } from "../support/ws";

const sha = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;
const webOperations = fs.readFileSync(path.join(__dirname, "../../schema/operations/web.graphql"), "utf8");
const STATS = `query Stats {\n  stats {\n    needs\n    matches\n  }\n}`; // not a hub operation as written

let t: TestHub;
let analyst: GqlClient;
let enterpriseUser: GqlClient;

// Under trusted documents only, even signing in goes through a hub operation (the pages' WebLogin).
async function trustedUser(role: string, organizationId: string | null): Promise<GqlClient> {
  const email = `${role.toLowerCase()}-${Math.random().toString(36).slice(2)}@hub.test`;
  await t.admin.data(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: PASSWORD, role, organizationId } });
  const { body } = await post({ documentId: sha(webOperations), operationName: "WebLogin", variables: { email, password: PASSWORD } }, null);
  return t.anonymous.as(body.data.login.token);
}

beforeAll(async () => {
  t = await startTestHub({ HUB_TRUSTED_DOCUMENTS: "only" });
  analyst = await trustedUser("ANALYST", null);
  const enterprise = await createEnterprise(t.admin);
  enterpriseUser = await trustedUser("ENTERPRISE", enterprise.id);
});
afterAll(() => t?.stop());

async function post(body: Record<string, unknown>, token: string | null) {
  const res = await fetch(t.hub.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
}

test("a caller other than ADMIN cannot send an arbitrary document; nothing runs", async () => {
  const before = t.hub.database.statements();
  const { status, body } = await post({ query: `{ needs(first: 5) { totalCount } }` }, analyst.token);
  expect(status).toBe(400);
  expect(body.errors?.[0].extensions).toMatchObject({ code: "PERSISTED_DOCUMENT_REQUIRED" });
  expect(body.data).toBeUndefined();
  expect(t.hub.database.statements() - before).toBeLessThanOrEqual(2); // the token's user row at most
});

test("ADMIN may still send any document (the explorer)", async () => {
  const { status, body } = await post({ query: `{ needs(first: 5) { totalCount } }` }, t.admin.token);
  expect(status).toBe(200);
  expect(body.data.needs.totalCount).toBeGreaterThanOrEqual(0);
});

test("the hub's own operations run by documentId, by their exact text, and by the text of a single operation re-printed", async () => {
  const byId = await post({ documentId: sha(webOperations), operationName: "WebLogin", variables: { email: "nobody@hub.test", password: "wrong-password" } }, null);
  expect(byId.body.errors?.[0].extensions.code).toBe("UNAUTHENTICATED"); // it ran: the login itself answered
  const byText = await post({ query: webOperations, operationName: "DashboardOverview", variables: {} }, analyst.token);
  expect(byText.status).toBe(200);
  expect(byText.body.data.stats).toBeDefined();
  const meOperation = fs.readFileSync(path.join(__dirname, "../../schema/operations/auth.graphql"), "utf8");
  const me = print(parse(meOperation).definitions.find((d: any) => d.name?.value === "Me") as any);
  const reprinted = await post({ query: me }, analyst.token);
  expect(reprinted.status).toBe(200);
  expect(reprinted.body.data.me).toBeDefined();
});

test("a saved query is a trusted document: callers who may run it send its documentId (POST or GET)", async () => {
  const saveQuery = fs.readFileSync(path.join(__dirname, "../../schema/operations/saved-queries.graphql"), "utf8");
  const saved = await post({ query: saveQuery, operationName: "SaveQuery", variables: { input: { name: "统计", document: STATS, shared: true } } }, analyst.token);
  expect(saved.body.data.saveQuery.documentId).toBe(sha(STATS));
  const viaPost = await post({ documentId: sha(STATS) }, enterpriseUser.token);
  expect(viaPost.status).toBe(200);
  expect(viaPost.body.data.stats).toEqual({ needs: expect.any(Number), matches: expect.any(Number) });
  const res = await fetch(`${t.hub.url}?documentId=${encodeURIComponent(sha(STATS))}`, { headers: { authorization: `Bearer ${enterpriseUser.token}`, accept: "application/json", "apollo-require-preflight": "true" } });
  const got = (await res.json()) as any;
  expect({ status: res.status, errors: got.errors }).toEqual({ status: 200, errors: undefined });
  expect(got.data.stats).toBeDefined();
  // Sending its exact text is the same document.
  expect((await post({ query: STATS }, enterpriseUser.token)).status).toBe(200);
});

test("CSV export follows the same rule: arbitrary text refused, a trusted document by id exported", async () => {
  const exportCsv = (body: Record<string, unknown>) =>
    fetch(t.hub.url.replace("/graphql", "/export.csv"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${enterpriseUser.token}` },
      body: JSON.stringify(body),
    });
  const refused = await exportCsv({ query: `{ regions { code name } }` });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as any).errors[0].extensions.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
  const reference = fs.readFileSync(path.join(__dirname, "../../schema/operations/directory.graphql"), "utf8");
  const exported = await exportCsv({ documentId: sha(reference), operationName: "Reference", path: "regions" });
  expect(exported.status).toBe(200);
  expect(await exported.text()).toContain("卧龙区");
});

test("unknown, malformed and mismatched document ids are refused clearly", async () => {
  const unknown = await post({ documentId: sha("query Nothing { stats { needs } }") }, analyst.token);
  expect(unknown.status).toBe(404);
  expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: "PERSISTED_DOCUMENT_NOT_FOUND", field: "documentId" });
  const malformed = await post({ documentId: "md5:abc" }, analyst.token);
  expect(malformed.status).toBe(400);
  expect(malformed.body.errors?.[0].extensions).toMatchObject({ code: "BAD_REQUEST", field: "documentId" });
  const mismatch = await post({ documentId: sha(webOperations), query: STATS }, analyst.token);
  expect(mismatch.body.errors?.[0].extensions).toMatchObject({ code: "BAD_REQUEST", field: "documentId" });
});

test("over WebSocket too: arbitrary subscriptions are refused, trusted ones run", async () => {
  const client = wsClient(t.hub.wsUrl, analyst.token);
  try {
    const refused = await firstMessage(client, { query: `subscription { matchFound { id } }` });
    expect(refused).toMatchObject({ error: [expect.objectContaining({ extensions: expect.objectContaining({ code: "PERSISTED_DOCUMENT_REQUIRED" }) })] });
    const ran = await firstMessage(client, { query: "", extensions: { persistedQuery: { version: 1, sha256Hash: sha(STATS).slice(7) } } } as any);
    expect(ran).toMatchObject({ next: { data: { stats: expect.any(Object) } } });
  } finally {
    await client.dispose();
  }
});

function firstMessage(client: ReturnType<typeof wsClient>, payload: { query: string; operationName?: string }): Promise<{ next?: any; error?: any }> {
  return new Promise((resolve) => {
    const stop = client.subscribe(payload, {
      next: (value) => (stop(), resolve({ next: value })),
      error: (error) => resolve({ error }),
      complete: () => {},
    });
  });
}
