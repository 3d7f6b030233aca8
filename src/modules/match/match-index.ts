import type { PrismaTypes } from "../../infra/db/rows";
import type { SupplierKind } from "../../generated/prisma/enums";
import { Prisma as PrismaNull } from "../../generated/prisma/client";
import type { CorpusStats, TermVector } from "../matching/engine";
import type { SupplierRef } from "./supplier-docs";

type Tx = PrismaTypes.TransactionClient;

/**
 * The matching index lives in the database (profiles plus inverted term tables), so every instance reads
 * the same corpus right after any write and no per-process index can drift.
 */
export async function writeSupplierProfile(tx: Tx, ref: SupplierRef, vector: TermVector): Promise<void> {
  const key = { supplierKind: ref.kind, supplierId: ref.id };
  await tx.supplierTerm.deleteMany({ where: key });
  await tx.supplierProfile.upsert({
    where: { supplierKind_supplierId: key },
    create: { ...key, terms: vector.terms, length: vector.length },
    update: { terms: vector.terms, length: vector.length, version: { increment: 1 } },
  });
  const rows = Object.entries(vector.terms).map(([term, weight]) => ({ ...key, term, weight }));
  if (rows.length) await tx.supplierTerm.createMany({ data: rows });
}

export async function removeSupplierProfile(tx: Tx, ref: SupplierRef): Promise<void> {
  const key = { supplierKind: ref.kind, supplierId: ref.id };
  await tx.supplierTerm.deleteMany({ where: key });
  await tx.supplierProfile.deleteMany({ where: key });
}

export async function writeNeedProfile(tx: Tx, needId: number, vector: TermVector): Promise<void> {
  await tx.needTerm.deleteMany({ where: { needId } });
  await tx.needProfile.upsert({
    where: { needId },
    create: { needId, terms: vector.terms, focus: vector.focus ?? undefined, length: vector.length },
    update: { terms: vector.terms, focus: vector.focus ?? PrismaNull.DbNull, length: vector.length },
  });
  const rows = Object.entries(vector.terms).map(([term, weight]) => ({ needId, term, weight }));
  if (rows.length) await tx.needTerm.createMany({ data: rows });
}

/** Document frequencies of the given terms over all suppliers, read in two statements. */
export async function supplierCorpus(tx: Tx, terms: string[]): Promise<CorpusStats> {
  const [totals] = await tx.$queryRaw<Array<{ n: number; avg: number }>>`
    SELECT count(*)::int AS n, coalesce(avg(length), 0)::float8 AS avg FROM "SupplierProfile"`;
  const rows = terms.length
    ? await tx.$queryRaw<Array<{ term: string; df: number }>>`
        SELECT term, count(*)::int AS df FROM "SupplierTerm" WHERE term = ANY(${terms}::text[]) GROUP BY term`
    : [];
  const df = new Map(rows.map((r) => [r.term, r.df]));
  return { documentCount: totals.n, averageLength: totals.avg, documentFrequency: (term) => df.get(term) ?? 0 };
}

export interface CandidateQuota {
  EXPERT: number;
  PLATFORM: number;
  SOCIETY: number;
}

/**
 * Suppliers sharing weighted terms with the need, best first by a cheap idf-weighted overlap, with a quota
 * per kind so that many experts cannot crowd platforms and societies out before the real scoring.
 */
export async function candidateSuppliers(tx: Tx, query: TermVector, corpus: CorpusStats, quota: CandidateQuota): Promise<SupplierRef[]> {
  const terms = Object.keys(query.terms).filter((t) => corpus.documentFrequency(t) > 0);
  if (!terms.length) return [];
  const idf = terms.map((t) => query.terms[t] * Math.log(1 + corpus.documentCount / corpus.documentFrequency(t)));
  const rows = await tx.$queryRaw<Array<{ kind: SupplierKind; id: number }>>`
    SELECT kind, id FROM (
      SELECT st."supplierKind"::text AS kind, st."supplierId" AS id,
             row_number() OVER (PARTITION BY st."supplierKind" ORDER BY sum(st.weight * q.idf) DESC, st."supplierId") AS place
      FROM "SupplierTerm" st JOIN unnest(${terms}::text[], ${idf}::float8[]) AS q(term, idf) ON q.term = st.term
      GROUP BY st."supplierKind", st."supplierId"
    ) ranked
    WHERE (kind = 'EXPERT' AND place <= ${quota.EXPERT}) OR (kind = 'PLATFORM' AND place <= ${quota.PLATFORM})
       OR (kind = 'SOCIETY' AND place <= ${quota.SOCIETY})`;
  return rows.map((r) => ({ kind: r.kind, id: r.id }));
}

