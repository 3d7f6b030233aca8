// In-memory evaluation over the labelled matching sample (test/fixtures/matching-sample.json): every need is
// ranked against every supplier (societies carry their experts' texts), and the ranking is compared with the
// expert judgement (relevant = 1, partial = 0.5). Exported for reuse by a CLI.
import { analyzeNeed, analyzeSupplier } from "../analyze";
import { InMemoryCorpus } from "../bm25";
import { rankSuppliers } from "../score";
import type { NeedDoc, NeedKind, PlatformKind, SupplierDoc, TermVector } from "../types";

export interface SampleSociety { key: string; name: string; level?: string; disciplines: string[] }
export interface SampleExpert {
  key: string; name: string; title: string; affiliation: string; societyKeys: string[]; expertise: string;
  keywords: string[]; industryChainCodes: string[]; capacity?: number; regionCode?: string | null;
}
export interface SamplePlatform { key: string; name: string; kind: string; capabilities: string; industryChainCodes: string[]; regionCode?: string | null }
export interface SampleEnterprise { key: string; name: string; regionCode: string; industryChainCodes: string[] }
export interface SampleNeed {
  key: string; enterpriseKey: string; title: string; description: string; industryChainCode: string; kind: string;
  keywords: string[]; relevant: string[]; partial: string[];
}
export interface MatchingSample {
  societies: SampleSociety[]; experts: SampleExpert[]; platforms: SamplePlatform[];
  enterprises: SampleEnterprise[]; needs: SampleNeed[];
}

export interface NeedMetrics {
  key: string; hit1: number; mrr: number; precision3: number; recall5: number; ndcg5: number;
  top: string[]; firstRelevantRank: number | null;
}
export interface EvalResult {
  overall: Omit<NeedMetrics, "key" | "top" | "firstRelevantRank">;
  hard: Omit<NeedMetrics, "key" | "top" | "firstRelevantRank">;
  perNeed: NeedMetrics[];
  /** full ranking (supplier keys, best first) per need */
  rankings: Record<string, string[]>;
}

export interface SupplierEntry { key: string; doc: SupplierDoc; terms: TermVector }

export function sampleSuppliers(sample: MatchingSample): SupplierEntry[] {
  const docs: Array<{ key: string; doc: SupplierDoc }> = [];
  for (const e of sample.experts) {
    docs.push({
      key: e.key,
      doc: {
        kind: "EXPERT", name: e.name, text: `${e.title} ${e.affiliation} ${e.expertise}`, keywords: e.keywords,
        chainCodes: e.industryChainCodes, regionCode: e.regionCode ?? null, capacity: e.capacity, activeEngagements: 0,
      },
    });
  }
  for (const p of sample.platforms) {
    docs.push({
      key: p.key,
      doc: {
        kind: "PLATFORM", name: p.name, text: p.capabilities, keywords: [], chainCodes: p.industryChainCodes,
        regionCode: p.regionCode ?? null, platformKind: p.kind as PlatformKind,
      },
    });
  }
  for (const s of sample.societies) {
    const members = sample.experts.filter((e) => e.societyKeys.includes(s.key));
    docs.push({
      key: s.key,
      doc: {
        kind: "SOCIETY", name: s.name, text: `${s.name} ${s.disciplines.join(" ")}`, keywords: s.disciplines,
        memberTexts: members.map((m) => `${m.expertise} ${m.keywords.join(" ")}`),
        // A society's chains are those of its experts (the sample records none for the society itself).
        chainCodes: [...new Set(members.flatMap((m) => m.industryChainCodes))], regionCode: null,
      },
    });
  }
  return docs.map((d) => ({ ...d, terms: analyzeSupplier(d.doc) }));
}

export function sampleNeedDoc(sample: MatchingSample, n: SampleNeed): NeedDoc {
  const ent = sample.enterprises.find((e) => e.key === n.enterpriseKey);
  return {
    title: n.title, description: n.description, keywords: n.keywords, chainCode: n.industryChainCode,
    kind: n.kind as NeedKind, regionCode: ent?.regionCode ?? null,
  };
}

function gain(n: SampleNeed, key: string): number {
  if (n.relevant.includes(key)) return 1;
  if (n.partial.includes(key)) return 0.5;
  return 0;
}

