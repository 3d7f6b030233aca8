// A term space learned from the hub's own text (issue 29, idea 1): every supplier profile and need is a document
// of analysed term keys (words and concept ids; no bigrams); two terms that occur in the same documents more often
// than chance are associated (positive pointwise mutual information, PPMI); a truncated SVD of the PPMI matrix
// gives each term a short dense vector, so that terms sharing contexts meet even when they never occur together
// (毛球 and 起球 both beside 纺纱/毛羽). No outside model. Pure and deterministic: the caller decides which texts to
// learn from and where to keep the result (plain JSON: each term's nearest terms).
//
// Used to widen a need's query (expandNeedTerms) at a low weight: measured on the own set's test split it lifts hit@1
// and MRR a little (traps and neighbouring chains), not paraphrases whose words occur in no other document.
//
// Cost: learning is O(documents × terms² per document) for the counts plus a randomised SVD over the sparse
// matrix (a few seconds for the demo's ~5,000 documents): done when the index is rebuilt, never per need.

import { BIGRAM_PREFIX } from "./dictionaries";
import { prng } from "./prng";
import type { TermVector } from "./types";

export interface TermSpaceOptions {
  /** A term must occur in at least this many documents (rare terms give noisy PMI). */
  minCount: number;
  /** and in at most this share of them (terms in every profile associate with everything). */
  maxShare: number;
  /** Dimensions kept by the truncated SVD. */
  dimensions: number;
  /** Neighbours kept per term. */
  neighbours: number;
  /** Cosine a neighbour needs to be kept. */
  minCosine: number;
  /** Seed of the random projection (results are deterministic for a seed). */
  seed: number;
}

/**
 * Chosen on the own set's dev split (docs/matching-eval.md): terms in two documents are enough (the hub's texts are
 * few and short), a term in up to a fifth of them still carries a topic, 128 dimensions, 5 neighbours at cosine ≥ 0.6.
 */
export const TERM_SPACE_DEFAULTS: TermSpaceOptions = { minCount: 2, maxShare: 0.2, dimensions: 128, neighbours: 5, minCosine: 0.6, seed: 29 };

/** term → its nearest terms in the learned space with their cosine, nearest first. */
export type NeighbourTable = Record<string, Array<[string, number]>>;

export interface TermSpace {
  terms: string[];
  /** unit vectors, one row of `dimensions` per term */
  vectors: Float64Array;
  dimensions: number;
}

interface Sparse {
  n: number;
  rowStart: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/** Y = M·X for a symmetric sparse M (n×n) and a dense X (n×k, row-major). */
function multiply(m: Sparse, x: Float64Array, k: number): Float64Array {
  const y = new Float64Array(m.n * k);
  for (let i = 0; i < m.n; i++) {
    for (let p = m.rowStart[i]!; p < m.rowStart[i + 1]!; p++) {
      const j = m.cols[p]!;
      const v = m.values[p]!;
      for (let c = 0; c < k; c++) y[i * k + c] += v * x[j * k + c]!;
    }
  }
  return y;
}

/** Orthonormalises the columns of X (n×k, row-major) in place (modified Gram-Schmidt). */
function orthonormalise(x: Float64Array, n: number, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < c; d++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += x[i * k + c]! * x[i * k + d]!;
      for (let i = 0; i < n; i++) x[i * k + c] -= dot * x[i * k + d]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += x[i * k + c]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) x[i * k + c] /= norm;
  }
}

