// Soak: `npm run bench -- soak [--minutes 10] [--db pglite|pg]` — a hub process under a steady mixed load (home-page
// and analyst reads, postNeed writes, graphql-ws subscribers that come and go) for a long while, its memory sampled.
// At the end a straight line is fitted to the memory after warm-up: a leak shows as a slope that does not vanish.
// The hub runs with --expose-gc and is asked for its memory right after a full collection, so that the heap is what
// is still referenced, not how far V8 let garbage pile up before collecting.
import { createClient, type Client } from "graphql-ws";
import path from "node:path";
import WebSocket from "ws";
import { PROJECT_ROOT } from "../src/infra/paths";
import { startServer, type ServerProcess } from "./lib/child";
import { hubEnv, mb, ms, option, percentile, progress, rssOf, summarize, table, type BenchOptions } from "./lib/common";
import { ANALYST_EMAIL, ANALYST_QUERY, HOME_QUERY, login, prepareData } from "./lib/data";
import { postJson } from "./lib/load";

const POST_NEED = `mutation SoakPostNeed($input: PostNeedInput!) { postNeed(input: $input) { id matches(first: 5) { id score } } }`;
const TOPICS = [
  ["储能电站热失控预警", "储能电池热失控早期预警与液冷散热方案", "NEW_ENERGY", ["热失控", "储能", "液冷"]],
  ["非球面镜片模压良率", "光学玻璃非球面模压成型良率提升与模具镀膜寿命", "OPTOELECTRONICS", ["非球面", "模压成型", "镀膜"]],
  ["秸秆纤维素乙醇发酵", "纤维素酶解与发酵菌种改良，提升乙醇得率", "BIO", ["发酵", "纤维素", "乙醇"]],
] as const;
const READERS = 4;
const SUBSCRIBERS = 20;
const WRITE_PAUSE_MS = 500;
const SAMPLE_MS = 5_000;
/** The first part of the run fills caches (query plans, Prisma's compiled queries, the JIT) and is not judged. */
const WARMUP_SHARE = 0.2;

interface Tally {
  reads: number;
  writes: number;
  events: number;
  subscribes: number;
  errors: number;
  firstErrors: string[];
  readMs: number[];
  writeMs: number[];
}

interface Sample {
  at: number;
  rss: number;
  heap: number;
  /** Memory outside V8's heap: buffers and PGlite's WebAssembly memory (which grows up to its cache size, never shrinks). */
  external: number;
}

export async function soakBench(opts: BenchOptions): Promise<string> {
  const minutes = Number(option(opts.args, "minutes") ?? 10);
  const db = opts.args.includes("--db") ? opts.dbs[0] : "pglite";
  // Its own embedded folder by default: the soak adds needs, the read and write benchmarks keep their data.
  const soakOpts = { ...opts, pgliteDir: process.env.BENCH_PGLITE_DIR ? opts.pgliteDir : path.join(PROJECT_ROOT, ".bench-data", "soak-pglite") };
  progress(`soak on ${db} for ${minutes} min: preparing data`);
  const data = await prepareData(soakOpts, db);
  const hub = await startServer("hub.js", hubEnv(soakOpts, db), ["--expose-gc"]);
  progress(`soak: hub ready at ${hub.url}`);
  const tokens = { home: await login(hub.url, data.homeEmail), analyst: await login(hub.url, ANALYST_EMAIL), writer: await login(hub.url, data.writerEmail) };
  const me = await postJson(hub.url, { query: "{ me { organization { ... on Enterprise { id } } } }" }, tokens.writer);
  const enterpriseId = me.json.data.me.organization.id as string;

  const tally: Tally = { reads: 0, writes: 0, events: 0, subscribes: 0, errors: 0, firstErrors: [], readMs: [], writeMs: [] };
  const fail = (what: string, detail: string) => {
    tally.errors += 1;
    if (tally.firstErrors.length < 5) tally.firstErrors.push(`${what}: ${detail.slice(0, 200)}`);
  };
  const end = Date.now() + minutes * 60_000;
  const started = Date.now();
  const samples: Sample[] = [];
  const sampler = setInterval(() => void sample(hub, started).then((s) => samples.push(s)), SAMPLE_MS);
  const reporter = setInterval(() => report(tally, samples, started), 30_000);
  const subscribers = startSubscribers(hub.url.replace(/^http/, "ws"), tokens.analyst, tally, fail, end);
  await Promise.all([
    ...Array.from({ length: READERS }, (_, i) => readLoop(hub.url, i % 2 ? { query: ANALYST_QUERY, token: tokens.analyst } : { query: HOME_QUERY, token: tokens.home }, tally, fail, end)),
    writeLoop(hub.url, tokens.writer, enterpriseId, tally, fail, end),
  ]);
  clearInterval(sampler);
  clearInterval(reporter);
  await subscribers.stop();
  const openAfter = await openSubscriptions(hub.url);
  await hub.stop();
  return summary({ db, minutes, data, tally, samples, started, openAfter });
}

