import { Prisma as P } from "../../../generated/prisma/client";
import type { PlatformKind, SupplierDoc } from "../../matching";
import type { SupplierKindSpec } from "../kind";
import { InnovationPlatform } from "../../platform";

/** Innovation platforms as suppliers: matched on their name and capabilities; their platform kind fits need kinds. */
export const platformKind: SupplierKindSpec = {
  kind: "PLATFORM",
  typeName: "InnovationPlatform",
  graphqlType: () => InnovationPlatform,
  table: "InnovationPlatform",
  label: "创新平台",
  quota: 60,
  viewerLink: "platformId",
  rows: (db, ids) => db.innovationPlatform.findMany({ where: { id: { in: ids } } }),

  async documents(tx, ids) {
    const rows = await tx.innovationPlatform.findMany({
      where: { id: { in: ids }, active: true },
      select: { id: true, name: true, kind: true, regionCode: true, capabilities: true, chains: { select: { chainCode: true } } },
    });
    return new Map(
      rows.map((p) => [
        p.id,
        {
          kind: "PLATFORM",
          name: p.name,
          text: `${p.name}。${p.capabilities}`,
          keywords: [],
          chainCodes: p.chains.map((c) => c.chainCode),
          regionCode: p.regionCode,
          platformKind: p.kind,
        } satisfies SupplierDoc,
      ]),
    );
  },

  scoringSql: (ids) => P.sql`
    SELECT 'PLATFORM' AS kind, p.id, p.name, NULL::text[] AS keywords,
      ARRAY(SELECT c."chainCode" FROM "PlatformChain" c WHERE c."platformId" = p.id ORDER BY 1) AS chains,
      NULL::int AS capacity, NULL::int AS busy, NULL::int AS responses, NULL::int AS accepted, p.kind::text AS subkind, p."regionCode"
    FROM "InnovationPlatform" p WHERE p.id = ANY(${ids}::int[]) AND p.active`,

  scoringDoc: (row) => ({
    kind: "PLATFORM",
    name: row.name,
    text: "",
    keywords: [],
    chainCodes: row.chains ?? [],
    regionCode: row.regionCode,
    platformKind: row.subkind as PlatformKind,
  }),
};
