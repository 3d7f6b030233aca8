import { conflictedSuppliersSql } from "../conflict";
import { LRUCache } from "lru-cache";
import type { PrismaTypes } from "../../infra/db/rows";
import { Prisma as P } from "../../generated/prisma/client";
import { type CapacityCache, capacityCacheRefresh, newCapacityCache, refreshCapacityCache, unavailableExpertsCtes } from "../engagement";
import type { SupplierKind } from "../../generated/prisma/enums";
import { type CorpusStats, type MatchScore, type PackedVector, packVector, type TermVector } from "../matching";
import type { SupplierRef } from "../supplier";
import { SUPPLIER_KINDS } from "../supplier";

type Tx = PrismaTypes.TransactionClient;

/**
 * The matching index lives in the database (profiles plus inverted term tables), so every instance reads
 * the same corpus right after any write and no per-process index can drift.
 *
 * Writes the profiles and postings of one supplier (a create or an edit) or of many (bulk indexing: 200 a batch,
 * 110 terms each at the demo's sizes): three statements whatever the count, each taking its rows as a few arrays.
 * Raw SQL because Prisma's createMany built and planned 22,000 term rows a batch as objects, half of indexing's CPU.
 * Versions continue from the old rows (the upsert), so that a cached vector of the old text is never taken for the
 * new one. `reading`: the fingerprint of the reading that made the vectors (match/reanalysis.ts).
 */
export async function writeSupplierProfiles(tx: Tx, entries: Array<{ ref: SupplierRef; vector: TermVector }>, reading: string): Promise<void> {
  if (!entries.length) return;
  const kinds = entries.map(({ ref }) => ref.kind);
  const ids = entries.map(({ ref }) => ref.id);
  await tx.$executeRaw`
    INSERT INTO "SupplierProfile" ("supplierKind", "supplierId", terms, length, version, "updatedAt", reading)
    SELECT q.kind::"SupplierKind", q.id, q.terms, q.length, 0, now(), ${reading}
    FROM unnest(${kinds}::text[], ${ids}::int[], ${entries.map(({ vector }) => JSON.stringify(vector.terms))}::jsonb[], ${entries.map(({ vector }) => vector.length)}::float8[])
      AS q(kind, id, terms, length)
    ON CONFLICT ("supplierKind", "supplierId") DO UPDATE
      SET terms = EXCLUDED.terms, length = EXCLUDED.length, version = "SupplierProfile".version + 1, "updatedAt" = EXCLUDED."updatedAt",
        reading = EXCLUDED.reading`;
  await tx.$executeRaw`
    DELETE FROM "SupplierTerm" t USING unnest(${kinds}::text[], ${ids}::int[]) AS q(kind, id)
    WHERE t."supplierKind" = q.kind::"SupplierKind" AND t."supplierId" = q.id`;
  const postings = { kinds: [] as string[], ids: [] as number[], terms: [] as string[], weights: [] as number[] };
  for (const { ref, vector } of entries) {
    for (const [term, weight] of Object.entries(vector.terms)) {
      postings.kinds.push(ref.kind);
      postings.ids.push(ref.id);
      postings.terms.push(term);
      postings.weights.push(weight);
    }
  }
  if (!postings.terms.length) return;
  await tx.$executeRaw`
    INSERT INTO "SupplierTerm" (term, "supplierKind", "supplierId", weight)
    SELECT q.term, q.kind::"SupplierKind", q.id, q.weight
    FROM unnest(${postings.terms}::text[], ${postings.kinds}::text[], ${postings.ids}::int[], ${postings.weights}::float8[]) AS q(term, kind, id, weight)`;
}

/**
 * Of these suppliers, those whose profile this transaction may rewrite, their profile rows locked until it ends. First
 * the index's lock (supplier_index_lock, which every profile write takes through its triggers and holds until commit):
 * an edit that has written its supplier's profile has then committed, so the text read next is its new text. A profile
 * row still held is an edit's in the middle of its write, which analyses the new text itself: it is skipped, never
 * waited for (waiting would deadlock, the edit waiting on the index's lock). Suppliers without a profile are included.
 * A background re-analysis takes only these, so it never overwrites an edit's vector with one of the old text.
 */
