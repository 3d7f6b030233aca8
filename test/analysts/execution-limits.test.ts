import { startTestHub, type TestHub } from "../support/hub";
import { createEnterprise, postNeed, userClient } from "../support/fixtures";
import { errorOf, type GqlClient } from "../support/client";
import { wsClient } from "../support/ws";

const NEEDS = `{ needs(first: 100) { totalCount edges { node { title enterprise { name region { name } } industryChain { name } matches(first: 5) { score } responses { id } } } } }`;

async function post(t: TestHub, query: string, token: string | null, variables: Record<string, unknown> = {}) {
  const res = await fetch(t.hub.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, any> }> } };
}

function firstMessage(client: ReturnType<typeof wsClient>, query: string): Promise<{ next?: any; error?: any }> {
  return new Promise((resolve) => {
    const stop = client.subscribe({ query }, { next: (value) => (stop(), resolve({ next: value })), error: (error) => resolve({ error }), complete: () => {} });
  });
}

describe("execution timeout (HUB_EXECUTION_TIMEOUT_MS)", () => {
  let t: TestHub;
  let enterprise: GqlClient;
  let enterpriseId: string;
  beforeAll(async () => {
    t = await startTestHub({ HUB_EXECUTION_TIMEOUT_MS: "1" });
    enterpriseId = (await createEnterprise(t.admin)).id;
    enterprise = await userClient(t, "ENTERPRISE", enterpriseId);
    for (let i = 0; i < 20; i++) await postNeed(enterprise, enterpriseId, { title: `需求 ${i}：储能电池热管理` });
  });
  afterAll(() => t?.stop());

  test("a query still running at the limit is answered TIMEOUT (503) with the limit and the request id", async () => {
    const { status, headers, body } = await post(t, NEEDS, t.admin.token);
    expect(status).toBe(503);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].extensions).toEqual({ code: "TIMEOUT", limitMs: 1, requestId: headers.get("x-request-id") });
  });

  test("mutations are never cut short: what a TIMEOUT answers was not written, and writes complete", async () => {
    const need = await postNeed(enterprise, enterpriseId, { title: "超时限制下仍然完成的写入" });
    expect(need.title).toBe("超时限制下仍然完成的写入");
  });

  test("the hub stays responsive after timeouts", async () => {
    await Promise.all(Array.from({ length: 5 }, () => post(t, NEEDS, t.admin.token)));
    const health = await fetch(t.hub.url.replace("/graphql", "/healthz"));
    expect(health.status).toBe(200);
    expect((await post(t, `mutation { login(email: "nobody@hub.test", password: "x") { token } }`, null)).body.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});

describe("limits over WebSocket and the shared budget", () => {
  let t: TestHub;
  let analyst: GqlClient;
  beforeAll(async () => {
    t = await startTestHub({ HUB_QUERY_BUDGET_PER_MINUTE: "200" });
    analyst = await userClient(t, "ANALYST", null);
  });
  afterAll(() => t?.stop());

  test("a subscription above the cost limit, too deep, or with a syntax error is refused before it runs", async () => {
    const client = wsClient(t.hub.wsUrl, t.admin.token);
    try {
      const costly = await firstMessage(client, `subscription { matchFound { need { matches(first: 100) { need { matches(first: 100) { need { matches(first: 100) { id } } } } } } } }`);
      expect(costly.error?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COSTLY" });
      const deep = await firstMessage(client, `subscription { matchFound { need { matches(first: 1) { need { matches(first: 1) { need { matches(first: 1) { need { enterprise { needs(first: 1) { edges { node { id } } } } } } } } } } } } }`);
      expect(deep.error?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED"); // as over HTTP
      expect(deep.error?.[0]?.message).toMatch(/depth/i);
      const broken = await firstMessage(client, `subscription { matchFound { `);
      expect(broken.error?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    } finally {
      await client.dispose();
    }
  });

  test("one budget per caller over HTTP, WebSocket and saved queries: once spent, all three answer RATE_LIMITED", async () => {
    // cost 41 per request: 4 fit in 200, the 5th does not
    const list = `{ needs(first: 10) { edges { node { id title } } } }`;
    for (let i = 0; i < 4; i++) expect((await post(t, list, analyst.token)).status).toBe(200);
    const http = await post(t, list, analyst.token);
    expect(http.status).toBe(429);
    expect(http.body.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
    expect(Number(http.headers.get("retry-after"))).toBeGreaterThan(0);

    const client = wsClient(t.hub.wsUrl, analyst.token);
    try {
      const ws = await firstMessage(client, `query { needs(first: 10) { edges { node { id } } } }`);
      expect(ws.error?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    } finally {
      await client.dispose();
    }

    // Saving costs nothing to run; running does.
    await analyst.data(`mutation($input: SaveQueryInput!) { saveQuery(input: $input) { id } }`, { input: { name: "列表", document: list } }).catch(() => undefined);
    const run = await post(t, `{ runSavedQuery(name: "列表") { data errors { code } } }`, analyst.token);
    const refused = run.body.errors?.[0]?.extensions.code ?? run.body.data?.runSavedQuery?.errors?.[0]?.code;
    expect(refused).toBe("RATE_LIMITED");

    // Another caller has a budget of its own.
    expect((await post(t, list, t.admin.token)).status).toBe(200);
    expect(errorOf(await t.admin.request(list))).toBeNull();
  });
});
