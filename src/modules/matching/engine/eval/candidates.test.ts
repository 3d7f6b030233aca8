import { analyzeNeed } from "../analyze";
import { InMemoryCorpus } from "../bm25";
import type { NeedDoc, SupplierDoc, TermVector } from "../types";
import { candidateRule, candidateSearch } from "./candidates";
import type { SupplierEntry } from "./evaluate";

// The hub's candidate search (match-index.ts candidateSuppliers) in memory: what an in-process evaluation ranks when
// it ranks as the hub does.
const entry = (key: string, kind: string, terms: Record<string, number>): SupplierEntry => ({
  key,
  doc: { kind } as SupplierDoc,
  terms: { terms, length: Object.keys(terms).length },
});
const search = (suppliers: SupplierEntry[], quota: Record<string, number>, head = 8) =>
  candidateSearch(suppliers, new InMemoryCorpus(suppliers.map((s) => s.terms)), quota, head);
const query = (terms: Record<string, number>): TermVector => ({ terms, length: Object.keys(terms).length });
const keys = (list: SupplierEntry[]) => list.map((s) => s.key);

describe("the hub's candidate search in process", () => {
  const suppliers = [
    entry("e1", "EXPERT", { 热失控: 1 }),
    entry("e2", "EXPERT", { 热失控: 3, 储能: 1 }),
    entry("e3", "EXPERT", { 热失控: 2 }),
    entry("e4", "EXPERT", { 仔猪: 5 }),
    entry("p1", "PLATFORM", { 热失控: 1.5 }),
    entry("p2", "PLATFORM", { 储能: 1 }),
    entry("s1", "SOCIETY", { 热失控: 9 }),
  ];

  it("keeps each kind's quota, best by the idf-weighted overlap, and never a supplier sharing no term", () => {
    const found = search(suppliers, { EXPERT: 2, PLATFORM: 1 })(query({ 热失控: 1, 储能: 1 }));
    expect(keys(found)).toEqual(["e2", "e3", "p2"]); // 储能 is rarer than 热失控: p2 outweighs p1, which holds its term more; no society asked for
  });

  it("sums only each term's postings head, as the index's champion lists do", () => {
    // A head of one posting per term: only e2 (heaviest holder of 热失控 and of 储能 among experts) is seen.
    expect(keys(search(suppliers, { EXPERT: 3 }, 1 / 3)(query({ 热失控: 1, 储能: 1 })))).toEqual(["e2"]);
  });

  it("ranks the need's own candidates (the hub), or adds those its widened vector finds (a second search)", () => {
    const need: NeedDoc = { title: "储能电池热失控预警", description: "电池舱热失控蔓延。", keywords: ["热失控"], chainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH", regionCode: null };
    const own = analyzeNeed(need);
    const pool = [entry("a", "EXPERT", { 热失控: 1 }), entry("b", "EXPERT", { "~锂离子电池": 1 })];
    const widened = { ...own, terms: { ...own.terms, "~锂离子电池": 0.1 }, related: ["~锂离子电池"] };
    const found = search(pool, { EXPERT: 10 });
    expect(keys(candidateRule(found, "hub")(need, widened))).toEqual(["a"]);
    expect(keys(candidateRule(found, "widened")(need, widened))).toEqual(["a", "b"]);
    expect(keys(candidateRule(found, "widened")(need, own))).toEqual(["a"]);
  });
});