async function readLoop(url: string, read: { query: string; token: string }, tally: Tally, fail: (w: string, d: string) => void, end: number) {
  while (Date.now() < end) {
    const t0 = performance.now();
    const res = await postJson(url, { query: read.query, variables: { first: 20 } }, read.token).catch((err) => ({ status: 0, text: String(err), json: null }));
    tally.readMs.push(performance.now() - t0);
    if (res.status !== 200 || res.json?.errors) fail("read", res.text);
    else tally.reads += 1;
  }
}

async function writeLoop(url: string, token: string, enterpriseId: string, tally: Tally, fail: (w: string, d: string) => void, end: number) {
  for (let i = 0; Date.now() < end; i++) {
    const [title, description, chain, keywords] = TOPICS[i % TOPICS.length];
    const input = { enterpriseId, title: `${title}（耐久 ${i}）`, description, industryChainCode: chain, kind: "TECH_BREAKTHROUGH", keywords };
    const t0 = performance.now();
    const res = await postJson(url, { query: POST_NEED, variables: { input } }, token).catch((err) => ({ status: 0, text: String(err), json: null }));
    tally.writeMs.push(performance.now() - t0);
    if (res.status !== 200 || res.json?.errors || !res.json?.data?.postNeed) fail("postNeed", res.text);
    else tally.writes += 1;
    await new Promise((r) => setTimeout(r, WRITE_PAUSE_MS));
  }
}

/**
 * SUBSCRIBERS sockets, each on needPosted and matchFound; every few seconds one socket is closed and a new one
 * opened, so that a subscription that leaks on close would pile up over the run.
 */
function startSubscribers(wsUrl: string, token: string, tally: Tally, fail: (w: string, d: string) => void, end: number) {
  const open = (): Client => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
    const sink = {
      next: (value: { errors?: unknown }) => (value.errors ? fail("subscription", JSON.stringify(value.errors)) : void (tally.events += 1)),
      error: (err: unknown) => fail("subscription", err instanceof Error ? err.message : JSON.stringify(err)),
      complete: () => {},
    };
    client.subscribe({ query: "subscription { needPosted { id title industryChain { code } } }" }, sink);
    client.subscribe({ query: "subscription { matchFound(industryChainCode: \"NEW_ENERGY\") { id score need { id } } }" }, sink);
    tally.subscribes += 2;
    return client;
  };
  const clients = Array.from({ length: SUBSCRIBERS }, open);
  let next = 0;
  const churn = setInterval(() => {
    if (Date.now() >= end) return;
    void clients[next].dispose();
    clients[next] = open();
    next = (next + 1) % clients.length;
  }, 3_000);
  return {
    stop: async () => {
      clearInterval(churn);
      await Promise.all(clients.map((c) => c.dispose()));
    },
  };
}

async function sample(hub: ServerProcess, started: number): Promise<Sample> {
  const memory = await hub.ask<NodeJS.MemoryUsage>("memory-after-gc");
  return { at: Date.now() - started, rss: rssOf(hub.pid), heap: memory.heapUsed, external: memory.external };
}

