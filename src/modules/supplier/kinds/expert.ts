import { Prisma as P } from "../../../generated/prisma/client";
import type { SupplierDoc } from "../../matching";
import type { SupplierKindSpec } from "../kind";
import { Expert } from "../../expert";

// Engagements that occupy one of an expert's slots.
const ACTIVE_MATCH_STATUSES = ["CONTACTED", "ACCEPTED", "DOCKED"] as const;

/** Experts as suppliers: matched on title, affiliation, expertise and keywords; scored on their free slots too. */
export const expertKind: SupplierKindSpec = {
  kind: "EXPERT",
  typeName: "Expert",
  graphqlType: () => Expert,
  table: "Expert",
  label: "专家",
  quota: 300,
  viewerLink: "expertId",
  // Without the expertise text, as the `expert` loader (context/loaders.ts): `Expert.expertise` reads it when asked.
  rows: (db, ids) => db.expert.findMany({ where: { id: { in: ids } }, omit: { expertise: true } }),

  async documents(tx, ids) {
    const [rows, busy, track] = await Promise.all([
      tx.expert.findMany({
        where: { id: { in: ids }, active: true },
        select: { id: true, name: true, capacity: true, keywords: true, title: true, affiliation: true, expertise: true, chains: { select: { chainCode: true } } },
      }),
      tx.match.groupBy({ by: ["supplierId"], where: { supplierKind: "EXPERT", supplierId: { in: ids }, status: { in: [...ACTIVE_MATCH_STATUSES] } }, _count: true }),
      tx.$queryRaw<Array<{ expertId: number; responses: number; accepted: number }>>`
        SELECT re."expertId", count(*)::int AS responses, (count(*) FILTER (WHERE r.status = 'ACCEPTED'))::int AS accepted
        FROM "ResponseExpert" re JOIN "Response" r ON r.id = re."responseId"
        WHERE re."expertId" = ANY(${ids}::int[]) GROUP BY re."expertId"`,
    ]);
    const busyBy = new Map(busy.map((b) => [b.supplierId, b._count]));
    const trackBy = new Map(track.map((t) => [t.expertId, t]));
    return new Map(
      rows.map((e) => {
        const doc: SupplierDoc = {
          kind: "EXPERT",
          name: e.name,
          text: [e.title, e.affiliation, e.expertise].filter(Boolean).join("。"),
          keywords: e.keywords,
          chainCodes: e.chains.map((c) => c.chainCode),
          regionCode: null,
          capacity: e.capacity,
          activeEngagements: busyBy.get(e.id) ?? 0,
          responses: trackBy.get(e.id)?.responses ?? 0,
          acceptedResponses: trackBy.get(e.id)?.accepted ?? 0,
        };
        return [e.id, doc];
      }),
    );
  },

  // Engaged matches are named as literals, so that the planner counts them from the (supplierKind, supplierId, status) index.
  scoringSql: (ids) => P.sql`
    SELECT 'EXPERT' AS kind, e.id, e.name, e.keywords,
      ARRAY(SELECT c."chainCode" FROM "ExpertChain" c WHERE c."expertId" = e.id ORDER BY 1) AS chains, e.capacity,
      (SELECT count(*)::int FROM "Match" m WHERE m."supplierKind" = 'EXPERT' AND m."supplierId" = e.id AND m.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED')) AS busy,
      t.responses, t.accepted, NULL::text AS subkind, NULL::text AS "regionCode"
    FROM "Expert" e CROSS JOIN LATERAL (
      SELECT count(*)::int AS responses, (count(*) FILTER (WHERE r.status = 'ACCEPTED'))::int AS accepted
      FROM "ResponseExpert" re JOIN "Response" r ON r.id = re."responseId" WHERE re."expertId" = e.id
    ) t
    WHERE e.id = ANY(${ids}::int[]) AND e.active`,

  scoringDoc: (row) => ({
    kind: "EXPERT",
    name: row.name,
    text: "",
    keywords: row.keywords ?? [],
    chainCodes: row.chains ?? [],
    regionCode: null,
    capacity: row.capacity!,
    activeEngagements: row.busy!,
    responses: row.responses!,
    acceptedResponses: row.accepted!,
  }),
};
