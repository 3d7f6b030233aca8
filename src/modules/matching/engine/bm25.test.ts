import fc from "fast-check";
import { BM25_B, BM25_K1, bm25, idf, InMemoryCorpus, packVector, prepareQuery, type PreparedQuery } from "./bm25";
import type { TermVector } from "./types";

const v = (terms: Record<string, number>, length = 10): TermVector => ({ terms, length });

describe("InMemoryCorpus", () => {
  it("counts documents, average length and document frequency", () => {
    const c = new InMemoryCorpus([v({ a: 1, b: 2 }, 10), v({ a: 3 }, 20), v({ c: 1 }, 30)]);
    expect(c.documentCount).toBe(3);
    expect(c.averageLength).toBe(20);
    expect(c.documentFrequency("a")).toBe(2);
    expect(c.documentFrequency("c")).toBe(1);
    expect(c.documentFrequency("zzz")).toBe(0);
  });
});

describe("BM25", () => {
  const corpus = new InMemoryCorpus([v({ 储能: 1, 热失控: 1 }), v({ 储能: 1 }), v({ 发酵: 1 }), v({ 储能: 1 })]);

  it("rates rare terms above common ones", () => {
    expect(idf(4, 1)).toBeGreaterThan(idf(4, 3));
    expect(idf(4, 3)).toBeGreaterThan(0);
  });

  it("leaves terms no supplier uses out of the query and its normaliser", () => {
    const q = prepareQuery({ 储能: 1, 不存在: 5 }, corpus);
    expect(q.terms.map((t) => t.term)).toEqual(["储能"]);
  });

  it("is zero without overlap and grows, saturating, with term frequency", () => {
    const q = prepareQuery({ 热失控: 1 }, corpus);
    expect(bm25(q, v({ 发酵: 3 })).raw).toBe(0);
    const one = bm25(q, v({ 热失控: 1 })).raw;
    const two = bm25(q, v({ 热失控: 2 })).raw;
    const ten = bm25(q, v({ 热失控: 10 })).raw;
    expect(two).toBeGreaterThan(one);
    expect(ten - two).toBeLessThan((two - one) * 8);
  });

  it("reports each matched term's contribution", () => {
    const q = prepareQuery({ 热失控: 1, 储能: 1 }, corpus);
    const r = bm25(q, v({ 热失控: 1, 储能: 1 }));
    expect(r.contributions.map((c) => c.term).sort()).toEqual(["储能", "热失控"]);
    expect(r.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(r.raw, 12);
  });
});

// Ranking walks a supplier's vector in its packed form, behind a Bloom filter of the query's terms. It must
// give what a plain for-in walk gives, bit for bit (the sum's order is for-in's), whatever the terms: many, few,
// integer-like ("2025", which for-in visits first), shared or not.
describe("BM25 when ranking", () => {
  const reference = (query: PreparedQuery, doc: TermVector) => {
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / query.averageLength);
    let raw = 0;
    const matchedKeys: string[] = [];
    for (const term in doc.terms) {
      const q = query.byTerm.get(term);
      const tf = doc.terms[term];
      if (q === undefined || tf <= 0) continue;
      raw += (q.weight * q.idf * tf * (BM25_K1 + 1)) / (tf + norm);
      if (!q.isBigram) matchedKeys.push(q.term);
    }
    return { raw, wordMatched: matchedKeys.length > 0, matchedKeys };
  };
  const vocabulary = [...Array.from({ length: 400 }, (_, i) => `词${i}`), ...Array.from({ length: 100 }, (_, i) => `#字${i}`), "2025", "7", "~热管理", "热失控"];
  const vector = fc.dictionary(fc.constantFrom(...vocabulary), fc.oneof(fc.double({ min: 0.01, max: 9, noNaN: true }), fc.constant(0)), { maxKeys: 300 });

  /** Checks `check` on random queries, each against a few random suppliers' vectors of one length. */
  const forRandomQueries = (check: (query: PreparedQuery, doc: TermVector) => void) =>
    fc.assert(
      fc.property(vector, fc.array(vector, { minLength: 1, maxLength: 8 }), fc.double({ min: 1, max: 200, noNaN: true }), (queryTerms, docs, length) => {
        const query = prepareQuery(queryTerms, new InMemoryCorpus(docs.map((terms) => v(terms))));
        for (const terms of docs) check(query, v(terms, length));
      }),
      { numRuns: 300 },
    );

  it("equals a plain walk over the vector, bit for bit", () => {
    forRandomQueries((query, doc) => {
      const { raw, wordMatched, matchedKeys } = bm25(query, doc, false);
      expect({ raw, wordMatched, matchedKeys }).toEqual(reference(query, doc));
      expect(bm25(query, doc, false).raw).toBe(raw); // again, from the packed form made the first time
    });
  });

  // Explanations keep the query's order (best terms first): matchedTermsOf keeps it among equal contributions.
  const explained = (query: PreparedQuery, doc: TermVector) => {
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / query.averageLength);
    return query.terms.flatMap((q) => {
      const tf = doc.terms[q.term];
      return tf === undefined || tf <= 0 ? [] : [{ term: q.term, contribution: (q.weight * q.idf * tf * (BM25_K1 + 1)) / (tf + norm) }];
    });
  };

  it("explains in the query's order, and scores a packed vector as its object form", () => {
    forRandomQueries((query, doc) => {
      expect(bm25(query, doc, true).contributions).toEqual(explained(query, doc));
      // A fresh object, so that the packed form is made here, not taken from bm25's cache.
      const packed = packVector({ terms: { ...doc.terms }, length: doc.length });
      expect(packed).not.toHaveProperty("terms");
      expect(bm25(query, packed, false)).toEqual(bm25(query, doc, false));
      expect(bm25(query, packed, true)).toEqual(bm25(query, doc, true));
    });
  });
});
