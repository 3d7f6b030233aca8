// Fan-out (issue 5): N subscribers spread over two hub processes on one PostgreSQL and one Redis, a stream of
// postNeed mutations; delivered events/s, post→client latency, lost events, CPU and memory of the hubs.
import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { Client as PgClient } from "pg";
import { PROJECT_ROOT } from "../src/infra/paths";
import { makeCreditCode, makeOrganisationCode } from "../src/modules/enterprise/credit-code";
import { TokenService } from "../src/infra/auth/tokens";
import { decodeGlobalId } from "../src/infra/relay/global-id";
import { hubNodeFlags, hubProcessEnv } from "./lib/child";
import { mb, ms, option, progress, summarize, table, type BenchOptions } from "./lib/common";
import type { ClientsPlan, ClientsReport } from "./fanout-clients";

const MAIN = path.join(PROJECT_ROOT, "dist", "src", "main.js");
const SECRET = "fanout-secret-fanout-secret-fanout-0123";
const ADMIN = { email: "fanout-admin@bench.local", password: "Fanout-Admin-Passw0rd" };

interface Hub {
  child: ChildProcess;
  url: string;
  ws: string;
}

/** What the subscribers listen to, and the write that makes each event. */
interface Scenario {
  name: string;
  query: string;
  /** The payload's field, and the path in it that names the event (what `trigger` returns). */
  field: string;
  key: string;
  /** A token per subscriber, or one for all. */
  tokens(n: number): Promise<string[]>;
  /** Makes the i-th event through hub `url`; returns its key. */
  trigger(url: string, i: number): Promise<string>;
}

/** Subscribers per load-generator process: far under the default `ulimit -n` (20,000 here) with its pipes. */
const PER_PROCESS = 4000;

export async function fanoutBench(opts: BenchOptions): Promise<string> {
  const sizes = (option(opts.args, "subscribers") ?? "1000,5000,10000,20000").split(",").map(Number);
  const posts = Number(option(opts.args, "posts") ?? 20);
  const kinds = (option(opts.args, "subscription") ?? "needPosted,notificationAdded").split(",");
  checkFileLimit(Math.max(...sizes));
  const databaseUrl = await scratchDatabase(opts.databaseUrl.replace(/\/[^/]*$/, "/bench_fanout"));
  const redis = await startRedis();
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
  const hubs = [await startHub(env), await startHub(env)];
  const tables: Record<string, Array<Array<string | number>>> = {};
  try {
    const token = await login(hubs[0].url);
    const enterpriseId = await createEnterprise(hubs[0].url, token);
    const society = await societyWithUser(hubs[0].url, token);
    for (const kind of kinds) {
      for (const n of sizes) {
        const scenario = kind === "notificationAdded" ? await inboxScenario(hubs[0].url, databaseUrl, token, society, n, posts) : postedScenario(token, enterpriseId);
        progress(`fanout ${scenario.name}: ${n} subscribers over 2 instances, ${posts} events`);
        (tables[scenario.name] ??= []).push(await round(hubs, databaseUrl, scenario, n, posts));
      }
    }
  } finally {
    await Promise.all(hubs.map(stopHub));
    redis.child.kill("SIGKILL");
  }
  const columns = ["subscribers", "delivered", "lost", "events/s", "latency p50 ms", "p99 ms", "max ms", "hub CPU (2 procs)", "hub CPU µs / delivery", "hub RSS MB (max)", "executions", "PostgreSQL CPU µs / delivery", "subscribers' CPU µs / delivery"];
  return [
    `Two hub processes (\`node dist/src/main.js\`) on one PostgreSQL database and one Redis, all on this 2-core machine with the`,
    `load generator (its subscribers spread over processes of ${PER_PROCESS} sockets, leaving from 127.0.0.1–127.0.0.8). Each subscriber is a`,
    `graphql-ws client with its own WebSocket, half on each instance; ${posts} events are made one every 250 ms, alternating instances.`,
    `Latency is from the start of the write to the event at the client (it includes the write path). CPU is the hubs'`,
    `user+system time over the round, as a share of one core, and per delivered event (with the writes: the figure to compare between runs on a busy machine). Executions: how many times the hubs executed a subscription`,
    `document for the round's events (hub_subscription_executions_total), once per class of subscribers, not per socket.`,
    `The last two columns say where the rest of the machine's CPU goes, per delivered event over the same round: PostgreSQL's`,
    `(its backends on the bench's database and its processes that serve no one database: WAL writer, checkpointer…; other`,
    `databases' backends left out) and the subscriber processes' (the load generator's WebSockets and JSON).`,
    "",
    ...(tables.needPosted
      ? ["**needPosted** (every subscriber signed in as ADMIN: one class per instance): `subscription { needPosted { id title industryChain { code } } }`, each event a postNeed.", "", table(columns, tables.needPosted), ""]
      : []),
    ...(tables.notificationAdded
      ? [
          "**notificationAdded** (one user per subscriber, all of one enterprise: one group per instance, whose users' own rows are executed together in slices of 500 users, so executions are one per instance, event and 500 users): `subscription { notificationAdded { id kind title subject { id } } }`,",
          "each event a society's response to one of the enterprise's needs, which notifies every one of its users; the write's notifications reach each instance as one message that carries the rows it wrote, so no instance reads them back.",
          "",
          table(columns, tables.notificationAdded),
        ]
      : []),
  ].join("\n");
}