/** The hub's own count of open subscriptions once every subscriber has gone (its /metrics): should be 0. */
async function openSubscriptions(url: string): Promise<number> {
  await new Promise((r) => setTimeout(r, 1_000));
  const text = await (await fetch(url.replace(/\/graphql$/, "/metrics"))).text();
  const line = text.split("\n").find((l) => l.startsWith("hub_subscriptions_active "));
  return line ? Number(line.split(" ")[1]) : NaN;
}

function report(tally: Tally, samples: Sample[], started: number) {
  const last = samples[samples.length - 1];
  progress(
    `soak ${((Date.now() - started) / 60_000).toFixed(1)} min: ${tally.reads} reads, ${tally.writes} writes, ${tally.events} events, ${tally.errors} errors` +
      (last ? `; hub RSS ${mb(last.rss)} MB, heap ${mb(last.heap)} MB` : ""),
  );
}

/** Least-squares slope of y over x. */
export function slope(points: Array<{ x: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx ? sxy / sxx : NaN;
}

/** The samples after warm-up, in MB against minutes. */
function series(samples: Sample[], key: "rss" | "heap" | "external", from: number): Array<{ x: number; y: number }> {
  return samples.filter((s) => s.at >= from).map((s) => ({ x: s.at / 60_000, y: s[key] / 2 ** 20 }));
}

function summary(r: { db: string; minutes: number; data: { counts: Record<string, number> }; tally: Tally; samples: Sample[]; started: number; openAfter: number }): string {
  const { tally, samples } = r;
  const from = r.minutes * 60_000 * WARMUP_SHARE;
  const names = { heap: "V8 heap used after full GC", external: "external (buffers, PGlite's WebAssembly memory)", rss: "RSS" };
  const rows = (["heap", "external", "rss"] as const).map((key) => {
    const points = series(samples, key, from);
    const perMin = slope(points);
    const first = points[0]?.y ?? NaN;
    const last = points[points.length - 1]?.y ?? NaN;
    const span = (points[points.length - 1]?.x ?? 0) - (points[0]?.x ?? 0);
    const ys = points.map((p) => p.y).sort((a, b) => a - b);
    const spread = `${ys[0]?.toFixed(1)} / ${percentile(ys, 0.5).toFixed(1)} / ${ys[ys.length - 1]?.toFixed(1)}`;
    return [names[key], first.toFixed(1), last.toFixed(1), spread, perMin.toFixed(2), `${(perMin * span).toFixed(1)} MB in ${span.toFixed(1)} min`];
  });
  const reads = summarize(tally.readMs);
  const writes = summarize(tally.writeMs);
  return [
    `${r.minutes} minutes on ${r.db === "pglite" ? "PGlite (embedded, its own folder .bench-data/soak-pglite)" : "PostgreSQL"} with ${r.data.counts.needs} needs and ${r.data.counts.experts} experts at the start.`,
    `Load: ${READERS} closed-loop readers (enterprise home page and analyst list, alternately), one writer posting a need every`,
    `${WRITE_PAUSE_MS} ms after the previous answer, ${SUBSCRIBERS} graphql-ws sockets each subscribed to \`needPosted\` and \`matchFound\`, one socket`,
    `closed and replaced every 3 s. Every ${SAMPLE_MS / 1000} s the hub runs a full collection and reports its memory; the trend is a least-squares`,
    `line through those samples, leaving out the first ${WARMUP_SHARE * 100} % of the run (warm-up: caches, query plans, JIT).`,
    "",
    table(["load", "answered", "p50 ms", "p99 ms"], [
      ["reads", tally.reads, ms(reads.p50), ms(reads.p99)],
      ["postNeed", tally.writes, ms(writes.p50), ms(writes.p99)],
      ["subscriptions opened / events received", `${tally.subscribes} / ${tally.events}`, "", ""],
    ]),
    "",
    table(["memory (after warm-up)", "first sample MB", "last sample MB", "least / median / most MB", "trend MB/min", "trend × span"], rows),
    "",
    `Open subscriptions the hub reports (\`hub_subscriptions_active\`) after every subscriber left: ${r.openAfter}.`,
    tally.errors ? `${tally.errors} errors; the first: ${tally.firstErrors.map((e) => `\`${e}\``).join("; ")}.` : "Errors: none (HTTP status, GraphQL errors and subscription errors all counted).",
  ].join("\n");
}
