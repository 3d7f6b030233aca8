import type { PrismaTypes } from "../../infra/db/rows";
import type { PlatformKind, SupplierDoc } from "../matching/engine";

type Tx = PrismaTypes.TransactionClient;

/**
 * What scoring needs to know about suppliers (no free texts: scoring reads the analysed vectors), one
 * statement per kind whatever the count. It runs for every matched need, so the aggregates are computed in
 * SQL rather than as one Prisma query per relation. Chains come sorted, so every instance explains alike.
 * An expert's engaged matches (CONTACTED, ACCEPTED, DOCKED: they occupy its slots, as in supplier-docs.ts) are
 * named as literals, so that the planner counts them from the (expertId, status) index.
 */
export async function expertScoringDocs(tx: Tx, ids: number[]): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const rows = await tx.$queryRaw<Array<{ id: number; name: string; capacity: number; keywords: string[]; chains: string[]; busy: number; responses: number; accepted: number }>>`
    SELECT e.id, e.name, e.capacity, e.keywords,
      ARRAY(SELECT c."chainCode" FROM "ExpertChain" c WHERE c."expertId" = e.id ORDER BY 1) AS chains,
      (SELECT count(*)::int FROM "Match" m WHERE m."expertId" = e.id AND m.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED')) AS busy,
      (SELECT count(*)::int FROM "ResponseExpert" re WHERE re."expertId" = e.id) AS responses,
      (SELECT count(*)::int FROM "ResponseExpert" re JOIN "Response" r ON r.id = re."responseId"
        WHERE re."expertId" = e.id AND r.status = 'ACCEPTED') AS accepted
    FROM "Expert" e WHERE e.id = ANY(${ids}::int[]) AND e.active`;
  return new Map(
    rows.map((e) => [
      e.id,
      {
        kind: "EXPERT",
        name: e.name,
        text: "",
        keywords: e.keywords,
        chainCodes: e.chains,
        regionCode: null,
        capacity: e.capacity,
        activeEngagements: e.busy,
        responses: e.responses,
        acceptedResponses: e.accepted,
      } satisfies SupplierDoc,
    ]),
  );
}

export async function platformScoringDocs(tx: Tx, ids: number[]): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const rows = await tx.$queryRaw<Array<{ id: number; name: string; kind: PlatformKind; regionCode: string | null; chains: string[] }>>`
    SELECT p.id, p.name, p.kind::text AS kind, p."regionCode",
      ARRAY(SELECT c."chainCode" FROM "PlatformChain" c WHERE c."platformId" = p.id ORDER BY 1) AS chains
    FROM "InnovationPlatform" p WHERE p.id = ANY(${ids}::int[]) AND p.active`;
  return new Map(
    rows.map((p) => [
      p.id,
      { kind: "PLATFORM", name: p.name, text: "", keywords: [], chainCodes: p.chains, regionCode: p.regionCode, platformKind: p.kind } satisfies SupplierDoc,
    ]),
  );
}

/** A society's chains are its active experts' chains. */
export async function societyScoringDocs(tx: Tx, ids: number[]): Promise<Map<number, SupplierDoc>> {
  if (!ids.length) return new Map();
  const rows = await tx.$queryRaw<Array<{ id: number; name: string; disciplines: string[]; chains: string[]; responses: number; accepted: number }>>`
    SELECT s.id, s.name, s.disciplines,
      ARRAY(SELECT DISTINCT c."chainCode" FROM "SocietyMembership" sm JOIN "Expert" e ON e.id = sm."expertId" AND e.active
        JOIN "ExpertChain" c ON c."expertId" = e.id WHERE sm."societyId" = s.id ORDER BY 1) AS chains,
      (SELECT count(*)::int FROM "Response" r WHERE r."societyId" = s.id) AS responses,
      (SELECT count(*)::int FROM "Response" r WHERE r."societyId" = s.id AND r.status = 'ACCEPTED') AS accepted
    FROM "Society" s WHERE s.id = ANY(${ids}::int[]) AND s.active`;
  return new Map(
    rows.map((s) => [
      s.id,
      {
        kind: "SOCIETY",
        name: s.name,
        text: `${s.name}。${s.disciplines.join("、")}`,
        keywords: s.disciplines,
        memberTexts: [],
        chainCodes: s.chains,
        regionCode: null,
        responses: s.responses,
        acceptedResponses: s.accepted,
      } satisfies SupplierDoc,
    ]),
  );
}
