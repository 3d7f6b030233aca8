import { bm25, idf, InMemoryCorpus, prepareQuery } from "./bm25";
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
