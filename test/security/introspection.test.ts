import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { QUERY_LIMITS } from "../../src/infra/http/query-limits";
import { startHubProcess, type HubProcess } from "../support/hub-process";

// Issue 22, 3.7: under `npm start` (NODE_ENV=production) Apollo turned introspection off over HTTP while graphql-ws
// allowed it: the explorer had no schema and the graphql-http audits BF61 and 28B9 failed. The schema is the public
// contract: introspection is allowed at every door, under the same limits as any query.
let hub: HubProcess;
beforeAll(async () => {
  hub = await startHubProcess(); // NODE_ENV=production, as `npm start`
}, 300_000);
afterAll(() => hub?.stop());

async function post(query: string, token: string | null = null) {
  const res = await fetch(hub.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: IntrospectionQuery; errors?: Array<{ extensions?: Record<string, unknown> }>; extensions?: Record<string, any> } };
}

test("over HTTP, anonymous: the full introspection query answers the schema, and its cost is charged like any query's", async () => {
  const { status, body } = await post(getIntrospectionQuery());
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  const sdl = printSchema(buildClientSchema(body.data!));
  expect(sdl).toContain("type TechNeed");
  expect(body.extensions?.cost).toEqual({ requested: expect.any(Number), limit: QUERY_LIMITS.maxCost });
});

test("over WebSocket: the same", async () => {
  const client = createClient({ url: hub.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    const result = await new Promise<{ data?: IntrospectionQuery | null; errors?: unknown }>((resolve, reject) => {
      client.subscribe<IntrospectionQuery>({ query: getIntrospectionQuery() }, { next: resolve as never, error: reject, complete: () => {} });
    });
    expect(result.errors).toBeUndefined();
    expect(printSchema(buildClientSchema(result.data!))).toContain("type TechNeed");
  } finally {
    await client.dispose();
  }
});

test("introspection stays within the shape limits: too many aliases are refused as for any query", async () => {
  const { status, body } = await post(`{ ${Array.from({ length: QUERY_LIMITS.maxAliases + 5 }, (_, i) => `a${i}: __schema { queryType { name } }`).join(" ")} }`);
  expect(status).toBe(400);
  expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
});
