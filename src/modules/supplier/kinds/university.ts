import { Prisma as P } from "../../../generated/prisma/client";
import type { NeedKind, SupplierDoc } from "../../matching";
import type { ScoringRow, SupplierKindSpec } from "../kind";
import { University } from "../../university";

const LABELS: Record<string, string> = { UNIVERSITY: "高校", RESEARCH_INSTITUTE: "科研院所" };

/**
 * How well an institute answers each kind of need (kind-priors.json's scale): joint R&D, breakthroughs and transfers
 * of its results first, talent next; pilot testing is a pilot base's.
 */
const PRIORS: Partial<Record<NeedKind, number>> = {
  JOINT_RD: 1.0,
  TECH_BREAKTHROUGH: 0.9,
  TECH_TRANSFER: 0.8,
  TALENT: 0.7,
  CONSULTING: 0.6,
  PILOT_TEST: 0.4,
};

const doc = (row: Pick<ScoringRow, "name" | "keywords" | "chains" | "subkind" | "regionCode">, strengths: string): SupplierDoc => ({
  kind: "UNIVERSITY",
  name: row.name,
  text: `${row.name}。${strengths}`,
  keywords: row.keywords ?? [],
  chainCodes: row.chains ?? [],
  regionCode: row.regionCode,
  kindLabel: LABELS[row.subkind ?? "UNIVERSITY"] ?? "高校院所",
  kindPriors: PRIORS,
});

/** 高校院所 as suppliers: matched on their strengths and disciplines, scored on the chains they serve. */
export const universityKind: SupplierKindSpec = {
  kind: "UNIVERSITY",
  typeName: "University",
  graphqlType: () => University,
  table: "University",
  label: "高校院所",
  quota: 60,
  rows: (db, ids) => db.university.findMany({ where: { id: { in: ids } } }),

  async documents(tx, ids) {
    const rows = await tx.university.findMany({ where: { id: { in: ids }, active: true } });
    return new Map(rows.map((u) => [u.id, doc({ name: u.name, keywords: u.disciplines, chains: [...u.chainCodes].sort(), subkind: u.kind, regionCode: u.regionCode }, u.strengths)]));
  },

  scoringSql: (ids) => P.sql`
    SELECT 'UNIVERSITY' AS kind, u.id, u.name, u.disciplines AS keywords, ARRAY(SELECT c FROM unnest(u."chainCodes") c ORDER BY 1) AS chains,
      NULL::int AS capacity, NULL::int AS busy, NULL::int AS responses, NULL::int AS accepted, u.kind::text AS subkind, u."regionCode"
    FROM "University" u WHERE u.id = ANY(${ids}::int[]) AND u.active`,

  // Scoring reads the analysed vectors, not the text.
  scoringDoc: (row) => doc(row, ""),
};