function postedScenario(token: string, enterpriseId: string): Scenario {
  return {
    name: "needPosted",
    query: "subscription { needPosted { id title industryChain { code } } }",
    field: "needPosted",
    key: "id",
    tokens: async () => [token],
    trigger: (url, i) => postNeed(url, token, enterpriseId, i),
  };
}

/** n users of a new enterprise (written directly: n sign-ups would take longer than the round), and `posts` needs to respond to. */
async function inboxScenario(url: string, databaseUrl: string, token: string, society: { id: string; token: string }, n: number, posts: number): Promise<Scenario> {
  const enterpriseId = await createEnterprise(url, token);
  const needIds: string[] = [];
  for (let i = 0; i < posts; i++) needIds.push(await postNeed(url, token, enterpriseId, i));
  const pg = new PgClient({ connectionString: databaseUrl });
  await pg.connect();
  const rows = await pg.query<{ id: number }>(
    `INSERT INTO "User" (email, "passwordHash", role, "enterpriseId", "updatedAt")
     SELECT 'inbox-' || $1::text || '-' || g || '@bench.local', 'not-a-hash', 'ENTERPRISE', $2, now() FROM generate_series(1, $3) g RETURNING id`,
    [`${Date.now()}`, decodeGlobalId(enterpriseId)!.id, n],
  );
  await pg.end();
  const tokens = new TokenService(SECRET, 24 * 3600);
  return {
    name: "notificationAdded",
    query: "subscription { notificationAdded { id kind title subject { id } } }",
    field: "notificationAdded",
    key: "subject.id",
    tokens: () => Promise.all(rows.rows.map((r) => tokens.sign({ id: r.id, role: "ENTERPRISE", tokenVersion: 0, organizationId: enterpriseId }))),
    trigger: async (hubUrl, i) =>
      (await gql(hubUrl, society.token, `mutation($input: RespondInput!) { respondToNeed(input: $input) { id } }`, {
        input: { needId: needIds[i], societyId: society.id, proposal: "我会组织储能热管理专家团队提供液冷改造方案与热失控预警。" },
      })).respondToNeed.id,
  };
}