export async function lockSupplierProfiles(tx: Tx, refs: SupplierRef[]): Promise<SupplierRef[]> {
  if (!refs.length) return [];
  await tx.$executeRaw`SELECT supplier_index_lock()`;
  const rows = await tx.$queryRaw<Array<{ kind: string; id: number; locked: boolean }>>`
    SELECT q.kind, q.id, (p."supplierId" IS NULL OR l."supplierId" IS NOT NULL) AS locked
    FROM unnest(${refs.map((r) => r.kind)}::text[], ${refs.map((r) => r.id)}::int[]) AS q(kind, id)
    LEFT JOIN "SupplierProfile" p ON p."supplierKind" = q.kind::"SupplierKind" AND p."supplierId" = q.id
    LEFT JOIN LATERAL (
      SELECT "supplierId" FROM "SupplierProfile" s
      WHERE s."supplierKind" = q.kind::"SupplierKind" AND s."supplierId" = q.id
      FOR UPDATE SKIP LOCKED
    ) l ON true`;
  const free = new Set(rows.filter((r) => r.locked).map((r) => `${r.kind}:${r.id}`));
  return refs.filter((r) => free.has(`${r.kind}:${r.id}`));
}

/**
 * The open needs among `needIds` (OPEN, IN_DOCKING) that no other transaction is changing, locked until commit. An edit
 * updates the need's row before it writes its profile, so a need skipped here is being written by one.
 */
