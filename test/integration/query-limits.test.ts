import { QUERY_LIMITS } from "../../src/infra/http/query-limits";
import { startTestHub, type TestHub } from "../support/hub";

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t?.stop());

const post = async (query: string, token: string | null = t.admin.token) => {
  const started = performance.now();
  const res = await fetch(t.hub.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: Record<string, any> };
  return { status: res.status, body, ms: performance.now() - started };
};

test("every answered request reports its cost", async () => {
  const { body } = await post(`{ needs(first: 10) { edges { node { id title } } } }`);
  expect(body.errors).toBeUndefined();
  // needs (1) + 10 × (edges 1 + node 1 + id 1 + title 1)
  expect(body.extensions?.cost).toEqual({ requested: 41, limit: QUERY_LIMITS.maxCost });
});

test("a query above the cost limit is refused before it runs", async () => {
  const before = t.hub.database.statements();
  const { status, body } = await post(`{ needs(first: 100) { edges { node { matches(first: 100) { supplier { ... on Expert { name societies { name } } } need { title } } } } } }`);
  expect(status).toBe(400);
  expect(body.errors?.[0].extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", limit: QUERY_LIMITS.maxCost });
  expect(body.errors?.[0].extensions?.cost).toBeGreaterThan(QUERY_LIMITS.maxCost);
  expect(t.hub.database.statements() - before).toBeLessThanOrEqual(2); // the viewer's user row at most: no data was read
});

test.each([
  ["too deep", `{ needs(first: 1) { edges { node { matches(first: 1) { need { matches(first: 1) { need { matches(first: 1) { need { enterprise { needs(first: 1) { edges { node { id } } } } } } } } } } } } } }`],
  ["too many aliases", `{ ${Array.from({ length: QUERY_LIMITS.maxAliases + 5 }, (_, i) => `a${i}: regions { code }`).join(" ")} }`],
  ["too many directives", `{ regions { ${Array.from({ length: QUERY_LIMITS.maxDirectives + 5 }, () => `code @include(if: true)`).join(" ")} } }`],
  ["too many tokens", `{ regions { ${Array.from({ length: QUERY_LIMITS.maxTokens }, () => "code").join(" ")} } }`],
])("a hostile query (%s) is rejected with a clear error while the server stays responsive", async (_label, query) => {
  const before = t.hub.database.statements();
  const { status, body } = await post(query);
  expect(status).toBe(400);
  expect(body.errors?.length).toBeGreaterThan(0);
  expect(body.data).toBeUndefined();
  expect(t.hub.database.statements() - before).toBeLessThanOrEqual(2);
  const healthy = await post(`{ regions { code } }`);
  expect(healthy.status).toBe(200);
});
