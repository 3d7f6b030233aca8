// BM25 over weighted term vectors, with the need as the query and suppliers as the documents.
import { BIGRAM_PREFIX } from "./dictionaries";
import type { CorpusStats, PackedVector, SupplierTerms, TermVector } from "./types";

export const BM25_K1 = 1.2;
// Moderate length normalisation: supplier profiles differ in length for good reasons (a detailed expertise text, a
// society speaking for all its experts), and short keyword-dense profiles (typical of bulk-imported or demo
// data) must not win just for being short; but a society's long union of its members' words must not meet every
// need either (0.25 let societies top technical needs; 0.75 let stuffed short profiles win).
export const BM25_B = 0.4;
/**
 * Query-side saturation: a need term's weight enters as weight^QUERY_EXPONENT, so a word repeated in title,
 * keywords and body counts more than a word said once, but not linearly more.
 */
export const QUERY_EXPONENT = 0.6;

export function idf(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export interface QueryTerm {
  term: string;
  /** its place in PreparedQuery.terms */
  rank: number;
  weight: number;
  idf: number;
  isBigram: boolean;
}

/** A need prepared against corpus statistics once, then scored against any number of suppliers. */
export interface PreparedQuery {
  terms: QueryTerm[];
  /** the same terms by key, to walk a supplier's (usually shorter) vector instead of the query */
  byTerm: Map<string, QueryTerm>;
  /** a Bloom filter of the terms (bits of termBits): most of a supplier's terms are not the need's, and are told so without a lookup */
  filter: Uint32Array;
  /** BM25 of an ideal supplier that contains every query term once at average length: the normaliser. */
  selfScore: number;
  averageLength: number;
}

export function prepareQuery(queryTerms: Record<string, number>, corpus: CorpusStats): PreparedQuery {
  const terms: QueryTerm[] = [];
  let selfScore = 0;
  const n = Math.max(1, corpus.documentCount);
  for (const [term, tf] of Object.entries(queryTerms)) {
    const df = corpus.documentFrequency(term);
    // A term no supplier uses cannot contribute; leaving it out of the normaliser too keeps text scores
    // comparable between needs written with many and with few unusual words.
    if (df <= 0 || tf <= 0) continue;
    const weight = Math.pow(tf, QUERY_EXPONENT);
    const termIdf = idf(n, df);
    terms.push({ term, rank: 0, weight, idf: termIdf, isBigram: term.startsWith(BIGRAM_PREFIX) });
    selfScore += weight * termIdf;
  }
  terms.sort((a, b) => b.weight * b.idf - a.weight * a.idf);
  terms.forEach((t, rank) => (t.rank = rank));
  const filter = new Uint32Array(FILTER_BITS / 32);
  for (const t of terms) {
    const bit = termBits(t.term);
    filter[bit >>> 5] |= 1 << (bit & 31);
  }
  return { terms, byTerm: new Map(terms.map((t) => [t.term, t])), filter, selfScore, averageLength: Math.max(1e-9, corpus.averageLength) };
}

export interface Bm25Result {
  raw: number;
  /** whether a word or concept (not only a character bigram) matched */
  wordMatched: boolean;
  /** matched words and concept ids (not bigrams) */
  matchedKeys: string[];
  /** per matched query term: its contribution to raw (only when asked for: explanations need it, ranking not) */
  contributions: Array<{ term: string; contribution: number }>;
}

export function bm25(query: PreparedQuery, doc: SupplierTerms, withContributions = true): Bm25Result {
  const { keys, weights, bits, length } = packVector(doc);
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / query.averageLength);
  const k1plus1 = BM25_K1 + 1;
  const { byTerm, filter } = query;
  let raw = 0;
  let wordMatched = false;
  const matchedKeys: string[] = [];
  const contributions: Array<{ term: string; contribution: number }> = [];
  // Walk the supplier's (usually shorter) vector against the query's map. Most of its terms are told apart by the
  // filter without a lookup.
  const tfByRank = withContributions ? new Array<number>(query.terms.length).fill(0) : null;
  for (let i = 0; i < keys.length; i++) {
    const bit = bits[i];
    if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
    const q = byTerm.get(keys[i]);
    if (q === undefined) continue;
    const tf = weights[i];
    if (tf <= 0) continue;
    if (tfByRank) {
      tfByRank[q.rank] = tf;
      continue;
    }
    // Ranking: summed in the vector's own order (for-in order of its object form), so scores stay bit for bit.
    raw += (q.weight * q.idf * tf * k1plus1) / (tf + norm);
    if (!q.isBigram) {
      wordMatched = true;
      matchedKeys.push(q.term);
    }
  }
  if (tfByRank) {
    // Explanations: in query order (best terms first), which matchedTermsOf keeps among equal contributions.
    query.terms.forEach((q, rank) => {
      const tf = tfByRank[rank];
      if (tf <= 0) return;
      const c = (q.weight * q.idf * tf * k1plus1) / (tf + norm);
      raw += c;
      if (!q.isBigram) {
        wordMatched = true;
        matchedKeys.push(q.term);
      }
      contributions.push({ term: q.term, contribution: c });
    });
  }
  return { raw, wordMatched, matchedKeys, contributions };
}

/** Packed forms of vectors scored in their object form, made once per vector and kept as long as it is. */
const packedCache = new WeakMap<TermVector, PackedVector>();

/**
 * A vector's packed form (PackedVector): what a cache of suppliers' vectors should hold. Vectors are not changed once
 * made, so a packed form stays true.
 */
export function packVector(vector: SupplierTerms): PackedVector {
  if (!("terms" in vector)) return vector;
  let packed = packedCache.get(vector);
  if (!packed) {
    const keys: string[] = [];
    const weights: number[] = [];
    for (const term in vector.terms) {
      keys.push(term);
      weights.push(vector.terms[term]!);
    }
    packed = { keys, weights, bits: Uint16Array.from(keys, termBits), length: vector.length };
    packedCache.set(vector, packed);
  }
  return packed;
}

/** Size of a query's Bloom filter: with a need's few dozen terms, about 3 % of other terms pass it and are looked up. */
const FILTER_BITS = 1024;

/** A term's bit in a query's filter (FNV-1a over its UTF-16 code units). */
function termBits(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return (hash >>> 0) & (FILTER_BITS - 1);
}

/** Corpus statistics held in memory: for tests, the evaluation harness and benchmarks. */
export class InMemoryCorpus implements CorpusStats {
  readonly documentCount: number;
  readonly averageLength: number;
  private readonly df = new Map<string, number>();

  constructor(vectors: TermVector[]) {
    this.documentCount = vectors.length;
    let total = 0;
    for (const v of vectors) {
      total += v.length;
      for (const term of Object.keys(v.terms)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
    this.averageLength = vectors.length > 0 ? total / vectors.length : 1;
  }

  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }
}
