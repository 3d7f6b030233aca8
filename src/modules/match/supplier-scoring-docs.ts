import { LRUCache } from "lru-cache";
import type { PrismaTypes } from "../../infra/db/rows";
import type { PlatformKind, SupplierDoc, SupplierKind } from "../matching/engine";
import type { DocsByKind, SupplierRef } from "./supplier-docs";

type Tx = PrismaTypes.TransactionClient;

/** One row per supplier, whatever its kind: the columns another kind lacks are null. */
interface ScoringRow {
  kind: SupplierKind;
  id: number;
  name: string;
  /** expert keywords, society disciplines */
  keywords: string[] | null;
  chains: string[] | null;
  capacity: number | null;
  busy: number | null;
  responses: number | null;
  accepted: number | null;
  platformKind: PlatformKind | null;
  regionCode: string | null;
}

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
  const ids = (kind: SupplierKind) => unread.filter((r) => r.kind === kind).map((r) => r.id);
  const read = await scoringDocs(tx, { EXPERT: ids("EXPERT"), PLATFORM: ids("PLATFORM"), SOCIETY: ids("SOCIETY") });
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
 * one statement whatever the count: it runs for every matched need. Experts' and platforms' aggregates are index
 * lookups per supplier; societies' chains are grouped once for all the societies asked, because they come from
 * every member expert (a subquery per society joined all experts' chains afresh for each). Chains come sorted, so
 * every instance explains alike. An expert's engaged matches (CONTACTED, ACCEPTED, DOCKED: they occupy its slots,
 * as in supplier-docs.ts) are named as literals, so that the planner counts them from the (expertId, status) index.
 */
export async function scoringDocs(tx: Tx, ids: Record<SupplierKind, number[]>): Promise<DocsByKind> {
  const docs: DocsByKind = { EXPERT: new Map(), PLATFORM: new Map(), SOCIETY: new Map() };
  if (!ids.EXPERT.length && !ids.PLATFORM.length && !ids.SOCIETY.length) return docs;
  // One json document, not a row per supplier: the driver and Prisma decode a hundred rows of arrays in about twice the
  // CPU that JSON.parse takes for the same values (3 against 5 ms a call on PostgreSQL).
  const [{ rows }] = await tx.$queryRaw<Array<{ rows: ScoringRow[] | null }>>`
    WITH society_chains AS (
      SELECT sm."societyId" AS id, array_agg(DISTINCT c."chainCode" ORDER BY c."chainCode") AS chains
      FROM "SocietyMembership" sm JOIN "Expert" e ON e.id = sm."expertId" AND e.active JOIN "ExpertChain" c ON c."expertId" = e.id
      WHERE sm."societyId" = ANY(${ids.SOCIETY}::int[]) GROUP BY sm."societyId"
    ), scoring AS (
    SELECT 'EXPERT' AS kind, e.id, e.name, e.keywords,
      ARRAY(SELECT c."chainCode" FROM "ExpertChain" c WHERE c."expertId" = e.id ORDER BY 1) AS chains, e.capacity,
      (SELECT count(*)::int FROM "Match" m WHERE m."expertId" = e.id AND m.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED')) AS busy,
      t.responses, t.accepted, NULL::text AS "platformKind", NULL::text AS "regionCode"
    FROM "Expert" e CROSS JOIN LATERAL (
      SELECT count(*)::int AS responses, (count(*) FILTER (WHERE r.status = 'ACCEPTED'))::int AS accepted
      FROM "ResponseExpert" re JOIN "Response" r ON r.id = re."responseId" WHERE re."expertId" = e.id
    ) t
    WHERE e.id = ANY(${ids.EXPERT}::int[]) AND e.active
    UNION ALL
    SELECT 'PLATFORM', p.id, p.name, NULL, ARRAY(SELECT c."chainCode" FROM "PlatformChain" c WHERE c."platformId" = p.id ORDER BY 1),
      NULL, NULL, NULL, NULL, p.kind::text, p."regionCode"
    FROM "InnovationPlatform" p WHERE p.id = ANY(${ids.PLATFORM}::int[]) AND p.active
    UNION ALL
    SELECT 'SOCIETY', s.id, s.name, s.disciplines, sc.chains, NULL, NULL, t.responses, t.accepted, NULL, NULL
    FROM "Society" s LEFT JOIN society_chains sc ON sc.id = s.id CROSS JOIN LATERAL (
      SELECT count(*)::int AS responses, (count(*) FILTER (WHERE r.status = 'ACCEPTED'))::int AS accepted FROM "Response" r WHERE r."societyId" = s.id
    ) t
    WHERE s.id = ANY(${ids.SOCIETY}::int[]) AND s.active
    )
    SELECT json_agg(scoring) AS rows FROM scoring`;
  for (const row of rows ?? []) docs[row.kind].set(row.id, scoringDoc(row));
  return docs;
}

function scoringDoc(row: ScoringRow): SupplierDoc {
  const chainCodes = row.chains ?? [];
  switch (row.kind) {
    case "EXPERT":
      return {
        kind: "EXPERT",
        name: row.name,
        text: "",
        keywords: row.keywords ?? [],
        chainCodes,
        regionCode: null,
        capacity: row.capacity!,
        activeEngagements: row.busy!,
        responses: row.responses!,
        acceptedResponses: row.accepted!,
      };
    case "PLATFORM":
      return { kind: "PLATFORM", name: row.name, text: "", keywords: [], chainCodes, regionCode: row.regionCode, platformKind: row.platformKind! };
    case "SOCIETY": {
      const disciplines = row.keywords ?? [];
      return {
        kind: "SOCIETY",
        name: row.name,
        text: `${row.name}。${disciplines.join("、")}`,
        keywords: disciplines,
        memberTexts: [],
        chainCodes,
        regionCode: null,
        responses: row.responses!,
        acceptedResponses: row.accepted!,
      };
    }
  }
}
