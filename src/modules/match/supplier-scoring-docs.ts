import { LRUCache } from "lru-cache";
import type { PrismaTypes } from "../../infra/db/rows";
import { Prisma as P } from "../../generated/prisma/client";
import type { SupplierDoc } from "../matching";
import type { ScoringRow, SupplierRef } from "../supplier";
import { idsByKind, SUPPLIER_KINDS, supplierKind } from "../supplier";
import type { SupplierKind } from "../../generated/prisma/enums";
import { chainOutcomes, outcomesSql, type OutcomesJson } from "./supplier-outcomes";

/** Suppliers of each kind by id. */
export type DocsByKind = Record<SupplierKind, Map<number, SupplierDoc>>;

type Tx = PrismaTypes.TransactionClient;

/** A supplier with the version of what scoring reads about it (SupplierScoringVersion; candidateSuppliers reads it). */
export interface ScoringVersioned extends SupplierRef {
  scoringVersion: number;
}

// Scoring profiles by supplier key and scoring version. Every table a profile is read from bumps the version (from a
// sequence, by triggers: migration 20261128033000_supplier_scoring_version), so an entry is used only when the
// database still holds that version and an instance never serves what another instance has since changed. The
// version is read before the profile (by the candidate search), so a cached profile is never older than its version.
// Least recently used entries go first; the corpus at programme scale (about 2,100 suppliers) fits.
const SCORING_CACHE_LIMIT = 8_000;
export type ScoringCache = LRUCache<string, { version: number; doc: SupplierDoc }>;

/** A cache for one database's profiles (the matching service owns one): the versions are one database's sequence. */
export const newScoringCache = (): ScoringCache => new LRUCache({ max: SCORING_CACHE_LIMIT });

// supplier-docs.ts's supplierKey (not imported: that module imports this one).
const keyOf = (ref: SupplierRef) => `${ref.kind}:${ref.id}`;

/** The cached scoring profile of a supplier, when it is still current (no database read): shortlist scores it exactly. */
export function currentScoringDoc(ref: ScoringVersioned, scoringCache: ScoringCache): SupplierDoc | undefined {
  const cached = scoringCache.get(keyOf(ref));
  return cached && cached.version === ref.scoringVersion ? cached.doc : undefined;
}

/**
 * Scoring profiles of active suppliers by key, from the cache when current, else read (one statement for all the rest).
 * A supplier missing from the result is inactive or gone. The profiles are shared between calls: read-only.
 */
export async function cachedScoringDocs(tx: Tx, refs: ScoringVersioned[], scoringCache: ScoringCache): Promise<Map<string, SupplierDoc>> {
  const docs = new Map<string, SupplierDoc>();
  const unread: ScoringVersioned[] = [];
  for (const ref of refs) {
    const cached = scoringCache.get(keyOf(ref));
    if (cached && cached.version === ref.scoringVersion) docs.set(keyOf(ref), cached.doc);
    else unread.push(ref);
  }
  if (!unread.length) return docs;
  const read = await scoringDocs(tx, idsByKind(unread));
  for (const ref of unread) {
    const doc = read[ref.kind].get(ref.id);
    if (!doc) continue;
    scoringCache.set(keyOf(ref), { version: ref.scoringVersion, doc });
    docs.set(keyOf(ref), doc);
  }
  return docs;
}

/**
 * What scoring needs to know about suppliers (no free texts: scoring reads the analysed vectors), every kind in
 * one statement whatever the count (each kind's `scoringSql`, UNION ALL): it runs for every matched need. Chains
 * come sorted, so every instance explains alike.
 */
export async function scoringDocs(tx: Tx, ids: Record<string, number[]>): Promise<DocsByKind> {
  const docs = Object.fromEntries(SUPPLIER_KINDS.map((k) => [k.kind, new Map<number, SupplierDoc>()])) as DocsByKind;
  const parts = SUPPLIER_KINDS.filter((k) => ids[k.kind]?.length).map((k) => k.scoringSql(ids[k.kind]));
  if (!parts.length) return docs;
  // One json document, not a row per supplier: JSON.parse decodes it cheaper than the driver and Prisma decode rows
  // of arrays (measured: docs/benchmarks.md, "Design decisions measured"). The decisions recorded on the suppliers'
  // matches (supplier-outcomes.ts) come in the same statement: no extra trip per new need.
  const [{ rows }] = await tx.$queryRaw<Array<{ rows: Array<ScoringRow & { outcomes: OutcomesJson | null }> | null }>>`
    WITH scoring AS (${P.join(parts, " UNION ALL ")}),
    outcome AS (${outcomesSql(P.sql`SELECT kind, id FROM scoring`)})
    SELECT json_agg(r) AS rows FROM (
      SELECT scoring.*, outcome.outcomes FROM scoring LEFT JOIN outcome ON outcome.kind = scoring.kind AND outcome.id = scoring.id
    ) r`;
  for (const row of rows ?? []) {
    const doc = supplierKind(row.kind).scoringDoc(row);
    const outcomes = chainOutcomes(row.outcomes);
    docs[row.kind].set(row.id, outcomes ? { ...doc, outcomes } : doc);
  }
  return docs;
}
