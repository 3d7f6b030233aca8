// Read path: the enterprise home page and the analyst list against the hub, two baselines (fixed JSON on
// node:http; hand-written SQL + JSON on node:http) and, on PostgreSQL, the auto-generated peer an analyst might
// point at the same database instead (PostGraphile 5), at several concurrencies, on PGlite and PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { startServer, type ServerProcess } from "./lib/child";
import { cpuMsOf, hubEnv, QUIET_SWEEPS, mb, ms, progress, rssOf, table, type BenchOptions, type DbKind } from "./lib/common";
import { ANALYST_EMAIL, ANALYST_QUERY, HOME_QUERY, login, prepareData } from "./lib/data";
import { postJson, runLoad, type LoadResult } from "./lib/load";
import { PEER_ANALYST_QUERY, PEER_HOME_QUERY, peerAnalystAsHub, peerHomeAsHub } from "./lib/peer";
import { profileArgs, summariseProfile } from "./lib/profile";

const CPU_ROUNDS = 5;
const CPU_REQUESTS = 40;

/**
 * The server process's CPU per request, one request at a time: the least of a few rounds, since other work on the
 * machine can only add to it (cache misses, stolen cycles), never take from it.
 */
async function cpuPerRequest(server: ServerProcess, s: Scenario, peer = false): Promise<number> {
  const body = bodyOf(s, peer);
  let least = Infinity;
  for (let round = 0; round < CPU_ROUNDS; round++) {
    const before = cpuMsOf(server.pid);
    for (let i = 0; i < CPU_REQUESTS; i++) await postJson(server.url, body, s.token);
    least = Math.min(least, (cpuMsOf(server.pid) - before) / CPU_REQUESTS);
  }
  return least;
}

interface Scenario {
  name: string;
  query: string;
  first: number;
  token: string;
  /** The same page in PostGraphile's schema, its variables, and its answer's `data` mapped to the hub's shape. */
  peer: { query: string; variables: Record<string, number>; asHub(data: any): unknown };
}

const PEER = "PostGraphile 5.1.5";
const bodyOf = (s: Scenario, peer: boolean) => (peer ? { query: s.peer.query, variables: s.peer.variables } : { query: s.query, variables: { first: s.first } });
const enterpriseIdOf = (hubAnswer: string) => Number(Buffer.from(JSON.parse(hubAnswer).data.me.organization.id, "base64url").toString("utf8").split(":")[1]);

/** Fails the run when a server's answer is not the hub's by value (the hub adds extensions of its own). */
async function compareAnswers(server: ServerProcess, label: string, scenarios: Scenario[], answers: Record<string, string>, peer: boolean): Promise<string[]> {
  const same: string[] = [];
  for (const s of scenarios) {
    const mine = await postJson(server.url, bodyOf(s, peer), s.token);
    if (mine.json?.errors || !mine.json?.data) throw new Error(`${label} failed on ${s.name}: ${mine.text.slice(0, 300)}`);
    const hub = JSON.parse(answers[s.query.slice(0, 30)]).data;
    if (!isDeepStrictEqual(peer ? s.peer.asHub(mine.json.data) : mine.json.data, hub)) {
      throw new Error(`${label}'s answer differs from the hub's for ${s.name}: ${mine.text.slice(0, 300)}`);
    }
    same.push(`${s.name.split(" (")[0]}: identical by value (${mine.text.length} bytes)`);
  }
  return same;
}

export async function readBench(opts: BenchOptions): Promise<string> {
  const sections: string[] = [];
  for (const db of opts.dbs) sections.push(await readOn(opts, db));
  return sections.join("\n\n");
}