async function round(hubs: Hub[], databaseUrl: string, scenario: Scenario, n: number, posts: number): Promise<Array<string | number>> {
  const tokens = await scenario.tokens(n);
  const children: ChildProcess[] = [];
  for (let first = 0; first < n; first += PER_PROCESS) {
    const count = Math.min(PER_PROCESS, n - first);
    const child = fork(path.join(__dirname, "fanout-clients.js"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    const plan: ClientsPlan = {
      urls: hubs.map((h) => h.ws),
      first,
      count,
      tokens: tokens.length === 1 ? tokens : tokens.slice(first, first + count),
      query: scenario.query,
      field: scenario.field,
      key: scenario.key,
    };
    child.send(plan);
    children.push(child);
    // one process at a time: the hubs accept a few thousand handshakes at once without timing them out
    await reply(child, "subscribed");
  }
  await new Promise((r) => setTimeout(r, 1000 + n / 10)); // let the subscribe messages land
  const executionsBefore = await executions(hubs);
  const cpuBefore = hubs.map((h) => cpuSeconds(h.child.pid!));
  const database = new URL(databaseUrl).pathname.slice(1);
  const postgresBefore = postgresCpu(database);
  const subscribersBefore = children.map((c) => cpuSeconds(c.pid!));
  let rss = 0;
  const sent = new Map<string, number>();
  const started = performance.now();
  for (let i = 0; i < posts; i++) {
    const t0 = performance.timeOrigin + performance.now();
    sent.set(await scenario.trigger(hubs[i % 2].url, i), t0);
    rss = Math.max(rss, ...hubs.map((h) => rssBytes(h.child.pid!)));
    await new Promise((r) => setTimeout(r, 250));
  }
  const collect = async () => {
    const received = new Map<string, number[]>();
    for (const child of children) {
      child.send("collect");
      const { times } = (await reply(child, "received")) as Extract<ClientsReport, { type: "received" }>;
      for (const [key, list] of Object.entries(times)) (received.get(key) ?? received.set(key, []).get(key)!).push(...list);
    }
    return received;
  };
  let received = await collect();
  const deadline = Date.now() + 30_000;
  while (![...sent.keys()].every((id) => (received.get(id)?.length ?? 0) >= n) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    received = await collect();
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = hubs.reduce((sum, h, i) => sum + cpuSeconds(h.child.pid!) - cpuBefore[i], 0);
  const postgres = cpuSince(postgresBefore, postgresCpu(database));
  const subscribers = children.reduce((sum, c, i) => sum + cpuSeconds(c.pid!) - subscribersBefore[i], 0);
  const executed = (await executions(hubs)) - executionsBefore;
  const latencies: number[] = [];
  let delivered = 0;
  for (const [id, t0] of sent) for (const t of received.get(id) ?? []) {
    latencies.push(t - t0);
    delivered++;
  }
  await Promise.all(children.map((c) => new Promise((r) => (c.once("exit", r), c.send("close")))));
  const s = summarize(latencies);
  const perDelivery = (seconds: number) => (delivered && Number.isFinite(seconds) ? ((1e6 * seconds) / delivered).toFixed(0) : "–");
  return [n, delivered, n * posts - delivered, (delivered / elapsed).toFixed(0), ms(s.p50), ms(s.p99), ms(s.max), `${((100 * cpu) / elapsed).toFixed(0)} %`, perDelivery(cpu), mb(rss), executed, perDelivery(postgres), perDelivery(subscribers)];
}

function reply(child: ChildProcess, type: ClientsReport["type"]): Promise<ClientsReport> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ClientsReport) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      resolve(m);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`a subscriber process exited with ${code}`)));
  });
}

/** Subscription executions so far, over both hubs (their /metrics). */
async function executions(hubs: Hub[]): Promise<number> {
  let sum = 0;
  for (const hub of hubs) {
    const text = await (await fetch(hub.url.replace(/\/graphql$/, "/metrics"))).text();
    sum += Number(/^hub_subscription_executions_total (\d+)/m.exec(text)?.[1] ?? 0);
  }
  return sum;
}

/** Each hub holds half the sockets: say so before starting rather than fail half-way. */
function checkFileLimit(largest: number): void {
  const limit = /Max open files\s+(\d+)/.exec(fs.readFileSync("/proc/self/limits", "utf8"))?.[1];
  if (limit && Number(limit) < largest / 2 + 1000) throw new Error(`ulimit -n is ${limit}: each hub holds ${largest / 2} sockets; raise it (ulimit -n ${largest + 2000}) first`);
}