export async function lockOpenNeeds(tx: Tx, needIds: number[]): Promise<number[]> {
  if (!needIds.length) return [];
  const rows = await tx.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "TechNeed" WHERE id = ANY(${needIds}::int[]) AND status IN ('OPEN', 'IN_DOCKING') ORDER BY id FOR UPDATE SKIP LOCKED`;
  return rows.map((r) => r.id);
}

export async function removeSupplierProfile(tx: Tx, ref: SupplierRef): Promise<void> {
  const key = { supplierKind: ref.kind, supplierId: ref.id };
  await tx.supplierTerm.deleteMany({ where: key });
  await tx.supplierProfile.deleteMany({ where: key });
}

/** A need's profile as the matching writes it: its vector and the fingerprint of the reading that made it. */
export interface NeedProfileWrite {
  needId: number;
  vector: TermVector;
  reading: string;
}

/**
 * A need's profile and its inverted terms in one statement: terms it no longer has go, the others are inserted or
 * updated. The sub-statements touch disjoint rows, as PostgreSQL requires.
 */
export async function writeNeedProfile(tx: Tx, profile: NeedProfileWrite): Promise<void> {
  await tx.$executeRaw`WITH ${needProfileWrites(profile)} SELECT 1`;
}

/**
 * The parts of a WITH clause that write a need's profile and inverted terms (writeNeedProfile's), to put before
 * another statement: a matched need's profile is written with its matches (insertMatches), once, after the ranking
 * that decided its related concepts (feedback.ts).
 */
function needProfileWrites({ needId, vector, reading }: NeedProfileWrite): P.Sql {
  const terms = Object.keys(vector.terms);
  const weights = terms.map((t) => vector.terms[t]);
  const focus = vector.focus ? JSON.stringify(vector.focus) : null;
  return P.sql`profile AS (
      INSERT INTO "NeedProfile" ("needId", terms, focus, length, related, reading)
      VALUES (${needId}, ${JSON.stringify(vector.terms)}::jsonb, ${focus}::jsonb, ${vector.length}, ${vector.related ?? []}::text[], ${reading})
      ON CONFLICT ("needId") DO UPDATE SET terms = EXCLUDED.terms, focus = EXCLUDED.focus, length = EXCLUDED.length, related = EXCLUDED.related,
        reading = EXCLUDED.reading
    ), gone AS (
      DELETE FROM "NeedTerm" WHERE "needId" = ${needId} AND term <> ALL(${terms}::text[])
    ), need_terms AS (
      INSERT INTO "NeedTerm" (term, "needId", weight)
      SELECT q.term, ${needId}, q.weight FROM unnest(${terms}::text[], ${weights}::float8[]) AS q(term, weight)
      ON CONFLICT (term, "needId") DO UPDATE SET weight = EXCLUDED.weight
    )`;
}

/** The corpus statistics of a list of terms as one json value (read by `corpusFromJson`), to select beside other work. */
export function corpusStatsJson(terms: string[]): P.Sql {
  return P.sql`(SELECT json_build_object(
      'n', coalesce(c.documents, 0)::int,
      'avg', CASE WHEN c.documents > 0 THEN (c."totalLength" / c.documents)::float8 ELSE 0 END,
      'df', (SELECT coalesce(json_object_agg(term, df), '{}'::json) FROM "SupplierTermStat" WHERE term = ANY(${terms}::text[])))
    FROM (SELECT 1) AS one LEFT JOIN "SupplierCorpusStat" c ON c.id = 1)`;
}

/** What `corpusStatsJson` selected. */
export interface CorpusStatsJson {
  n: number;
  avg: number;
  df: Record<string, number>;
}

export function corpusFromJson(json: CorpusStatsJson): CorpusStats {
  const df = new Map(Object.entries(json.df));
  return { documentCount: json.n, averageLength: json.avg, documentFrequency: (term) => df.get(term) ?? 0 };
}

/**
 * Document frequencies of the given terms, with the corpus size and average length, in one statement. It reads the
 * statistics the database keeps beside the index (see the SupplierTermStat model): key lookups, so the cost is the
 * need's term count, not the corpus size.
 */
export async function supplierCorpus(tx: Tx, terms: string[]): Promise<CorpusStats> {
  const [row] = await tx.$queryRaw<Array<{ corpus: CorpusStatsJson }>>`SELECT ${corpusStatsJson(terms)} AS corpus`;
  return corpusFromJson(row.corpus);
}

/** How many of each kind the candidate search keeps (each kind's `quota`, supplier/kinds.ts); a kind left out: none. */
export type CandidateQuota = Partial<Record<SupplierKind, number>>;

/**
 * A supplier found in the index, with the version of its profile (readSupplierVectors trusts its cache by it) and
 * of what scoring reads beyond its text (cachedScoringDocs trusts its cache by that one).
 */
export interface IndexedSupplier extends SupplierRef {
  version: number;
  scoringVersion: number;
}

/**
 * How far down each term's postings (one list per term and kind, heaviest first) the candidate search reads, as a
 * multiple of the kind's quota. A supplier that is in no list's head weighs less on every need term than all the
 * suppliers in that head; beyond the head the lists are the long tail of suppliers that mention a term in passing.
 * `null` reads every posting (the exhaustive search, kept for measuring what the heads miss:
 * `npm run bench -- candidates`; at 100x, 8 keeps 98.8 % of the exhaustive top 30's score, 4 keeps 97.4 % but
 * loses 41 % on its worst need).
 */
export const POSTINGS_HEAD_PER_QUOTA = 8;

/**
 * Suppliers sharing weighted terms with the need, best first by a cheap idf-weighted overlap, with a quota per kind
 * so that many experts cannot crowd platforms and societies out before the real scoring. The overlap is summed over
 * the heads of the postings lists only (champion lists, read from an index ordered by weight), so the work is
 * bounded by terms × head whatever the corpus size.
 */
export async function candidateSuppliers(
  tx: Tx,
  query: TermVector,
  corpus: CorpusStats,
  quota: CandidateQuota,
  headPerQuota: number | null = POSTINGS_HEAD_PER_QUOTA,
  /** The need's enterprise: suppliers in conflict with it are never candidates (conflict-rules.ts). */
  enterpriseId: number | null = null,
  at: Date = new Date(),
  /** The experts at capacity as last counted (engagement.ts); refreshed from what this statement sees. */
  capacity: CapacityCache = newCapacityCache(),
): Promise<IndexedSupplier[]> {
  const terms = Object.keys(query.terms).filter((t) => corpus.documentFrequency(t) > 0);
  if (!terms.length) return [];
  const idf = terms.map((t) => query.terms[t] * Math.log(1 + corpus.documentCount / corpus.documentFrequency(t)));
  const kinds = SUPPLIER_KINDS.map((k) => k.kind).filter((k) => (quota[k] ?? 0) > 0);
  // An exhaustive search is a head longer than any list.
  const heads = kinds.map((k) => (headPerQuota === null ? 2_147_483_647 : Math.ceil((quota[k] ?? 0) * headPerQuota)));
  const quotas = kinds.map((k) => quota[k] ?? 0);
  // Per kind, the `quota` best by the overlap (a bounded top-N sort, not a ranking of every supplier found), returned
  // as one row with its suppliers as one JSON array of [id, profile version, scoring version], best first: 420 rows
  // of four fields cost the drivers' parsers (PGlite's above all) more than the statement took to run.
  const rows = await tx.$queryRaw<Array<{ kind: SupplierKind | typeof CAPACITY_ROW; found: string }>>`
    WITH k AS (
      SELECT kind::"SupplierKind" AS kind, head, quota FROM unnest(${kinds}::text[], ${heads}::int[], ${quotas}::int[]) AS k(kind, head, quota)
    ),
    q AS (SELECT term, idf FROM unnest(${terms}::text[], ${idf}::float8[]) AS q(term, idf)),
    ${unavailableExpertsCtes(at, capacity)},
    conflicted AS MATERIALIZED ${conflictedSuppliersSql(enterpriseId)},
    found AS (
      SELECT k.kind::text AS kind,
        json_agg(json_build_array(top.id, sp.version, coalesce(sv.version, 0)) ORDER BY top.overlap DESC, top.id)::text AS found
      FROM k CROSS JOIN LATERAL (
        SELECT p."supplierId" AS id, sum(p.weight * p.idf) AS overlap
        FROM q CROSS JOIN LATERAL (
          SELECT st."supplierId", st.weight, q.idf FROM "SupplierTerm" st
          WHERE st.term = q.term AND st."supplierKind" = k.kind ORDER BY st.weight DESC, st."supplierId" LIMIT k.head
        ) p
        -- Experts at capacity or outside their availability are not offered (engagement.ts); back once that ends.
        -- Suppliers in conflict with the need's enterprise never are (conflict-rules.ts). Both leave before the
        -- quota is counted, so they take no one's place.
        WHERE (k.kind <> 'EXPERT' OR p."supplierId" NOT IN (SELECT id FROM unavailable))
          AND NOT EXISTS (SELECT 1 FROM conflicted c WHERE c.kind = k.kind::text AND c.id = p."supplierId")
        GROUP BY p."supplierId"
        ORDER BY overlap DESC, p."supplierId"
        LIMIT k.quota
      ) top
        JOIN "SupplierProfile" sp ON sp."supplierKind" = k.kind AND sp."supplierId" = top.id
        LEFT JOIN "SupplierScoringVersion" sv ON sv."supplierKind" = k.kind AND sv."supplierId" = top.id
      GROUP BY k.kind
    )
    SELECT kind, found FROM found
    UNION ALL
    SELECT ${CAPACITY_ROW}, ${capacityCacheRefresh}`;
  const seen = rows.find((r) => r.kind === CAPACITY_ROW);
  if (seen) refreshCapacityCache(capacity, seen.found);
  return rows
    .filter((r): r is { kind: SupplierKind; found: string } => r.kind !== CAPACITY_ROW)
    .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind))
    .flatMap(({ kind, found }) =>
      (JSON.parse(found) as Array<[number, number, number]>).map(([id, version, scoringVersion]) => ({ kind, id, version, scoringVersion })),
    );
}

/** The candidate search's extra row: what it saw of the experts at capacity (engagement.ts). */
const CAPACITY_ROW = "~capacity";

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

// Supplier vectors by key and version, packed for scoring. An entry is used only when the database still holds that
// version, so a cache on one instance can never serve what another instance has since rewritten. Least recently used
// entries go first: the whole corpus at programme scale (about 2,100 suppliers) fits, and at 100x the suppliers
// that keep being candidates stay, in bounded memory (a packed vector of sixty terms is about 1.5 kB).
const VECTOR_CACHE_LIMIT = 8_000;
export type VectorCache = LRUCache<string, { version: number; vector: PackedVector }>;

/**
 * A cache for one database's vectors (the matching service owns one): versions count per database, so two hubs in
 * one process, on two databases, must not share one.
 */
export const newVectorCache = (): VectorCache => new LRUCache({ max: VECTOR_CACHE_LIMIT });

/** Vectors by supplier key; `refs` may carry their profile versions (candidateSuppliers reads them), saving a statement. */
export async function readSupplierVectors(tx: Tx, refs: Array<SupplierRef | IndexedSupplier>, vectorCache: VectorCache): Promise<Map<string, PackedVector>> {
  if (!refs.length) return new Map();
  const kinds = SUPPLIER_KINDS.map((k) => k.kind);
  const byKind = (list: SupplierRef[]) =>
    kinds.map((kind) => ({ supplierKind: kind, supplierId: { in: list.filter((r) => r.kind === kind).map((r) => r.id) } }));
  const known = refs.every((r): r is IndexedSupplier => "version" in r);
  const versions = known
    ? refs.map((r) => ({ supplierKind: r.kind, supplierId: r.id, version: r.version }))
    : await tx.supplierProfile.findMany({ where: { OR: byKind(refs) }, select: { supplierKind: true, supplierId: true, version: true } });
  const result = new Map<string, PackedVector>();
  const missing: SupplierRef[] = [];
  for (const v of versions) {
    const key = `${v.supplierKind}:${v.supplierId}`;
    const cached = vectorCache.get(key);
    if (cached && cached.version === v.version) result.set(key, cached.vector);
    else missing.push({ kind: v.supplierKind, id: v.supplierId });
  }
  if (missing.length) {
    const rows = await tx.supplierProfile.findMany({ where: { OR: byKind(missing) } });
    for (const r of rows) {
      const key = `${r.supplierKind}:${r.supplierId}`;
      const vector = packVector({ terms: r.terms as Record<string, number>, length: r.length });
      vectorCache.set(key, { version: r.version, vector });
      result.set(key, vector);
    }
  }
  return result;
}

/** A suggestion to write: `rank` 0 when `rerank` sets it later in the transaction. */
export interface NewMatch {
  needId: number;
  ref: SupplierRef;
  rank: number;
  score: MatchScore;
}

/** What the match events need of an inserted match. */
export interface InsertedMatch {
  id: number;
  needId: number;
  supplierKind: SupplierKind;
  supplierId: number;
  score: number;
}

/**
 * Inserts suggestions (of one need or several) in one statement, in the order given, so that ids follow it (ranks
 * break ties by id). Raw SQL: the rows travel as one json document, which is what Prisma's createMany cost most
 * in building (every postNeed writes 30, each with its breakdown). Returns the rows in insertion order. `needProfile`:
 * the need's profile to write in the same statement (a new need's, postNeed).
 */
export async function insertMatches(tx: Tx, matches: NewMatch[], at: Date, needProfile?: NeedProfileWrite): Promise<InsertedMatch[]> {
  if (!matches.length) return [];
  // A new need's profile goes with its matches (postNeed): no statement of its own.
  const profile = needProfile ? P.sql`WITH ${needProfileWrites(needProfile)} ` : P.empty;
  const rows = matches.map(({ needId, ref, rank, score }, i) => ({
    i,
    needId,
    kind: ref.kind,
    supplierId: ref.id,
    rank,
    score: score.score,
    breakdown: score.breakdown,
    terms: score.matchedTerms,
    reason: score.reason,
  }));
  const inserted = await tx.$queryRaw<InsertedMatch[]>`
    ${profile}INSERT INTO "Match" ("needId", "supplierKind", "supplierId", rank, score, breakdown, "matchedTerms", reason, "createdAt", "updatedAt")
    SELECT v."needId", v.kind::"SupplierKind", v."supplierId",
      v.rank, v.score, v.breakdown,
      ARRAY(SELECT t FROM jsonb_array_elements_text(v.terms) WITH ORDINALITY AS e(t, i) ORDER BY i), v.reason, ${at}::timestamp(3), ${at}::timestamp(3)
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS v(i int, "needId" int, kind text, "supplierId" int, rank int, score float8, breakdown jsonb, terms jsonb, reason text)
    ORDER BY v.i
    RETURNING id, "needId", "supplierKind"::text AS "supplierKind", "supplierId", score`;
  return inserted.sort((a, b) => a.id - b.id);
}

/** New scores for kept matches (a need matched again), in one statement however many. */
export async function rescoreMatches(tx: Tx, rows: Array<{ id: number; score: MatchScore }>): Promise<void> {
  if (!rows.length) return;
  const values = rows.map(({ id, score }) => ({ id, score: score.score, breakdown: score.breakdown, reason: score.reason, terms: score.matchedTerms }));
  await tx.$executeRaw`
    UPDATE "Match" m SET score = v.score, breakdown = v.breakdown, reason = v.reason,
      "matchedTerms" = ARRAY(SELECT t FROM jsonb_array_elements_text(v.terms) WITH ORDINALITY AS e(t, i) ORDER BY i), "updatedAt" = now()
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(id int, score float8, breakdown jsonb, reason text, terms jsonb)
    WHERE m.id = v.id`;
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
