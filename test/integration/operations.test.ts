import type { Client } from "graphql-ws";
import { Client as PgClient } from "pg";
import { OnMatchFoundDocument, OnNeedPostedDocument } from "../generated/operations";
import { createEnterprise, createExpert, postNeed } from "../support/fixtures";
import { routeLabel } from "../../src/infra/metrics/metrics";
import { operationLabeller } from "../../src/infra/metrics/operation-plugin";
import { startTestHub, type TestHub } from "../support/hub";
import { startRedis } from "../support/redis-process";
import { settle, subscribe, wsClient } from "../support/ws";

// Operations: /readyz, /metrics (values read back from the hub's own text format), request ids in errors.
let t: TestHub;
const sockets: Client[] = [];
const base = () => t.hub.url.replace(/\/graphql$/, "");

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.stop();
});

type Labels = Record<string, string>;

/** One sample of /metrics: the value of `name` whose labels include `labels` (0 when the series does not exist yet). */
async function metric(name: string, labels: Labels = {}, hub = t): Promise<number> {
  const res = await fetch(`${hub.hub.url.replace(/\/graphql$/, "")}/metrics`);
  const text = await res.text();
  let total = 0;
  for (const line of text.split("\n")) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += Number(m[3]);
  }
  return total;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await settle(100);
  }
  throw new Error(`never happened: ${what}`);
}