/** Eigen-decomposition of a small symmetric matrix (k×k, row-major) by Jacobi rotations: values, vectors as columns. */
function symmetricEigen(a: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += m[p * k + q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q]!;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (m[q * k + q]! - m[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const mrp = m[r * k + p]!;
          const mrq = m[r * k + q]!;
          m[r * k + p] = c * mrp - s * mrq;
          m[r * k + q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < k; r++) {
          const mpr = m[p * k + r]!;
          const mqr = m[q * k + r]!;
          m[p * k + r] = c * mpr - s * mqr;
          m[q * k + r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = m[i * k + i]!;
  return { values, vectors: v };
}

/** The PPMI matrix of term co-occurrence in documents (each document a list of term keys). */
function ppmi(documents: string[][], o: TermSpaceOptions): { terms: string[]; matrix: Sparse } {
  const df = new Map<string, number>();
  for (const d of documents) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = documents.length;
  const maxCount = Math.max(o.minCount, Math.floor(n * o.maxShare));
  const terms = [...df.keys()].filter((t) => df.get(t)! >= o.minCount && df.get(t)! <= maxCount).sort();
  const id = new Map(terms.map((t, i) => [t, i]));
  const v = terms.length;
  const pairs = new Map<number, number>();
  for (const d of documents) {
    const ids = [...new Set(d)].flatMap((t) => (id.has(t) ? [id.get(t)!] : [])).sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
      const key = ids[i]! * v + ids[j]!;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  const rows: Array<Array<[number, number]>> = Array.from({ length: v }, () => []);
  for (const [key, c] of pairs) {
    const a = Math.floor(key / v);
    const b = key % v;
    const value = Math.log((c * n) / (df.get(terms[a]!)! * df.get(terms[b]!)!));
    if (value <= 0) continue;
    rows[a]!.push([b, value]);
    rows[b]!.push([a, value]);
  }
  const rowStart = new Int32Array(v + 1);
  for (let i = 0; i < v; i++) rowStart[i + 1] = rowStart[i]! + rows[i]!.length;
  const cols = new Int32Array(rowStart[v]!);
  const values = new Float64Array(rowStart[v]!);
  rows.forEach((row, i) => row.forEach(([j, x], p) => ((cols[rowStart[i]! + p] = j), (values[rowStart[i]! + p] = x))));
  return { terms, matrix: { n: v, rowStart, cols, values } };
}

/**
 * Learns the term space: PPMI, then a randomised truncated SVD (subspace iteration with two power steps). Term
 * vectors are U·√Σ of the leading `dimensions` singular directions, normalised to unit length.
 */
export function learnTermSpace(documents: string[][], options: Partial<TermSpaceOptions> = {}): TermSpace {
  const o = { ...TERM_SPACE_DEFAULTS, ...options };
  const { terms, matrix } = ppmi(documents, o);
  const n = terms.length;
  const k = Math.min(o.dimensions, Math.max(1, n - 1));
  const l = Math.min(n, k + 10);
  if (n === 0) return { terms, vectors: new Float64Array(0), dimensions: k };
  const rand = prng(o.seed);
  let y: Float64Array = new Float64Array(n * l);
  for (let i = 0; i < y.length; i++) y[i] = rand() * 2 - 1;
  y = multiply(matrix, y, l);
  orthonormalise(y, n, l);
  for (let step = 0; step < 2; step++) {
    y = multiply(matrix, y, l);
    orthonormalise(y, n, l);
  }
  // B = Qᵀ M Q (l×l, symmetric since M is): its eigenvectors rotate Q onto M's leading eigenvectors.
  const mq = multiply(matrix, y, l);
  const b = new Float64Array(l * l);
  for (let i = 0; i < n; i++) for (let r = 0; r < l; r++) {
    const q = y[i * l + r]!;
    if (q === 0) continue;
    for (let c = 0; c < l; c++) b[r * l + c] += q * mq[i * l + c]!;
  }
  const { values, vectors } = symmetricEigen(b, l);
  // Strongest directions by |eigenvalue| (PPMI's positive ones carry the topics).
  const order = [...values.keys()].sort((a, c) => Math.abs(values[c]!) - Math.abs(values[a]!)).slice(0, k);
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    order.forEach((e, d) => {
      let x = 0;
      for (let r = 0; r < l; r++) x += y[i * l + r]! * vectors[r * l + e]!;
      x *= Math.sqrt(Math.abs(values[e]!));
      out[i * k + d] = x;
      norm += x * x;
    });
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < k; d++) out[i * k + d] /= norm;
  }
  return { terms, vectors: out, dimensions: k };
}

/** Each term's nearest terms (cosine ≥ minCosine, at most `neighbours`): what expansion reads, small enough to store. */
export function nearestTerms(space: TermSpace, options: Partial<TermSpaceOptions> = {}): NeighbourTable {
  const o = { ...TERM_SPACE_DEFAULTS, ...options };
  const { terms, vectors, dimensions: k } = space;
  const table: NeighbourTable = {};
  for (let i = 0; i < terms.length; i++) {
    const best: Array<[number, number]> = [];
    for (let j = 0; j < terms.length; j++) {
      if (j === i) continue;
      let dot = 0;
      for (let d = 0; d < k; d++) dot += vectors[i * k + d]! * vectors[j * k + d]!;
      if (dot < o.minCosine) continue;
      if (best.length < o.neighbours) best.push([j, dot]);
      else if (dot > best[best.length - 1]![1]) best[best.length - 1] = [j, dot];
      else continue;
      best.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    }
    if (best.length > 0) table[terms[i]!] = best.map(([j, c]) => [terms[j]!, Math.round(c * 1000) / 1000]);
  }
  return table;
}

/** What a document contributes to the term space: the keys of its analysed vector (words and concept ids), no bigrams. */
export function termSpaceDocument(vector: TermVector): string[] {
  return Object.keys(vector.terms).filter((t) => !t.startsWith(BIGRAM_PREFIX));
}

/** The neighbour table of a set of analysed documents (supplier profiles and needs): learnTermSpace, then nearestTerms. */
export function learnNeighbours(vectors: TermVector[], options: Partial<TermSpaceOptions> = {}): NeighbourTable {
  return nearestTerms(learnTermSpace(vectors.map(termSpaceDocument), options), options);
}

/** Share of a term's weight each of its neighbours gets in the widened query (times their cosine); dev split: 0.1. */
export const EXPANSION_WEIGHT = 0.1;

/**
 * A need's vector with its terms widened by their neighbours in the term space, each at weight × cosine of the
 * term's weight, never lowering a term already there. The ask (focus) is left as it is: widening it lowered the dev
 * figures. Per need: one table lookup per term, a few added query terms.
 */
export function expandNeedTerms(vector: TermVector, table: NeighbourTable, weight = EXPANSION_WEIGHT): TermVector {
  const terms: Record<string, number> = { ...vector.terms };
  for (const [term, value] of Object.entries(vector.terms)) {
    for (const [other, cosine] of table[term] ?? []) {
      const added = Math.round(value * weight * cosine * 1e6) / 1e6;
      if ((terms[other] ?? 0) < added) terms[other] = added;
    }
  }
  return { ...vector, terms };
}