async function societyWithUser(url: string, token: string): Promise<{ id: string; token: string }> {
  const society = await gql(url, token, `mutation($input: CreateSocietyInput!) { createSociety(input: $input) { id } }`, {
    input: { name: `扇出测试学会${Date.now()}`, level: "PROVINCIAL", disciplines: ["储能", "热管理"] },
  });
  const email = `fanout-society-${Date.now()}@bench.local`;
  await gql(url, token, `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { email, password: ADMIN.password, role: "SOCIETY", organizationId: society.createSociety.id },
  });
  const login = await gql(url, null, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: ADMIN.password });
  return { id: society.createSociety.id, token: login.login.token };
}

async function gql(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const send = () =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  // A busy hub may close an idle keep-alive connection as the request goes out on it (never read): send it again, once.
  const res = await send().catch((err: { cause?: { code?: string } }) => {
    if (err.cause?.code !== "ECONNRESET") throw err;
    return send();
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const login = async (url: string) =>
  (await gql(url, null, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ADMIN.email, p: ADMIN.password })).login.token as string;

async function createEnterprise(url: string, token: string): Promise<string> {
  const creditCode = makeCreditCode(`91411303${makeOrganisationCode(`FA${String(Date.now() % 1_000_000).padStart(6, "0")}`)}`);
  const data = await gql(url, token, `mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id } }`, {
    input: { name: `扇出测试企业${Date.now()}`, creditCode, regionCode: "411303", industryChainCodes: ["NEW_ENERGY"] },
  });
  return data.createEnterprise.id;
}

async function postNeed(url: string, token: string, enterpriseId: string, i: number): Promise<string> {
  const data = await gql(url, token, `mutation($input: PostNeedInput!) { postNeed(input: $input) { id } }`, {
    input: { enterpriseId, title: `扇出测试：储能电池热管理需求 ${i}`, description: "储能电站电池簇温差过大，需要液冷热管理方案与热失控预警。", industryChainCode: "NEW_ENERGY", kind: "JOINT_RD" },
  });
  return data.postNeed.id;
}

async function startHub(env: Record<string, string>): Promise<Hub> {
  const port = await freePort();
  // BENCH_CPU_PROF=dir: each hub writes a V8 CPU profile there when it stops (where its time per event goes).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // As `npm start` runs it (scripts/hub.sh): its malloc setting and node flags (on PostgreSQL a 2 × 32 MB young
  // generation, which a fan-out's thousands of payloads in flight at once fill; V8's default gave 20–25 % of the
  // hubs' CPU to GC here). BENCH_NODE_DEFAULTS=1 leaves them out.
  const child = spawn(process.execPath, [...hubNodeFlags(env), ...profile, MAIN], {
    env: { PATH: process.env.PATH, ...hubProcessEnv(), PORT: String(port), HOST: "127.0.0.1", HUB_DEMO: "off", LOG_LEVEL: "warn", HUB_ADMIN_EMAIL: ADMIN.email, HUB_ADMIN_PASSWORD: ADMIN.password, HUB_JWT_SECRET: SECRET, ...env },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, 60_000);
  return { child, url: `${url}/graphql`, ws: `ws://127.0.0.1:${port}/graphql` };
}

async function stopHub(hub: Hub) {
  if (hub.child.exitCode !== null) return;
  const exited = new Promise((r) => hub.child.once("exit", r));
  hub.child.kill("SIGTERM");
  await exited;
}

async function startRedis() {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  await waitFor(() => new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => { socket.destroy(); resolve(true); });
    socket.on("error", () => resolve(false));
  }), 10_000);
  return { child, url: `redis://127.0.0.1:${port}` };
}

async function scratchDatabase(url: string): Promise<string> {
  const name = new URL(url).pathname.slice(1);
  const admin = new PgClient({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return url;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

/**
 * CPU seconds of each PostgreSQL process that works for the bench (by pid): the backends on its database and the
 * processes that serve no one database (postmaster, WAL writer, checkpointer, background writer), read from /proc;
 * none when the server is elsewhere. Backends on other databases (tests running beside) are left out.
 */
function postgresCpu(database: string): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
      // A backend's title: "postgres: <cluster>: <user> <database> <host>(<port>) <state>".
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      const backend = /^postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(title);
      if (backend && backend[1] !== database) continue;
      cpu.set(Number(entry), cpuSeconds(Number(entry)));
    } catch {
      // the process ended while being read
    }
  }
  return cpu;
}

/** CPU used since `before` by the processes alive now (one started since counts whole; one ended since is lost). */
function cpuSince(before: Map<number, number>, now: Map<number, number>): number {
  if (!now.size) return NaN;
  let sum = 0;
  for (const [pid, seconds] of now) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : 0;
}