/** The embedded database is closed; a PostgreSQL one (which Prisma would reconnect to) is dropped under the hub. */
async function loseDatabase(hub: TestHub): Promise<void> {
  if (!process.env.DATABASE_URL) return hub.hub.database.close();
  const [{ name }] = await hub.hub.database.prisma.$queryRaw<Array<{ name: string }>>`SELECT current_database() AS name`;
  const admin = new PgClient({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`).finally(() => admin.end());
}

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(t.hub.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

test("/readyz answers ready when the database answers (and Redis, when configured)", async () => {
  const res = await fetch(`${base()}/readyz`);
  expect(res.status).toBe(200);
  // supplierVectors, needVectors: the start-up check of the stored vectors (reanalysis.test.ts) has ended.
  expect(await res.json()).toEqual({ status: "ready", database: "ok", redis: process.env.REDIS_URL ? "ok" : "not configured", supplierVectors: { state: "current" }, needVectors: { state: "current" } });
});

test("/metrics is Prometheus text with the process metrics", async () => {
  const res = await fetch(`${base()}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  for (const name of ["process_cpu_user_seconds_total", "nodejs_heap_size_used_bytes", "hub_subscriptions_active", "hub_http_requests_total"]) expect(text).toContain(name);
});

test("operations are counted and timed per operation name; anonymous ones as anonymous", async () => {
  const named = { operation: "OpsProbe", type: "query" };
  const before = await metric("hub_graphql_operations_total", { ...named, outcome: "ok" });
  const timedBefore = await metric("hub_graphql_operation_duration_seconds_count", named);
  const anonymousBefore = await metric("hub_graphql_operations_total", { operation: "anonymous", type: "query" });
  await t.admin.data("query OpsProbe { me { email } }");
  await t.admin.data("query OpsProbe { me { role } }");
  await t.admin.data("{ me { email } }");
  expect(await metric("hub_graphql_operations_total", { ...named, outcome: "ok" })).toBe(before + 2);
  expect(await metric("hub_graphql_operation_duration_seconds_count", named)).toBe(timedBefore + 2);
  expect(await metric("hub_graphql_operations_total", { operation: "anonymous", type: "query" })).toBe(anonymousBefore + 1);
  expect(await metric("hub_http_requests_total", { route: "/graphql", status: "200" })).toBeGreaterThanOrEqual(3);
});

test("labels stay bounded: operation names past the cap (and overlong ones) are other, unknown paths other", () => {
  const label = operationLabeller(2);
  expect([label("A"), label(undefined), label("B"), label("C"), label("A"), label("x".repeat(65))]).toEqual(["A", "anonymous", "B", "other", "A", "other"]);
  expect(["/graphql", "/readyz", "/dashboard/", "/workbench", "/join", "/review/", "/web/app.js", "/wp-admin.php"].map(routeLabel)).toEqual(["/graphql", "/readyz", "/dashboard", "/workbench", "/join", "/review", "/web", "other"]);
});

test("errors are counted by code, and the operation as failed (invalid documents under one label)", async () => {
  const validation = await metric("hub_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" });
  const notFound = await metric("hub_graphql_errors_total", { code: "NOT_FOUND" });
  const invalid = await metric("hub_graphql_operations_total", { operation: "invalid", outcome: "error" });
  const failed = await metric("hub_graphql_operations_total", { operation: "OpsMissing", type: "mutation", outcome: "error" });
  expect((await t.admin.request("query OpsBroken { noSuchField }")).status).toBe(400);
  const missing = await t.admin.request(`mutation OpsMissing { updateExpert(id: "RXhwZXJ0Ojk5OTk5OQ==", input: { name: "无" }) { id } }`);
  expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  expect(await metric("hub_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBe(validation + 1);
  expect(await metric("hub_graphql_errors_total", { code: "NOT_FOUND" })).toBe(notFound + 1);
  expect(await metric("hub_graphql_operations_total", { operation: "invalid", outcome: "error" })).toBe(invalid + 1);
  expect(await metric("hub_graphql_operations_total", { operation: "OpsBroken" })).toBe(0);
  expect(await metric("hub_graphql_operations_total", { operation: "OpsMissing", type: "mutation", outcome: "error" })).toBe(failed + 1);
});

test("an error response carries the request id of the x-request-id header", async () => {
  const res = await post(JSON.stringify({ query: "{ noSuchField }" }), { "x-request-id": "ops-test-0001" });
  expect(res.headers.get("x-request-id")).toBe("ops-test-0001");
  expect(((await res.json()) as { errors: Array<{ extensions: Labels }> }).errors[0].extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", requestId: "ops-test-0001" });

  // No header (or one that is not an id): the hub's own id, the same in the header and in every error.
  const made = await post(JSON.stringify({ query: "{ me { email } }" }), { "x-request-id": "not an id\u00e9", authorization: "Bearer not-a-token" });
  const id = made.headers.get("x-request-id");
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(((await made.json()) as { errors: Array<{ extensions: Labels }> }).errors[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", requestId: id });

  const unparsable = await post("{ not json", { "x-request-id": "ops-test-0002" });
  expect(unparsable.status).toBe(400);
  expect(await unparsable.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST", requestId: "ops-test-0002" } }] });
});

test("a subscription's error over WebSocket is shaped like HTTP's, with a request id", async () => {
  const socket = wsClient(t.hub.wsUrl, t.admin.token);
  sockets.push(socket);
  const sub = subscribe(socket, OnMatchFoundDocument, { supplierId: "not-a-supplier" });
  await until(async () => sub.errors.length > 0, "the subscription's error");
  const [error] = sub.errors[0] as Array<{ extensions: Labels }>;
  expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "supplierId" });
  expect(error.extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);

  // GraphQL's own errors keep their message and get Apollo's codes, as over HTTP (not masked as internal).
  const invalid = await new Promise<Array<{ message: string; extensions: Labels }>>((resolve) =>
    socket.subscribe({ query: "subscription { noSuchEvent }" }, { next: () => {}, error: (e) => resolve(e as never), complete: () => {} }),
  );
  expect(invalid[0].message).toMatch(/noSuchEvent/);
  expect(invalid[0].extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  const coerced = subscribe(socket, OnMatchFoundDocument, { minScore: "high" as unknown as number });
  await until(async () => coerced.errors.length > 0, "the coercion error");
  expect((coerced.errors[0] as Array<{ extensions: Labels }>)[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "minScore" });
});

test("active subscriptions go up while one is open and back down when it ends", async () => {
  const before = await metric("hub_subscriptions_active");
  const socket = wsClient(t.hub.wsUrl, t.admin.token);
  sockets.push(socket);
  const sub = subscribe(socket, OnNeedPostedDocument, { industryChainCode: "NEW_ENERGY" });
  await until(async () => (await metric("hub_subscriptions_active")) === before + 1, "one more active subscription");
  sub.stop();
  await until(async () => (await metric("hub_subscriptions_active")) === before, "the subscription counted out");
  // A closed socket ends its subscriptions too.
  const other = wsClient(t.hub.wsUrl, t.admin.token);
  subscribe(other, OnNeedPostedDocument, { industryChainCode: "BIO" });
  await until(async () => (await metric("hub_subscriptions_active")) === before + 1, "the second subscription");
  await other.dispose();
  await until(async () => (await metric("hub_subscriptions_active")) === before, "the closed socket's subscription counted out");
});

test("matching time is observed for a posted need and for a new supplier", async () => {
  const needs = await metric("hub_matching_duration_seconds_count", { direction: "need" });
  const suppliers = await metric("hub_matching_duration_seconds_count", { direction: "supplier" });
  const enterprise = await createEnterprise(t.admin);
  await postNeed(t.admin, enterprise.id, { title: "储能电站热失控预警" });
  await createExpert(t.admin, { expertise: "储能电池热失控机理与预警算法研究。", keywords: ["热失控", "储能"] });
  expect(await metric("hub_matching_duration_seconds_count", { direction: "need" })).toBe(needs + 1);
  expect(await metric("hub_matching_duration_seconds_count", { direction: "supplier" })).toBeGreaterThanOrEqual(suppliers + 1);
  expect(await metric("hub_matching_duration_seconds_sum", { direction: "need" })).toBeGreaterThan(0);
});

test("/metrics asks for the bearer token when HUB_METRICS_TOKEN is set", async () => {
  const guarded = await startTestHub({ HUB_METRICS_TOKEN: "metrics-token-0123456789" });
  try {
    const url = guarded.hub.url.replace(/\/graphql$/, "/metrics");
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: "Bearer metrics-token-0123456789" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("hub_graphql_operations_total");
  } finally {
    await guarded.stop();
  }
});

test("/readyz answers 503 naming Redis while it is down, recovers with it, then names the closed database", async () => {
  const redis = await startRedis();
  const hub = await startTestHub({ REDIS_URL: redis.url });
  const readyz = async () => {
    const res = await fetch(hub.hub.url.replace(/\/graphql$/, "/readyz"));
    // What it says of the stored supplier vectors is checked above; here only the dependencies.
    const { supplierVectors: _, needVectors: __, ...body } = await res.json();
    return { status: res.status, body };
  };
  try {
    expect(await readyz()).toEqual({ status: 200, body: { status: "ready", database: "ok", redis: "ok" } });
    await redis.stop();
    await until(async () => (await readyz()).status === 503, "not ready without Redis");
    expect((await readyz()).body).toEqual({ status: "not ready", database: "ok", redis: "unavailable" });
    await redis.start();
    await until(async () => (await readyz()).status === 200, "ready again with Redis back");
    await loseDatabase(hub);
    expect(await readyz()).toEqual({ status: 503, body: { status: "not ready", database: "unavailable", redis: "ok" } });
  } finally {
    await hub.stop().catch(() => {}); // the database is closed already
    await redis.stop();
  }
});

test("the embedded database runs with the configured buffer pool (HUB_PGLITE_SHARED_BUFFERS_MB, 8 MB by default)", async () => {
  if (process.env.DATABASE_URL) return; // PostgreSQL's own settings are the server's business
  const [row] = await t.hub.database.prisma.$queryRawUnsafe<Array<{ shared_buffers: string }>>("SHOW shared_buffers");
  expect(row.shared_buffers).toBe(`${process.env.HUB_PGLITE_SHARED_BUFFERS_MB || 8}MB`);
});
