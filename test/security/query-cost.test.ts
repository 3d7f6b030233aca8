import { QUERY_LIMITS } from "../../src/infra/http/query-limits";
import { ProgrammeStatsDocument } from "../generated/operations";
import { createEnterprise, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { print } from "graphql";

// Issue 22, 3.2: a connection without `first` was charged as 1 item and returned 20; 40 aliases of programmeStats
// were charged 880 and ran 6.1 s, holding other users' queries on the embedded database.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  const enterprise = await createEnterprise(t.admin);
  for (let i = 0; i < 3; i++) await postNeed(t.admin, enterprise.id, { title: `成本测试需求${i}` });
});
afterAll(() => t?.stop());

async function post(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(t.hub.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${t.admin.token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: Record<string, any> }>; extensions?: Record<string, any> } };
}

test("a connection without first is charged as its default page (20), as many as it returns", async () => {
  const { body } = await post(`{ needs { edges { node { id title } } } }`);
  expect(body.errors).toBeUndefined();
  // needs (1) + 20 × (edges 1 + node 1 + id 1 + title 1)
  expect(body.extensions?.cost.requested).toBe(1 + 20 * 4);
  // nested connections too: enterprises (1) + 20 × (edges + node + needs (1) + 20 × (edges + node + id))
  const nested = await post(`{ enterprises { edges { node { needs { edges { node { id } } } } } } }`);
  expect(nested.body.errors).toBeUndefined();
  expect(nested.body.extensions?.cost.requested).toBe(1 + 20 * (1 + 1 + 1 + 20 * 3));
});

test("first: n is still charged n", async () => {
  const { body } = await post(`{ needs(first: 5) { edges { node { id title } } } }`);
  expect(body.extensions?.cost.requested).toBe(1 + 5 * 4);
});

test("40 aliases of programmeStats are refused by the cost limit before anything runs", async () => {
  const aliases = Array.from({ length: 40 }, (_, i) => `s${i}: programmeStats { funnel { stage needs } byRegion { key needs } }`).join(" ");
  const before = t.hub.database.statements();
  const { status, body } = await post(`{ ${aliases} }`);
  expect(status).toBe(400);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", limit: QUERY_LIMITS.maxCost });
  expect(t.hub.database.statements() - before).toBeLessThanOrEqual(2); // the viewer's row at most
});

test("the dashboard's full programmeStats query still fits, and is charged its declared cost", async () => {
  const { body } = await post(print(ProgrammeStatsDocument), {});
  expect(body.errors).toBeUndefined();
  expect(body.extensions?.cost.requested).toBeGreaterThan(1_000);
  expect(body.extensions?.cost.requested).toBeLessThanOrEqual(QUERY_LIMITS.maxCost / 4);
});
