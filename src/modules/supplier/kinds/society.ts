import { Prisma as P } from "../../../generated/prisma/client";
import type { SupplierDoc } from "../../matching";
import type { SupplierKindSpec } from "../kind";
import { Society } from "../../society";

const LABEL = "学会组织";

/** Societies as suppliers: matched through their disciplines and their member experts' expertise. */
export const societyKind: SupplierKindSpec = {
  kind: "SOCIETY",
  typeName: "Society",
  graphqlType: () => Society,
  table: "Society",
  label: "学会",
  quota: 60,
  viewerLink: "societyId",
  rows: (db, ids) => db.society.findMany({ where: { id: { in: ids } } }),

  async documents(tx, ids) {
    const [rows, responses] = await Promise.all([
      tx.society.findMany({
        where: { id: { in: ids }, active: true },
        include: { members: { select: { expert: { select: { expertise: true, keywords: true, active: true, chains: { select: { chainCode: true } } } } } } },
      }),
      tx.response.groupBy({ by: ["societyId", "status"], where: { societyId: { in: ids } }, _count: true }),
    ]);
    return new Map(
      rows.map((s) => {
        const experts = s.members.map((m) => m.expert).filter((e) => e.active);
        const own = responses.filter((r) => r.societyId === s.id);
        const doc: SupplierDoc = {
          kind: "SOCIETY",
          name: s.name,
          text: `${s.name}。${s.disciplines.join("、")}`,
          keywords: s.disciplines,
          memberTexts: experts.map((e) => `${e.expertise} ${e.keywords.join(" ")}`),
          chainCodes: [...new Set(experts.flatMap((e) => e.chains.map((c) => c.chainCode)))],
          regionCode: null,
          kindLabel: LABEL,
          responses: own.reduce((n, r) => n + r._count, 0),
          acceptedResponses: own.filter((r) => r.status === "ACCEPTED").reduce((n, r) => n + r._count, 0),
        };
        return [s.id, doc];
      }),
    );
  },

  // A society's chains come from every member expert: grouped once for all the societies asked (a subquery per
  // society joined all experts' chains afresh for each). Sorted, so every instance explains alike.
  scoringSql: (ids) => P.sql`
    SELECT 'SOCIETY' AS kind, s.id, s.name, s.disciplines AS keywords, sc.chains, NULL::int AS capacity, NULL::int AS busy,
      t.responses, t.accepted, NULL::text AS subkind, NULL::text AS "regionCode"
    FROM "Society" s LEFT JOIN (
      SELECT sm."societyId" AS id, array_agg(DISTINCT c."chainCode" ORDER BY c."chainCode") AS chains
      FROM "SocietyMembership" sm JOIN "Expert" e ON e.id = sm."expertId" AND e.active JOIN "ExpertChain" c ON c."expertId" = e.id
      WHERE sm."societyId" = ANY(${ids}::int[]) GROUP BY sm."societyId"
    ) sc ON sc.id = s.id CROSS JOIN LATERAL (
      SELECT count(*)::int AS responses, (count(*) FILTER (WHERE r.status = 'ACCEPTED'))::int AS accepted FROM "Response" r WHERE r."societyId" = s.id
    ) t
    WHERE s.id = ANY(${ids}::int[]) AND s.active`,

  scoringDoc: (row) => {
    const disciplines = row.keywords ?? [];
    return {
      kind: "SOCIETY",
      name: row.name,
      text: `${row.name}。${disciplines.join("、")}`,
      keywords: disciplines,
      memberTexts: [],
      chainCodes: row.chains ?? [],
      regionCode: null,
      kindLabel: LABEL,
      responses: row.responses!,
      acceptedResponses: row.accepted!,
    };
  },
};
