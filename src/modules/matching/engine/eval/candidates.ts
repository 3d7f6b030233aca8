// The hub's candidate rule in process (issue 29, session 19): the hub ranks only the suppliers its candidate search
// finds (match/match-index.ts `candidateSuppliers`), both times it ranks a need (the second, widened ranking reorders
// the first's candidates: match/matching.service.ts `rankWith`), where evaluate() would rank every supplier. This is
// the same rule over supplier entries, so that an evaluation can rank as the hub does, or measure a second candidate
// search for the widened vector (docs/matching-eval.md, "Seventh round").
import { analyzeNeed } from "../analyze";
import type { CorpusStats, NeedDoc, TermVector } from "../types";
import type { SupplierEntry } from "./evaluate";

/** How many of each supplier kind the search keeps (the hub's `CANDIDATE_QUOTA`); a kind left out: none. */
export type KindQuota = Readonly<Record<string, number>>;

/** Which vector's candidates are ranked: the need's own (the hub), or its own and the widened one's together. */
export type CandidateRule = "hub" | "widened";

/**
 * The suppliers the hub's search finds for `vector`: per kind, the `quota` best by the idf-weighted overlap of the
 * vector's terms (weight × log(1 + N / df), times the supplier's weight), summed over each term's postings head (its
 * `quota × headPerQuota` heaviest holders of that kind). Ties break on the entry's key (the hub's on the id).
 */
export function candidateSearch(suppliers: SupplierEntry[], corpus: CorpusStats, quota: KindQuota, headPerQuota: number): (vector: TermVector) => SupplierEntry[] {
  const postings = postingsByKindAndTerm(suppliers);
  return (vector) =>
    Object.entries(quota).flatMap(([kind, limit]) => {
      const overlap = new Map<SupplierEntry, number>();
      for (const [term, weight] of Object.entries(vector.terms)) {
        const df = corpus.documentFrequency(term);
        if (df === 0) continue;
        const idf = weight * Math.log(1 + corpus.documentCount / df);
        for (const { supplier, weight: held } of (postings.get(`${kind}\n${term}`) ?? []).slice(0, Math.ceil(limit * headPerQuota))) {
          overlap.set(supplier, (overlap.get(supplier) ?? 0) + held * idf);
        }
      }
      return [...overlap]
        .sort(([a, x], [b, y]) => y - x || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .slice(0, limit)
        .map(([supplier]) => supplier);
    });
}

/**
 * The candidates of a need ranked with `ranked` (its own vector, or the widened one): the hub's are always those of
 * its own vector; "widened" adds those of the widened vector (a second candidate search).
 */
export function candidateRule(search: (vector: TermVector) => SupplierEntry[], rule: CandidateRule): (need: NeedDoc, ranked: TermVector) => SupplierEntry[] {
  return (need, ranked) => {
    const own = search(analyzeNeed(need));
    if (rule === "hub" || !ranked.related?.length) return own;
    return [...new Set([...own, ...search(ranked)])];
  };
}

/** Each kind's postings per term, heaviest first (the index the hub reads: SupplierTerm by term, kind and weight). */
function postingsByKindAndTerm(suppliers: SupplierEntry[]): Map<string, Array<{ supplier: SupplierEntry; weight: number }>> {
  const postings = new Map<string, Array<{ supplier: SupplierEntry; weight: number }>>();
  for (const supplier of suppliers) {
    for (const [term, weight] of Object.entries(supplier.terms.terms)) {
      const key = `${supplier.doc.kind}\n${term}`;
      const list = postings.get(key) ?? [];
      list.push({ supplier, weight });
      postings.set(key, list);
    }
  }
  for (const list of postings.values()) list.sort((a, b) => b.weight - a.weight || (a.supplier.key < b.supplier.key ? -1 : a.supplier.key > b.supplier.key ? 1 : 0));
  return postings;
}
