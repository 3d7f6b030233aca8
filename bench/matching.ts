// Matching speed (issue 3 item 7): one need and one supplier at programme scale, on the database index.
// "engine" is the pure step (modules/matching/engine: prepareNeed + scorePrepared over the candidates, sort);
// "whole" is MatchingService.matchNeed / matchNewSupplier in a transaction (reads, engine, writes).
import { openHubServices } from "../src/app";
import { CANDIDATE_QUOTA } from "../src/modules/supplier/kinds";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/infra/logger";
import { candidateSuppliers, newVectorCache, readSupplierVectors, supplierCorpus, candidateNeeds, writeNeedProfile } from "../src/modules/match/match-index";
import { needDoc } from "../src/modules/match/matching.service";
import { loadSupplierDocs, supplierKey } from "../src/modules/match/supplier-docs";
import type { SupplierRef } from "../src/modules/supplier";
import { analyzeNeed, analyzeSupplier, prepareNeed, rankPrepared, scorePrepared, shortlist, warmUpSegmenter, type TermVector } from "../src/modules/matching/engine";
import { hubEnv, ms, option, progress, summarize, table, type BenchOptions } from "./lib/common";
import { prepareData } from "./lib/data";

const QUOTA = CANDIDATE_QUOTA;

export async function matchingBench(opts: BenchOptions): Promise<string> {
  const count = Number(option(opts.args, "needs") ?? 100);
  const out: string[] = [];
  for (const db of opts.dbs) {
    await prepareData(opts, db);
    const { services, database, close } = await openHubServices(loadConfig(hubEnv(opts, db)), createLogger("warn"));
    const prisma = database.prisma;
    try {
      warmUpSegmenter();
      // Every open need in the index (a database seeded with --match-limit lacks the profiles of the needs it
      // did not match), so that a supplier is compared with all of them, as at programme scale.
      const indexed = (await prisma.needProfile.findMany({ select: { needId: true } })).map((p) => p.needId);
      const unindexed = await prisma.techNeed.findMany({ where: { status: { in: ["OPEN", "IN_DOCKING"] }, id: { notIn: indexed } }, include: { enterprise: { select: { regionCode: true } } } });
      for (let i = 0; i < unindexed.length; i += 100) {
        await prisma.$transaction(async (tx) => {
          for (const need of unindexed.slice(i, i + 100)) await writeNeedProfile(tx, { needId: need.id, vector: analyzeNeed(needDoc(need, need.enterprise.regionCode)), reading: services.matching.reading });
        }, { timeout: 300_000 });
        progress(`${db}: indexed ${Math.min(i + 100, unindexed.length)}/${unindexed.length} open needs without a profile`);
      }
      const counts = `${await prisma.expert.count()} experts, ${await prisma.innovationPlatform.count()} platforms, ${await prisma.society.count()} societies, ${await prisma.techNeed.count({ where: { status: "OPEN" } })} open needs (${await prisma.needProfile.count()} needs indexed)`;
      const needs = await prisma.techNeed.findMany({ where: { status: "OPEN" }, include: { enterprise: { select: { regionCode: true } } }, orderBy: { id: "desc" }, take: count });
      const t = { analyze: [] as number[], reads: [] as number[], engine: [] as number[], whole: [] as number[], candidates: [] as number[] };
      const vectorCache = newVectorCache();
      for (const [i, need] of needs.entries()) {
        const doc = needDoc(need, need.enterprise.regionCode);
        let t0 = performance.now();
        const vector = analyzeNeed(doc);
        t.analyze.push(performance.now() - t0);
        t0 = performance.now();
        const { corpus, candidates } = await prisma.$transaction(async (tx) => {
          const corpus = await supplierCorpus(tx, [...new Set([...Object.keys(vector.terms), ...Object.keys(vector.focus ?? {})])]);
          const refs = await candidateSuppliers(tx, vector, corpus, QUOTA);
          const [docs, vectors] = await Promise.all([loadSupplierDocs(tx, refs, { texts: false }), readSupplierVectors(tx, refs, vectorCache)]);
          return { corpus, candidates: refs.flatMap((ref) => (docs.get(supplierKey(ref)) && vectors.get(supplierKey(ref)) ? [{ key: supplierKey(ref), doc: docs.get(supplierKey(ref))!, terms: vectors.get(supplierKey(ref))! }] : [])) };
        });
        t.reads.push(performance.now() - t0);
        t0 = performance.now();
        const prepared = prepareNeed(doc, vector, corpus);
        // As matchNeed does it: text relevance shortlists, then the shortlist is ranked and the top 30 explained.
        rankPrepared(prepared, shortlist(prepared, candidates, 30), 30);
        t.engine.push(performance.now() - t0);
        t.candidates.push(candidates.length);
        t0 = performance.now();
        await prisma.$transaction((tx) => services.matching.matchNeed(tx, need.id), { timeout: 60_000 });
        t.whole.push(performance.now() - t0);
        if ((i + 1) % 20 === 0) progress(`${db} matching: ${i + 1}/${needs.length} needs`);
      }
      // Suppliers: experts, platforms and societies already indexed, matched again as if changed.
      const refs: SupplierRef[] = [
        ...(await prisma.expert.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" }, take: Math.ceil(count / 2) })).map((e) => ({ kind: "EXPERT" as const, id: e.id })),
        ...(await prisma.innovationPlatform.findMany({ where: { active: true }, select: { id: true }, take: Math.ceil(count / 10) })).map((e) => ({ kind: "PLATFORM" as const, id: e.id })),
        ...(await prisma.society.findMany({ where: { active: true }, select: { id: true }, take: Math.ceil(count / 10) })).map((e) => ({ kind: "SOCIETY" as const, id: e.id })),
      ];
      const s = { analyze: [] as number[], reads: [] as number[], engine: [] as number[], whole: [] as number[], candidates: [] as number[] };
      for (const [i, ref] of refs.entries()) {
        let t0 = performance.now();
        const doc = (await loadSupplierDocs(prisma as never, [ref])).get(supplierKey(ref));
        if (!doc) continue;
        const readDoc = performance.now() - t0;
        t0 = performance.now();
        const vector = analyzeSupplier(doc);
        s.analyze.push(performance.now() - t0);
        t0 = performance.now();
        const { needs: candidateRows, profiles, corpus } = await prisma.$transaction(async (tx) => {
          const ids = await candidateNeeds(tx, vector, 2000);
          const needs = await tx.techNeed.findMany({ where: { id: { in: ids } }, include: { enterprise: { select: { regionCode: true } }, matches: true } });
          const profiles = new Map((await tx.needProfile.findMany({ where: { needId: { in: ids } } })).map((p) => [p.needId, p]));
          const corpus = await supplierCorpus(tx, [...new Set([...profiles.values()].flatMap((p) => [...Object.keys(p.terms as object), ...Object.keys((p.focus ?? {}) as object)]))]);
          return { needs, profiles, corpus };
        });
        s.reads.push(performance.now() - t0 + readDoc);
        t0 = performance.now();
        for (const need of candidateRows) {
          const p = profiles.get(need.id);
          if (!p) continue;
          const nv: TermVector = { terms: p.terms as Record<string, number>, focus: (p.focus ?? undefined) as TermVector["focus"], length: p.length };
          scorePrepared(prepareNeed(needDoc(need, need.enterprise.regionCode), nv, corpus), doc, vector);
        }
        s.engine.push(performance.now() - t0);
        s.candidates.push(candidateRows.length);
        t0 = performance.now();
        await prisma.$transaction((tx) => services.matching.matchNewSupplier(tx, ref), { timeout: 60_000 });
        s.whole.push(performance.now() - t0);
        if ((i + 1) % 20 === 0) progress(`${db} matching: ${i + 1}/${refs.length} suppliers`);
      }
      const row = (what: string, xs: number[]) => {
        const r = summarize(xs);
        return [what, r.n, ms(r.p50), ms(r.p99), ms(r.max)];
      };
      out.push(
        [
          `### ${db === "pglite" ? "PGlite" : "PostgreSQL"}: ${counts}`,
          "",
          table(
            ["step", "n", "p50 ms", "p99 ms", "max ms"],
            [
              row("need: analyse text (engine)", t.analyze),
              row(`need: score + rank ${Math.round(summarize(t.candidates).mean)} candidates (engine step)`, t.engine),
              row("need: index reads (corpus stats, candidates, supplier docs and vectors)", t.reads),
              row("need: whole matchNeed in a transaction (reads, engine, writes)", t.whole),
              row("supplier: analyse text (engine)", s.analyze),
              row(`supplier: score against ${Math.round(summarize(s.candidates).mean)} candidate needs (engine step)`, s.engine),
              row("supplier: index reads (doc, candidate needs, profiles, corpus)", s.reads),
              row("supplier: whole matchNewSupplier in a transaction", s.whole),
            ],
          ),
        ].join("\n"),
      );
    } finally {
      await close();
    }
  }
  return out.join("\n\n");
}
