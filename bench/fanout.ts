// Fan-out (issue 5): N subscribers spread over two hub processes on one PostgreSQL and one Redis, a stream of
// postNeed mutations; delivered events/s, post→client latency, lost events, CPU and memory of the hubs.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createClient, type Client } from "graphql-ws";
import { Client as PgClient } from "pg";
import WebSocket from "ws";
import { PROJECT_ROOT } from "../src/infra/paths";
import { makeCreditCode, makeOrganisationCode } from "../src/modules/enterprise/credit-code";
import { mb, ms, option, progress, summarize, table, type BenchOptions } from "./lib/common";

const MAIN = path.join(PROJECT_ROOT, "dist", "src", "main.js");
const ADMIN = { email: "fanout-admin@bench.local", password: "Fanout-Admin-Passw0rd" };

interface Hub {
  child: ChildProcess;
  url: string;
  ws: string;
}

export async function fanoutBench(opts: BenchOptions): Promise<string> {
  const sizes = (option(opts.args, "subscribers") ?? "1000,5000,10000").split(",").map(Number);
  const posts = Number(option(opts.args, "posts") ?? 20);
  const databaseUrl = await scratchDatabase(opts.databaseUrl.replace(/\/[^/]*$/, "/bench_fanout"));
  const redis = await startRedis();
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
  const hubs = [await startHub(env), await startHub(env)];
  const rows: Array<Array<string | number>> = [];
  try {
    const token = await login(hubs[0].url);
    const enterpriseId = await createEnterprise(hubs[0].url, token);
    for (const n of sizes) {
      progress(`fanout: ${n} subscribers over 2 instances, ${posts} needs`);
      rows.push(await round(hubs, token, enterpriseId, n, posts));
    }
  } finally {
    await Promise.all(hubs.map(stopHub));
    redis.child.kill("SIGKILL");
  }
  return [
    `Two hub processes (\`node dist/src/main.js\`) on one PostgreSQL database and one Redis, all on this 2-core machine with the`,
    `load generator. Each subscriber is a graphql-ws client (its own WebSocket, signed in as ADMIN) subscribed to`,
    `\`needPosted { id title industryChain { code } }\`, half on each instance; ${posts} needs are posted one every 250 ms, alternating`,
    `instances. Latency is from the start of the postNeed request to the event at the client (it includes the write`,
    `path: validation, insert, matching, commit). CPU is the hubs' user+system time over the round, as a share of one core.`,
    "",
    table(["subscribers", "delivered", "lost", "events/s", "latency p50 ms", "p99 ms", "max ms", "hub CPU (2 procs)", "hub RSS MB (max)"], rows),
  ].join("\n");
}

async function round(hubs: Hub[], token: string, enterpriseId: string, n: number, posts: number): Promise<Array<string | number>> {
  const received = new Map<string, number[]>(); // need id -> receive times
  const clients: Client[] = [];
  let subscribed = 0;
  for (let i = 0; i < n; i++) {
    const client = createClient({ url: hubs[i % 2].ws, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
    clients.push(client);
    client.subscribe<{ needPosted: { id: string } }>(
      { query: "subscription { needPosted { id title industryChain { code } } }" },
      {
        next: (value) => {
          const id = value.data?.needPosted.id;
          if (id) (received.get(id) ?? received.set(id, []).get(id)!).push(performance.now());
        },
        error: () => {},
        complete: () => {},
      },
    );
    client.on("connected", () => void subscribed++);
    if (i % 250 === 249) await waitFor(() => subscribed >= i - 50, 30_000);
  }
  await waitFor(() => subscribed >= n, 60_000);
  await new Promise((r) => setTimeout(r, 1000 + n / 10)); // let the subscribe messages land
  const cpuBefore = hubs.map((h) => cpuSeconds(h.child.pid!));
  let rss = 0;
  const sent = new Map<string, number>();
  const started = performance.now();
  for (let i = 0; i < posts; i++) {
    const t0 = performance.now();
    const id = await postNeed(hubs[i % 2].url, token, enterpriseId, i);
    sent.set(id, t0);
    rss = Math.max(rss, ...hubs.map((h) => rssBytes(h.child.pid!)));
    await new Promise((r) => setTimeout(r, 250));
  }
  await waitFor(() => [...sent.keys()].every((id) => (received.get(id)?.length ?? 0) >= n), 30_000).catch(() => {});
  const elapsed = (performance.now() - started) / 1000;
  const cpu = hubs.reduce((sum, h, i) => sum + cpuSeconds(h.child.pid!) - cpuBefore[i], 0);
  const latencies: number[] = [];
  let delivered = 0;
  for (const [id, t0] of sent) for (const t of received.get(id) ?? []) {
    latencies.push(t - t0);
    delivered++;
  }
  await Promise.all(clients.map((c) => c.dispose()));
  const s = summarize(latencies);
  return [n, delivered, n * posts - delivered, (delivered / elapsed).toFixed(0), ms(s.p50), ms(s.p99), ms(s.max), `${((100 * cpu) / elapsed).toFixed(0)} %`, mb(rss)];
}

async function gql(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
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
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, PORT: String(port), HOST: "127.0.0.1", HUB_DEMO: "off", LOG_LEVEL: "warn", HUB_ADMIN_EMAIL: ADMIN.email, HUB_ADMIN_PASSWORD: ADMIN.password, HUB_JWT_SECRET: "fanout-secret-fanout-secret-fanout-0123", ...env },
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

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : 0;
}