/** Open needs sharing terms with a supplier's vector, best first by the same cheap overlap. */
export async function candidateNeeds(tx: Tx, vector: TermVector, limit: number): Promise<number[]> {
  const terms = Object.keys(vector.terms);
  if (!terms.length) return [];
  const weights = terms.map((t) => vector.terms[t]);
  const rows = await tx.$queryRaw<Array<{ id: number }>>`
    SELECT nt."needId" AS id FROM "NeedTerm" nt
      JOIN unnest(${terms}::text[], ${weights}::float8[]) AS q(term, w) ON q.term = nt.term
      JOIN "TechNeed" n ON n.id = nt."needId" AND n.status IN ('OPEN', 'IN_DOCKING')
    GROUP BY nt."needId" ORDER BY sum(nt.weight * q.w) DESC, nt."needId" LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

// Supplier vectors by key and version. An entry is used only when the database still holds that version,
// so a cache on one instance can never serve what another instance has since rewritten.
const vectorCache = new Map<string, { version: number; vector: TermVector }>();
const VECTOR_CACHE_LIMIT = 50_000;

export async function readSupplierVectors(tx: Tx, refs: SupplierRef[]): Promise<Map<string, TermVector>> {
  if (!refs.length) return new Map();
  const byKind = (list: SupplierRef[]) =>
    (["EXPERT", "PLATFORM", "SOCIETY"] as const).map((kind) => ({ supplierKind: kind, supplierId: { in: list.filter((r) => r.kind === kind).map((r) => r.id) } }));
  const versions = await tx.supplierProfile.findMany({ where: { OR: byKind(refs) }, select: { supplierKind: true, supplierId: true, version: true } });
  const result = new Map<string, TermVector>();
  const missing: SupplierRef[] = [];
  for (const v of versions) {
    const key = `${v.supplierKind}:${v.supplierId}`;
    const cached = vectorCache.get(key);
    if (cached && cached.version === v.version) result.set(key, cached.vector);
    else missing.push({ kind: v.supplierKind, id: v.supplierId });
  }
  if (missing.length) {
    const rows = await tx.supplierProfile.findMany({ where: { OR: byKind(missing) } });
    if (vectorCache.size + rows.length > VECTOR_CACHE_LIMIT) vectorCache.clear();
    for (const r of rows) {
      const key = `${r.supplierKind}:${r.supplierId}`;
      const vector = { terms: r.terms as Record<string, number>, length: r.length };
      vectorCache.set(key, { version: r.version, vector });
      result.set(key, vector);
    }
  }
  return result;
}

/** Ranks are dense per need (1 = best), ties broken by age so that they are stable. */
export async function rerank(tx: Tx, needIds: number[]): Promise<void> {
  if (!needIds.length) return;
  await tx.$executeRaw`
    UPDATE "Match" m SET rank = r.place FROM (
      SELECT id, row_number() OVER (PARTITION BY "needId" ORDER BY score DESC, id ASC)::int AS place
      FROM "Match" WHERE "needId" = ANY(${needIds}::int[])
    ) r WHERE m.id = r.id AND m.rank <> r.place`;
}

/** Drops the suggestions that fell below a need's top list (progressed matches stay). */
export async function trimSuggestions(tx: Tx, needIds: number[], keep: number): Promise<void> {
  if (!needIds.length) return;
  await tx.$executeRaw`DELETE FROM "Match" WHERE "needId" = ANY(${needIds}::int[]) AND status = 'SUGGESTED' AND rank > ${keep}`;
}
