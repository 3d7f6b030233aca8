// BM25 over weighted term vectors, with the need as the query and suppliers as the documents.
import type { CorpusStats, TermVector } from "./types";

export const BM25_K1 = 1.2;
// Moderate length normalisation: supplier profiles differ in length for good reasons (a society speaks for all
// its experts), so long documents are only mildly penalised.
export const BM25_B = Number(process.env.B ?? 0.5);
/**
 * Query-side saturation: a need term's weight enters as weight^QUERY_EXPONENT, so a word repeated in title,
 * keywords and body counts more than a word said once, but not linearly more.
 */
export const QUERY_EXPONENT = Number(process.env.QE ?? 0.6);

export function idf(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export interface QueryTerm {
  term: string;
  weight: number;
  idf: number;
}

/** A need prepared against corpus statistics once, then scored against any number of suppliers. */
export interface PreparedQuery {
  terms: QueryTerm[];
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
    terms.push({ term, weight, idf: termIdf });
    selfScore += weight * termIdf;
  }
  terms.sort((a, b) => b.weight * b.idf - a.weight * a.idf);
  return { terms, selfScore, averageLength: Math.max(1e-9, corpus.averageLength) };
}

export interface Bm25Result {
  raw: number;
  /** per matched query term: its contribution to raw */
  contributions: Array<{ term: string; contribution: number }>;
}

export function bm25(query: PreparedQuery, doc: TermVector): Bm25Result {
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / query.averageLength);
  const docTerms = doc.terms;
  let raw = 0;
  const contributions: Array<{ term: string; contribution: number }> = [];
  for (const q of query.terms) {
    const tf = docTerms[q.term];
    if (tf === undefined || tf <= 0) continue;
    const c = (q.weight * q.idf * tf * (BM25_K1 + 1)) / (tf + norm);
    raw += c;
    contributions.push({ term: q.term, contribution: c });
  }
  return { raw, contributions };
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
