// Candidate search: what reading only the head of each postings list costs in quality and saves in time.
// For the newest open needs, the top list is drawn twice in one transaction that writes nothing: once with the
// candidate search the hub uses (POSTINGS_HEAD_PER_QUOTA) and once reading every posting (the exhaustive search).
// Reported: the candidate statement's time for each, and how much of the exhaustive top list the hub's keeps.
import { openHubServices } from "../src/app";
import { CANDIDATE_QUOTA } from "../src/modules/supplier/kinds";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/infra/logger";
import { candidateSuppliers, POSTINGS_HEAD_PER_QUOTA, supplierCorpus } from "../src/modules/match/match-index";
import { needDoc } from "../src/modules/match/matching.service";
import { supplierKey } from "../src/modules/match/supplier-docs";
import { analyzeNeed, warmUpSegmenter } from "../src/modules/matching/engine";
import { hubEnv, ms, option, progress, summarize, table, type BenchOptions } from "./lib/common";

const QUOTA = CANDIDATE_QUOTA;

export async function candidatesBench(opts: BenchOptions): Promise<string> {
  const count = Number(option(opts.args, "needs") ?? 50);
  // `--heads 1,2,4`: several head lengths compared in one run (the hub's own by default).
  const heads = (option(opts.args, "heads") ?? String(POSTINGS_HEAD_PER_QUOTA)).split(",").map(Number);
  const out: string[] = [];
  for (const db of opts.dbs) {
    const { services, database, close } = await openHubServices(loadConfig(hubEnv(opts, db)), createLogger("warn"));
    const prisma = database.prisma;
    try {
      warmUpSegmenter();
      await prisma.$executeRawUnsafe("VACUUM (ANALYZE)"); // as the other benchmarks do (bench/lib/data.ts)
      const suppliers = await prisma.supplierProfile.count();
      const needs = await prisma.techNeed.findMany({ where: { status: "OPEN" }, include: { enterprise: { select: { regionCode: true } } }, orderBy: { id: "desc" }, take: count });
      const time = new Map<number | null, number[]>([...heads, null].map((h) => [h, []]));
      const kept = new Map(heads.map((h) => [h, { top30: [] as number[], top5: [] as number[], top1: 0, score30: [] as number[], score1: [] as number[] }]));
      for (const [i, need] of needs.entries()) {
        const doc = needDoc(need, need.enterprise.regionCode);
        const vector = analyzeNeed(doc);
        const lists = await prisma.$transaction(async (tx) => {
          const corpus = await supplierCorpus(tx, Object.keys(vector.terms));
          const lists = new Map<number | null, Array<{ key: string; score: number }>>();
          for (const head of time.keys()) {
            // The candidate statement alone, timed on its second run (so every search finds warm pages).
            await candidateSuppliers(tx, vector, corpus, QUOTA, head);
            const t0 = performance.now();
            await candidateSuppliers(tx, vector, corpus, QUOTA, head);
            time.get(head)!.push(performance.now() - t0);
            lists.set(head, (await services.matching.rankSuppliers(tx, doc, vector, head)).map((r) => ({ key: supplierKey(r.ref), score: r.score.score })));
          }
          return lists;
        }, { timeout: 120_000 });
        const all = lists.get(null)!;
        for (const [head, k] of kept) {
          const list = lists.get(head)!;
          const keys = (l: typeof list) => l.map((m) => m.key);
          k.top30.push(share(keys(all), keys(list)));
          k.top5.push(share(keys(all).slice(0, 5), keys(list).slice(0, 5)));
          if (all[0]?.key === list[0]?.key) k.top1++;
          // Suppliers with equal scores are interchangeable (generated data has many): the scores say what was lost.
          k.score30.push(ratio(sum(list), sum(all)));
          k.score1.push(ratio(list[0]?.score ?? 0, all[0]?.score ?? 0));
        }
        if ((i + 1) % 10 === 0) progress(`${db}: ${i + 1}/${needs.length} needs`);
      }
      const row = (head: number | null) => {
        const t = summarize(time.get(head)!);
        const k = head === null ? null : kept.get(head)!;
        const name = head === null ? "every posting (exhaustive)" : `heads of ${head} × quota per term and kind${head === POSTINGS_HEAD_PER_QUOTA ? " (the hub's)" : ""}`;
        return [
          name, ms(t.p50), ms(t.p99),
          k ? pct(mean(k.score30)) : "100 %", k ? pct(Math.min(...k.score30)) : "100 %", k ? pct(mean(k.score1)) : "100 %",
          k ? pct(mean(k.top30)) : "100 %", k ? pct(mean(k.top5)) : "100 %", k ? `${k.top1}/${needs.length}` : "–",
        ];
      };
      out.push(
        `### ${db === "pglite" ? "PGlite" : "PostgreSQL"}: ${suppliers} suppliers indexed, the newest ${needs.length} open needs`,
        "",
        table(
          ["candidate search", "statement p50 ms", "p99 ms", "score of the top 30, of the exhaustive one's (mean)", "(worst need)", "best match's score (mean)", "same suppliers in the top 30", "in the top 5", "same best match"],
          [...heads.map(row), row(null)],
        ),
      );
    } finally {
      await close();
    }
  }
  return out.join("\n");
}

/** The share of `reference` that `other` holds (1 when both are empty). */
function share(reference: string[], other: string[]): number {
  if (!reference.length) return 1;
  const held = new Set(other);
  return reference.filter((k) => held.has(k)).length / reference.length;
}

const sum = (list: Array<{ score: number }>) => list.reduce((a, m) => a + m.score, 0);
const ratio = (a: number, b: number) => (b > 0 ? a / b : 1);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
