// Read path: the enterprise home page and the analyst list against the hub, two baselines (fixed JSON on
// node:http; hand-written SQL + JSON on node:http) and, on PostgreSQL, the auto-generated peer an analyst might
// point at the same database instead (PostGraphile 5), at several concurrencies, on PGlite and PostgreSQL.
// Every server of a database is up for the whole run and each cell is measured in short rounds that visit them in
// a rotating order (bench/lib/rounds.ts), so that their ratios compare the same minutes of a shared machine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { startServer, type ServerProcess } from "./lib/child";
import { cpuMsOf, hubEnv, option, QUIET_SWEEPS, mb, ms, progress, rssOf, table, type BenchOptions, type DbKind } from "./lib/common";
import { ANALYST_EMAIL, ANALYST_QUERY, HOME_QUERY, login, prepareData } from "./lib/data";
import { postJson, runLoad, type LoadResult } from "./lib/load";
import { PEER_ANALYST_QUERY, PEER_HOME_QUERY, peerAnalystAsHub, peerHomeAsHub } from "./lib/peer";
import { profileArgs, summariseProfile } from "./lib/profile";
import { combine, formatRatio, ratioOf, rotation, type Round } from "./lib/rounds";

const CPU_ROUNDS = 5;
const CPU_REQUESTS = 40;
/** Before each round's measured window: enough to open the connections and fill the closed loop again. */
const ROUND_WARMUP_SECONDS = 0.25;
/** Once per server and page before the first cell, for the JIT (a round's warm-up is too short for it). */
const FIRST_WARMUP_SECONDS = 1;

interface Scenario {
  name: string;
  query: string;
  first: number;
  token: string;
  /** The same page in PostGraphile's schema, its variables, and its answer's `data` mapped to the hub's shape. */
  peer: { query: string; variables: Record<string, number>; asHub(data: any): unknown };
}

/** A server under measurement; `peer` servers are sent the pages in PostGraphile's schema. */
interface Contender {
  label: string;
  server: ServerProcess;
  peer: boolean;
  /** Sampled while this server is under load (the hub's RSS). */
  sample?: () => void;
}

const PEER = "PostGraphile 5.1.5";
const HAND = "hand-written";
const FIXED = "fixed JSON";
/** `--twin`: a second hand-written server, the same code on the same rows; its ratio to the first is the method's noise. */
const TWIN = "hand-written twin";
const bodyOf = (s: Scenario, peer: boolean) => (peer ? { query: s.peer.query, variables: s.peer.variables } : { query: s.query, variables: { first: s.first } });
const enterpriseIdOf = (hubAnswer: string) => Number(Buffer.from(JSON.parse(hubAnswer).data.me.organization.id, "base64url").toString("utf8").split(":")[1]);
const short = (s: Scenario) => s.name.split(" (")[0];

/**
 * The server process's CPU per request over one batch, one request at a time. The table keeps the least of a few
 * batches, since other work on the machine can only add to it (cache misses, stolen cycles), never take from it.
 */
async function cpuOfBatch(k: Contender, s: Scenario): Promise<number> {
  const body = bodyOf(s, k.peer);
  const before = cpuMsOf(k.server.pid);
  for (let i = 0; i < CPU_REQUESTS; i++) await postJson(k.server.url, body, s.token);
  return (cpuMsOf(k.server.pid) - before) / CPU_REQUESTS;
}

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
    same.push(`${short(s)}: identical by value (${mine.text.length} bytes)`);
  }
  return same;
}

export async function readBench(opts: BenchOptions): Promise<string> {
  const sections: string[] = [];
  for (const db of opts.dbs) sections.push(await readOn(opts, db));
  return sections.join("\n\n");
}

/**
 * A PGlite data folder admits one process: the hand-written server reads a copy of the seeded folder, made before
 * any server opens either, so both hold the same rows (the hub's logins write nothing the pages read).
 */
