// Write path: postNeed end to end over HTTP (validate, insert, match, persist matches, publish), one client
// at a time, against a hub process on the benchmark database.
import { startServer } from "./lib/child";
import { cpuMsOf, hubEnv, QUIET_SWEEPS, mb, ms, option, progress, rssOf, summarize, table, type BenchOptions } from "./lib/common";
import { login, prepareData } from "./lib/data";
import { postJson } from "./lib/load";
import { profileArgs, summariseProfile } from "./lib/profile";

const POST_NEED = `mutation PostNeed($input: PostNeedInput!) { postNeed(input: $input) { id status matches(first: 10) { id score rank supplier { __typename } } } }`;
const TOPICS = [
  ["动力电池热管理系统优化", "电池包热失控预警与液冷散热方案，需要储能安全方向专家", "NEW_ENERGY", ["热管理", "热失控", "储能"]],
  ["车载摄像模组非球面模压成型", "光学玻璃非球面模压成型良率提升，模具镀膜寿命", "OPTOELECTRONICS", ["非球面", "模压成型", "镀膜"]],
  ["秸秆生物发酵制乙醇工艺", "纤维素酶解与发酵菌种改良，提升乙醇得率", "BIO", ["发酵", "纤维素", "乙醇"]],
  ["防爆电机绕组绝缘改进", "高压防爆电机绕组绝缘老化与局部放电检测", "EQUIPMENT", ["防爆电机", "绝缘", "局部放电"]],
] as const;

export async function writeBench(opts: BenchOptions): Promise<string> {
  const count = Number(option(opts.args, "posts") ?? 100);
  const profile = opts.args.includes("--profile");
  const rows: Array<Array<string | number>> = [];
  const profiles: string[] = [];
  for (const db of opts.dbs) {
    const data = await prepareData(opts, db);
    const prof = profile ? profileArgs(`write-${db}`) : null;
    const hub = await startServer("hub.js", hubEnv(opts, db, QUIET_SWEEPS), prof?.execArgv);
    // Not the read path's enterprise, so that the home page benchmarked later keeps its size.
    const token = await login(hub.url, data.writerEmail);
    const me = await postJson(hub.url, { query: "{ me { organization { ... on Enterprise { id } } } }" }, token);
    const enterpriseId = me.json.data.me.organization.id as string;
    const latencies: number[] = [];
    const statements: number[] = [];
    let rssMax = 0;
    let failures = 0;
    let firstFailure: string | undefined;
    // The hub's CPU over the measured calls (after the warm-up): steadier than latency on a shared machine.
    let cpuFrom = NaN;
    for (let i = 0; i < count + 5; i++) {
      const [title, description, chain, keywords] = TOPICS[i % TOPICS.length];
      const input = { enterpriseId, title: `${title}（基准 ${i}）`, description, industryChainCode: chain, kind: "TECH_BREAKTHROUGH", keywords };
      if (i === 5) cpuFrom = cpuMsOf(hub.pid);
      const before = await hub.ask<number>("statements");
      const t0 = performance.now();
      const res = await postJson(hub.url, { query: POST_NEED, variables: { input } }, token);
      const took = performance.now() - t0;
      const failed = Boolean(res.json?.errors || !res.json?.data);
      if (failed) {
        failures += 1;
        firstFailure ??= res.text.slice(0, 200);
        progress(`${db} write: postNeed ${i} failed after ${took.toFixed(0)} ms: ${res.text.slice(0, 200)}`);
      }
      if (i >= 5 && !failed) {
        latencies.push(took); // the first 5 warm the JIT and the query plans
        statements.push((await hub.ask<number>("statements")) - before);
      }
      rssMax = Math.max(rssMax, rssOf(hub.pid));
      if ((i + 1) % 25 === 0) progress(`${db} write: ${i + 1}/${count + 5} postNeed`);
    }
    const cpuPerCall = (cpuMsOf(hub.pid) - cpuFrom) / Math.max(1, count);
    await hub.stop();
    if (prof) profiles.push(`### CPU profile of the hub, ${db}\n\n${summariseProfile(prof.dir)}`);
    const r = summarize(latencies);
    rows.push([db, `${data.counts.needs} needs, ${data.counts.experts} experts`, `${r.n}${failures ? ` (+${failures} failed: ${firstFailure})` : ""}`, ms(r.p50), ms(r.p99), ms(r.max), summarize(statements).p50, ms(cpuPerCall), mb(rssMax)]);
  }
  const results = table(["database", "data", "postNeed calls", "p50 ms", "p99 ms", "max ms", "SQL statements (median)", "hub CPU ms per call", "hub RSS max MB"], rows);
  return [results, ...profiles].join("\n\n");
}