async function readOn(opts: BenchOptions, db: DbKind): Promise<string> {
  progress(`read path on ${db}: preparing data`);
  const data = await prepareData(opts, db);
  const env = hubEnv(opts, db, QUIET_SWEEPS);
  // `--profile`: only the hub runs under --cpu-prof (the baselines are not what we are trying to speed up); the
  // profiler costs the hub a few per cent, so ratios from a profiled run read slightly low.
  const prof = opts.args.includes("--profile") ? profileArgs(`read-${db}`) : null;
  const hub = await startServer("hub.js", env, prof?.execArgv);
  progress(`${db}: hub ready in ${hub.startMs.toFixed(0)} ms at ${hub.url}`);
  const scenarios: Scenario[] = [
    {
      name: `enterprise home (${data.homeNeeds} needs × top 5 matches)`,
      query: HOME_QUERY,
      first: 20,
      token: await login(hub.url, data.homeEmail),
      // The enterprise is filled in from the hub's answer: the peer has no viewer, the page's enterprise is an argument.
      peer: { query: PEER_HOME_QUERY, variables: { first: 20 }, asHub: peerHomeAsHub },
    },
    {
      name: "analyst list (50 needs, enterprise, region, chain, match ids)",
      query: ANALYST_QUERY,
      first: 50,
      token: await login(hub.url, ANALYST_EMAIL),
      peer: { query: PEER_ANALYST_QUERY, variables: { first: 50 }, asHub: peerAnalystAsHub },
    },
  ];

  // SQL statements per request, at several page sizes (they must not grow with the page).
  const statementRows: Array<Array<string | number>> = [];
  const answers: Record<string, string> = {};
  for (const s of scenarios) {
    const cells: Array<string | number> = [s.name];
    for (const first of [5, 20, 50, 100]) {
      await postJson(hub.url, { query: s.query, variables: { first } }, s.token); // warm
      const before = await hub.ask<number>("statements");
      const answer = await postJson(hub.url, { query: s.query, variables: { first } }, s.token);
      if (answer.json?.errors) throw new Error(`${s.name}: ${answer.text.slice(0, 300)}`);
      cells.push(`${(await hub.ask<number>("statements")) - before}`);
    }
    statementRows.push(cells);
    answers[s.query.slice(0, 30)] = (await postJson(hub.url, { query: s.query, variables: { first: s.first } }, s.token)).text;
  }
  scenarios[0].peer.variables.enterprise = enterpriseIdOf(answers[HOME_QUERY.slice(0, 30)]);
  const bodyFile = path.join(os.tmpdir(), `hub-bench-bodies-${process.pid}.json`);
  fs.writeFileSync(bodyFile, JSON.stringify(Object.fromEntries(scenarios.map((s) => [s.query.slice(6, 30).split("(")[0], answers[s.query.slice(0, 30)]]))));

  const results = new Map<string, LoadResult>();
  let hubRssIdle = rssOf(hub.pid);
  let hubRssMax = 0;
  const runAll = async (server: ServerProcess, label: string, watchRss = false) => {
    for (const s of scenarios)
      for (const c of opts.concurrency) {
        const r = await runLoad({
          url: server.url,
          body: JSON.stringify(bodyOf(s, label === PEER)),
          headers: { authorization: `Bearer ${s.token}` },
          concurrency: c,
          seconds: opts.seconds,
          sample: watchRss ? () => (hubRssMax = Math.max(hubRssMax, rssOf(server.pid))) : undefined,
        });
        results.set(`${label}|${s.name}|${c}`, r);
        progress(`${db} ${label} ${s.name.split(" (")[0]} c=${c}: ${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms${r.errors ? `, ${r.errors} errors: ${r.firstError}` : ""}`);
      }
  };
  await runAll(hub, "hub", true);
  const cpu = new Map<string, number>();
  for (const s of scenarios) cpu.set(`hub|${s.name}`, await cpuPerRequest(hub, s));
  await hub.stop();
  const profile = prof ? summariseProfile(prof.dir, 25) : null;

  // The hand-written baseline runs alone (PGlite allows one process per data folder).
  const hand = await startServer("handwritten.js", env);
  const same = await compareAnswers(hand, "hand-written", scenarios, answers, false);
  await runAll(hand, "hand-written");
  for (const s of scenarios) cpu.set(`hand-written|${s.name}`, await cpuPerRequest(hand, s));
  await hand.stop();
  // The peer needs a PostgreSQL server: on PGlite its column stays empty.
  let peerSame: string[] = [];
  if (db === "postgresql") {
    const peer = await startServer("postgraphile.js", { DATABASE_URL: env.DATABASE_URL, GRAPHILE_ENV: "production" });
    progress(`${db}: ${PEER} ready in ${peer.startMs.toFixed(0)} ms at ${peer.url}`);
    peerSame = await compareAnswers(peer, PEER, scenarios, answers, true);
    await runAll(peer, PEER);
    for (const s of scenarios) cpu.set(`${PEER}|${s.name}`, await cpuPerRequest(peer, s, true));
    await peer.stop();
  }
  const fixed = await startServer("fixed.js", { BENCH_FIXED_BODY_FILE: bodyFile });
  await runAll(fixed, "fixed JSON");
  await fixed.stop();
  fs.rmSync(bodyFile, { force: true });

  const rows: Array<Array<string | number>> = [];
  for (const s of scenarios)
    for (const c of opts.concurrency) {
      const h = results.get(`hub|${s.name}|${c}`)!;
      const w = results.get(`hand-written|${s.name}|${c}`)!;
      const f = results.get(`fixed JSON|${s.name}|${c}`)!;
      const p = results.get(`${PEER}|${s.name}|${c}`);
      const cell = (r: LoadResult) => `${r.rps.toFixed(0)} (${ms(r.p50)} / ${ms(r.p99)})${r.errors ? ` ⚠${r.errors} err` : ""}`;
      rows.push([s.name.split(" (")[0], c, cell(h), cell(w), p ? cell(p) : "–", cell(f), (h.rps / w.rps).toFixed(2), p ? (h.rps / p.rps).toFixed(2) : "–", (h.rps / f.rps).toFixed(3)]);
    }
  const peerNote =
    db === "postgresql"
      ? `${PEER} (Amber preset, its own process, the same pool size) answers the same two pages written in its schema; its answers, mapped to the hub's shape, are compared by value and the run fails when they differ. It enforces none of the hub's access rules: no login, no roles; the home page's "own needs" is a condition on the enterprise id the client sends, and the analyst list is open to anyone who reaches the server.`
      : `${PEER}: no column on PGlite (PostGraphile needs a PostgreSQL server).`;
  return [
    `### ${db === "pglite" ? "PGlite (embedded)" : "PostgreSQL 15 (local server)"}`,
    "",
    `Data: ${Object.entries(data.counts).map(([k, v]) => `${v} ${k}`).join(", ")}. Home page user: ${data.homeEmail} (the enterprise with the most needs). ${opts.seconds} s per cell after 1 s warm-up; closed loop on keep-alive connections.`,
    "",
    table(["query", "concurrency", "hub req/s (p50 / p99 ms)", "hand-written pg+http", PEER, "fixed JSON node:http", "hub / hand-written", "hub / PostGraphile", "hub / fixed"], rows),
    "",
    peerNote,
    "",
    `CPU per request of the server's process (${db === "pglite" ? "the embedded database's work included" : "PostgreSQL's own work not included"}), one request at a time, the least of ${CPU_ROUNDS} rounds of ${CPU_REQUESTS}: steadier than throughput on a shared machine.`,
    "",
    table(
      ["query", "hub ms", "hand-written ms", "PostGraphile ms", "hand-written / hub", "PostGraphile / hub"],
      scenarios.map((s) => {
        const [h, w, p] = [cpu.get(`hub|${s.name}`)!, cpu.get(`hand-written|${s.name}`)!, cpu.get(`${PEER}|${s.name}`)];
        return [s.name.split(" (")[0], h.toFixed(2), w.toFixed(2), p === undefined ? "–" : p.toFixed(2), (w / h).toFixed(2), p === undefined ? "–" : (p / h).toFixed(2)];
      }),
    ),
    "",
    `SQL statements per request (hub), by page size \`first\`:`,
    "",
    table(["query", "first: 5", "first: 20", "first: 50", "first: 100"], statementRows),
    "",
    `Hand-written answers compared with the hub's: ${same.join("; ")}.${peerSame.length ? ` ${PEER}'s, mapped to the hub's shape: ${peerSame.join("; ")}.` : ""} Hub RSS: ${mb(hubRssIdle)} MB after start-up, at most ${mb(hubRssMax)} MB under this load.`,
    ...(profile ? ["", `#### CPU profile of the hub, ${db} (the whole run: start-up, statement counts and every load cell)`, "", profile] : []),
  ].join("\n");
}