function copyOfDataFolder(dir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-pglite-hand-"));
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

/** `--rounds R`, by default one per server: each server then takes each place in the order once per cell. */
function roundsOf(opts: BenchOptions, servers: number): number {
  const asked = option(opts.args, "rounds");
  const rounds = Number(asked ?? servers);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds wants a whole number ≥ 1, not ${asked}`);
  return rounds;
}

async function readOn(opts: BenchOptions, db: DbKind): Promise<string> {
  roundsOf(opts, 1); // a bad --rounds fails before the data is prepared and the servers started
  progress(`read path on ${db}: preparing data`);
  const data = await prepareData(opts, db);
  const env = hubEnv(opts, db, QUIET_SWEEPS);
  const twin = opts.args.includes("--twin");
  const handDir = db === "pglite" ? copyOfDataFolder(opts.pgliteDir) : null;
  const twinDir = db === "pglite" && twin ? copyOfDataFolder(opts.pgliteDir) : null;
  const bodyFile = path.join(os.tmpdir(), `hub-bench-bodies-${process.pid}.json`);
  const started: ServerProcess[] = [];
  const start = async (script: string, childEnv: Record<string, string>, execArgv?: string[]) => {
    const server = await startServer(script, childEnv, execArgv);
    started.push(server);
    return server;
  };
  try {
    // `--profile`: only the hub runs under --cpu-prof (the baselines are not what we are trying to speed up); the
    // profiler costs the hub a few per cent, so ratios from a profiled run read slightly low.
    const prof = opts.args.includes("--profile") ? profileArgs(`read-${db}`) : null;
    const hub = await start("hub.js", env, prof?.execArgv);
    progress(`${db}: hub ready in ${hub.startMs.toFixed(0)} ms at ${hub.url}`);
    const scenarios = await scenariosOf(hub, data.homeEmail, data.homeNeeds);
    const { statementRows, answers } = await countStatements(hub, scenarios);
    scenarios[0].peer.variables.enterprise = enterpriseIdOf(answers[HOME_QUERY.slice(0, 30)]);
    fs.writeFileSync(bodyFile, JSON.stringify(Object.fromEntries(scenarios.map((s) => [s.query.slice(6, 30).split("(")[0], answers[s.query.slice(0, 30)]]))));

    const hubRssIdle = rssOf(hub.pid);
    let hubRssMax = 0;
    const contenders: Contender[] = [{ label: "hub", server: hub, peer: false, sample: () => (hubRssMax = Math.max(hubRssMax, rssOf(hub.pid))) }];
    const hand = await start("handwritten.js", handDir ? { ...env, HUB_DATA_DIR: handDir } : env);
    const same = await compareAnswers(hand, HAND, scenarios, answers, false);
    contenders.push({ label: HAND, server: hand, peer: false });
    if (twin) {
      const other = await start("handwritten.js", twinDir ? { ...env, HUB_DATA_DIR: twinDir } : env);
      await compareAnswers(other, TWIN, scenarios, answers, false);
      contenders.push({ label: TWIN, server: other, peer: false });
    }
    // The peer needs a PostgreSQL server: on PGlite its column stays empty.
    let peerSame: string[] = [];
    if (db === "postgresql") {
      const peer = await start("postgraphile.js", { DATABASE_URL: env.DATABASE_URL, GRAPHILE_ENV: "production" });
      progress(`${db}: ${PEER} ready in ${peer.startMs.toFixed(0)} ms at ${peer.url}`);
      peerSame = await compareAnswers(peer, PEER, scenarios, answers, true);
      contenders.push({ label: PEER, server: peer, peer: true });
    }
    contenders.push({ label: FIXED, server: await start("fixed.js", { BENCH_FIXED_BODY_FILE: bodyFile }), peer: false });

    const rounds = roundsOf(opts, contenders.length);
    const results = await measureCells(db, opts, contenders, scenarios, rounds);
    const cpu = await measureCpu(contenders.filter((k) => k.label !== FIXED && k.label !== TWIN), scenarios);
    await Promise.all(started.map((server) => server.stop()));
    const profile = prof ? summariseProfile(prof.dir, 25) : null;

    return [
      `### ${db === "pglite" ? "PGlite (embedded)" : "PostgreSQL 15 (local server)"}`,
      "",
      `Data: ${Object.entries(data.counts).map(([k, v]) => `${v} ${k}`).join(", ")}. Home page user: ${data.homeEmail} (the enterprise with the most needs). ${opts.seconds} s per server per cell, in ${rounds} rounds of ${ms(opts.seconds / rounds)} s (each after ${ROUND_WARMUP_SECONDS} s of unmeasured load) that visit the ${contenders.length} servers in a rotating order, all of them up throughout${handDir ? ` (the hand-written server${twin ? "s each" : ""} on a copy of the data folder)` : ""}; closed loop on keep-alive connections. req/s: completed requests summed over the rounds; ratios: of those sums, with the least and most of the per-round ratios in brackets.${twin ? ` Last column: a second hand-written server (\`--twin\`), the same code on the same rows, against the first: how far this run's ratios stray from what they measure.` : ""}`,
      "",
      throughputTable(scenarios, opts.concurrency, results),
      "",
      db === "postgresql"
        ? `${PEER} (Amber preset, its own process, the same pool size) answers the same two pages written in its schema; its answers, mapped to the hub's shape, are compared by value and the run fails when they differ. It enforces none of the hub's access rules: no login, no roles; the home page's "own needs" is a condition on the enterprise id the client sends, and the analyst list is open to anyone who reaches the server.`
        : `${PEER}: no column on PGlite (PostGraphile needs a PostgreSQL server).`,
      "",
      `CPU per request of the server's process (${db === "pglite" ? "the embedded database's work included" : "PostgreSQL's own work not included"}), one request at a time, the least of ${CPU_ROUNDS} rounds of ${CPU_REQUESTS} (the servers taken in a rotating order each round): steadier than throughput on a shared machine.`,
      "",
      cpuTable(scenarios, cpu),
      "",
      `SQL statements per request (hub), by page size \`first\`:`,
      "",
      table(["query", "first: 5", "first: 20", "first: 50", "first: 100"], statementRows),
      "",
      `Hand-written answers compared with the hub's: ${same.join("; ")}.${peerSame.length ? ` ${PEER}'s, mapped to the hub's shape: ${peerSame.join("; ")}.` : ""} Hub RSS: ${mb(hubRssIdle)} MB after start-up, at most ${mb(hubRssMax)} MB under this load.`,
      ...(profile ? ["", `#### CPU profile of the hub, ${db} (the whole run: start-up, statement counts and every load cell)`, "", profile] : []),
    ].join("\n");
  } finally {
    await Promise.all(started.map((server) => server.stop()));
    fs.rmSync(bodyFile, { force: true });
    for (const dir of [handDir, twinDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function scenariosOf(hub: ServerProcess, homeEmail: string, homeNeeds: number): Promise<Scenario[]> {
  return [
    {
      name: `enterprise home (${homeNeeds} needs × top 5 matches)`,
      query: HOME_QUERY,
      first: 20,
      token: await login(hub.url, homeEmail),
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
}

/** SQL statements per request at several page sizes (they must not grow with the page), and the hub's answers. */
async function countStatements(hub: ServerProcess, scenarios: Scenario[]) {
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
  return { statementRows, answers };
}

const cellKey = (label: string, s: Scenario, c: number) => `${label}|${s.name}|${c}`;

/** Every (page, clients) cell in `rounds` rounds; the rotation carries on from cell to cell. */
async function measureCells(db: DbKind, opts: BenchOptions, contenders: Contender[], scenarios: Scenario[], rounds: number): Promise<Map<string, Round[]>> {
  const load = (k: Contender, s: Scenario, concurrency: number, seconds: number, warmupSeconds: number) =>
    runLoad({ url: k.server.url, body: JSON.stringify(bodyOf(s, k.peer)), headers: { authorization: `Bearer ${s.token}` }, concurrency, seconds, warmupSeconds, sample: k.sample });
  progress(`${db}: warming up ${contenders.map((k) => k.label).join(", ")}`);
  for (const k of contenders) for (const s of scenarios) await load(k, s, 8, 0, FIRST_WARMUP_SECONDS);
  const results = new Map<string, Round[]>();
  let turn = 0;
  for (const s of scenarios)
    for (const c of opts.concurrency) {
      for (let r = 0; r < rounds; r++, turn++)
        for (const k of rotation(contenders, turn)) {
          const round = await load(k, s, c, opts.seconds / rounds, ROUND_WARMUP_SECONDS);
          results.set(cellKey(k.label, s, c), [...(results.get(cellKey(k.label, s, c)) ?? []), round]);
        }
      for (const k of contenders) {
        const r = combine(results.get(cellKey(k.label, s, c))!);
        progress(`${db} ${k.label} ${short(s)} c=${c}: ${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms${r.errors ? `, ${r.errors} errors: ${r.firstError}` : ""}`);
      }
      const of = (label: string) => results.get(cellKey(label, s, c))!;
      const against = contenders.slice(1).filter((k) => k.label !== TWIN).map((k) => `hub / ${k.label} ${formatRatio(ratioOf(of("hub"), of(k.label)), k.label === FIXED ? 3 : 2)}`);
      if (results.has(cellKey(TWIN, s, c))) against.push(`${TWIN} / ${HAND} ${formatRatio(ratioOf(of(TWIN), of(HAND)))}`);
      progress(`${db} ${short(s)} c=${c}: ${against.join(", ")}`);
    }
  return results;
}

function throughputTable(scenarios: Scenario[], concurrency: number[], results: Map<string, Round[]>): string {
  const rows: Array<Array<string | number>> = [];
  const cell = (r: LoadResult) => `${r.rps.toFixed(0)} (${ms(r.p50)} / ${ms(r.p99)})${r.errors ? ` ⚠${r.errors} err` : ""}`;
  for (const s of scenarios)
    for (const c of concurrency) {
      const [h, w, p, f, t] = ["hub", HAND, PEER, FIXED, TWIN].map((label) => results.get(cellKey(label, s, c)));
      rows.push([
        short(s),
        c,
        cell(combine(h!)),
        cell(combine(w!)),
        p ? cell(combine(p)) : "–",
        cell(combine(f!)),
        formatRatio(ratioOf(h!, w!)),
        p ? formatRatio(ratioOf(h!, p)) : "–",
        formatRatio(ratioOf(h!, f!), 3),
        ...(t ? [formatRatio(ratioOf(t, w!))] : []),
      ]);
    }
  const twin = results.has(cellKey(TWIN, scenarios[0], concurrency[0]));
  return table(["query", "concurrency", "hub req/s (p50 / p99 ms)", "hand-written pg+http", PEER, "fixed JSON node:http", "hub / hand-written", "hub / PostGraphile", "hub / fixed", ...(twin ? ["twin / hand-written"] : [])], rows);
}

/** CPU per request of each server and page: the least of CPU_ROUNDS batches, the servers' order rotating per round. */
async function measureCpu(contenders: Contender[], scenarios: Scenario[]): Promise<Map<string, number>> {
  const least = new Map<string, number>();
  for (let round = 0; round < CPU_ROUNDS; round++)
    for (const k of rotation(contenders, round))
      for (const s of scenarios) {
        const key = `${k.label}|${s.name}`;
        least.set(key, Math.min(least.get(key) ?? Infinity, await cpuOfBatch(k, s)));
      }
  return least;
}

function cpuTable(scenarios: Scenario[], cpu: Map<string, number>): string {
  return table(
    ["query", "hub ms", "hand-written ms", "PostGraphile ms", "hand-written / hub", "PostGraphile / hub"],
    scenarios.map((s) => {
      const [h, w, p] = [cpu.get(`hub|${s.name}`)!, cpu.get(`${HAND}|${s.name}`)!, cpu.get(`${PEER}|${s.name}`)];
      return [short(s), h.toFixed(2), w.toFixed(2), p === undefined ? "–" : p.toFixed(2), (w / h).toFixed(2), p === undefined ? "–" : (p / h).toFixed(2)];
    }),
  );
}