export function metricsFor(n: SampleNeed, ranking: string[]): NeedMetrics {
  const firstIdx = ranking.findIndex((k) => n.relevant.includes(k));
  const hit1 = ranking.length > 0 && n.relevant.includes(ranking[0]!) ? 1 : 0;
  const mrr = firstIdx >= 0 ? 1 / (firstIdx + 1) : 0;
  const precision3 = ranking.slice(0, 3).reduce((s, k) => s + gain(n, k), 0) / 3;
  const judged = n.relevant.length + n.partial.length;
  const recall5 = judged > 0 ? ranking.slice(0, 5).filter((k) => gain(n, k) > 0).length / judged : 0;
  const dcg = ranking.slice(0, 5).reduce((s, k, i) => s + gain(n, k) / Math.log2(i + 2), 0);
  const ideal = [...n.relevant.map(() => 1), ...n.partial.map(() => 0.5)].slice(0, 5)
    .reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
  return {
    key: n.key, hit1, mrr, precision3, recall5, ndcg5: ideal > 0 ? dcg / ideal : 0,
    top: ranking.slice(0, 5), firstRelevantRank: firstIdx >= 0 ? firstIdx + 1 : null,
  };
}

export function mean(rows: NeedMetrics[]): EvalResult["overall"] {
  const avg = (f: (r: NeedMetrics) => number) => (rows.length ? rows.reduce((s, r) => s + f(r), 0) / rows.length : 0);
  return {
    hit1: avg((r) => r.hit1), mrr: avg((r) => r.mrr), precision3: avg((r) => r.precision3),
    recall5: avg((r) => r.recall5), ndcg5: avg((r) => r.ndcg5),
  };
}

export const HARD_NEEDS = new Set(["n7", "n8", "n9", "n10", "n11", "n12", "n13", "n14", "n15", "n16"]);

/**
 * Evaluate the engine on a sample. `extraSuppliers` (e.g. demo distractors) join the corpus and the candidates,
 * as they would in production. `candidatesOf`: the suppliers a need is ranked among, given the vector it is ranked
 * with (eval/candidates.ts, the hub's rule); every supplier when absent.
 */
export function evaluate(
  sample: MatchingSample,
  extraSuppliers: SupplierEntry[] = [],
  needTerms: (need: NeedDoc) => TermVector = analyzeNeed,
  candidatesOf?: (need: NeedDoc, ranked: TermVector) => SupplierEntry[],
): EvalResult {
  const suppliers = [...sampleSuppliers(sample), ...extraSuppliers];
  const corpus = new InMemoryCorpus(suppliers.map((s) => s.terms));
  const perNeed: NeedMetrics[] = [];
  const rankings: Record<string, string[]> = {};
  for (const n of sample.needs) {
    const need = sampleNeedDoc(sample, n);
    const vector = needTerms(need);
    const ranked = rankSuppliers(need, candidatesOf?.(need, vector) ?? suppliers, corpus, undefined, vector);
    const ranking = ranked.map((r) => r.key);
    rankings[n.key] = ranking;
    perNeed.push(metricsFor(n, ranking));
  }
  return {
    overall: mean(perNeed),
    hard: mean(perNeed.filter((r) => HARD_NEEDS.has(r.key))),
    perNeed,
    rankings,
  };
}

export function formatEval(result: EvalResult): string {
  const f = (x: number) => x.toFixed(3);
  const lines = ["need   hit@1  MRR    P@3    R@5    nDCG@5  top5"];
  for (const r of result.perNeed) {
    lines.push(`${r.key.padEnd(6)} ${f(r.hit1)}  ${f(r.mrr)}  ${f(r.precision3)}  ${f(r.recall5)}  ${f(r.ndcg5)}   ${r.top.join(",")}`);
  }
  const row = (label: string, m: EvalResult["overall"]) =>
    `${label.padEnd(6)} ${f(m.hit1)}  ${f(m.mrr)}  ${f(m.precision3)}  ${f(m.recall5)}  ${f(m.ndcg5)}`;
  lines.push(row("ALL", result.overall));
  lines.push(row("n7-16", result.hard));
  return lines.join("\n");
}
