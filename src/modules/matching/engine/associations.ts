// Term associations learned from the hub's own text (issue 29): positive pointwise mutual information of two
// words occurring in the same document (supplier profile or need), no outside model. Each word keeps its few most
// associated words; a need's query can be widened with them at a low weight (expandQuery), so that a need and a
// profile that describe one field in different words still meet. Pure and deterministic: callers decide which
// texts to learn from and where to keep the table (it is plain JSON).
import { segmentWords } from "./tokenizer";

export interface AssociationOptions {
  /** A word must occur in at least this many documents to take part (rare words give noisy PMI). */
  minCount: number;
  /** and in at most this share of documents (words in every profile associate with everything). */
  maxShare: number;
  /** Neighbours kept per word. */
  neighbours: number;
  /** Pairs must co-occur in at least this many documents. */
  minPair: number;
}

export const ASSOCIATION_DEFAULTS: AssociationOptions = { minCount: 3, maxShare: 0.05, neighbours: 4, minPair: 3 };

/** word → its most associated words with their PPMI, strongest first. */
export type AssociationTable = Record<string, Array<[string, number]>>;

export function learnAssociations(texts: string[], options: Partial<AssociationOptions> = {}): AssociationTable {
  const o = { ...ASSOCIATION_DEFAULTS, ...options };
  const docs = texts.map((t) => [...new Set(segmentWords(t))]);
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  const maxCount = Math.max(o.minCount, Math.floor(n * o.maxShare));
  const kept = (w: string) => {
    const c = df.get(w) ?? 0;
    return c >= o.minCount && c <= maxCount && Array.from(w).length >= 2;
  };
  const pairs = new Map<string, number>();
  for (const d of docs) {
    const words = d.filter(kept).sort();
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        const key = `${words[i]}\u0000${words[j]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const best = new Map<string, Array<[string, number]>>();
  const push = (a: string, b: string, v: number) => {
    const list = best.get(a) ?? [];
    list.push([b, v]);
    best.set(a, list);
  };
  for (const [key, c] of pairs) {
    if (c < o.minPair) continue;
    const [a, b] = key.split("\u0000") as [string, string];
    const pmi = Math.log((c * n) / (df.get(a)! * df.get(b)!));
    if (pmi <= 0) continue;
    push(a, b, pmi);
    push(b, a, pmi);
  }
  const table: AssociationTable = {};
  for (const [w, list] of [...best].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    list.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    table[w] = list.slice(0, o.neighbours).map(([b, v]) => [b, Math.round(v * 1000) / 1000]);
  }
  return table;
}

/** Share of a word's weight its associated words get in an expanded query (scaled by PPMI / the strongest). */
export const EXPANSION_WEIGHT = 0.25;

/** A need's term map widened with the associated words of its words (never lowering a term already there). */
export function expandQuery(terms: Record<string, number>, table: AssociationTable, weight = EXPANSION_WEIGHT): Record<string, number> {
  const out: Record<string, number> = { ...terms };
  for (const [term, value] of Object.entries(terms)) {
    const list = table[term];
    if (!list || list.length === 0) continue;
    const top = list[0]![1];
    for (const [other, pmi] of list) {
      const add = value * weight * (pmi / top);
      if ((out[other] ?? 0) < add) out[other] = Math.round(add * 1e6) / 1e6;
    }
  }
  return out;
}
