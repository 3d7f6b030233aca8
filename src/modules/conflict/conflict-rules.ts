import { Prisma as P } from "../../generated/prisma/client";
import { supplierOfRow } from "../supplier";
import type { PrismaTypes } from "../../infra/db/rows";
import type { SupplierRef } from "../supplier";

type Db = Pick<PrismaTypes.TransactionClient, "$queryRaw">;

/**
 * The suppliers in conflict with an enterprise (an SQL value) as SQL rows (kind text, id): an expert employed by the
 * enterprise, a conflict the supplier declared, an organisation the enterprise excluded. The one statement of those
 * ties: the candidate search leaves these rows out before it counts its quota; the invitation and the access rule
 * (need-access.ts `conflictedNeeds`) ask conflictSql, which reads them.
 */
function suppliersInConflict(enterpriseId: P.Sql): P.Sql {
  return P.sql`(
    SELECT cf."partyKind"::text AS kind, cf."partyId" AS id FROM "Conflict" cf WHERE cf."enterpriseId" = ${enterpriseId}
    UNION ALL
    SELECT 'EXPERT', ce.id FROM "Expert" ce WHERE ce."employerId" = ${enterpriseId}
  )`;
}

/** Whether a supplier is in conflict with an enterprise, as an SQL condition over SQL values (kind as text, id, enterprise id). */
export function conflictSql(kind: P.Sql, supplierId: P.Sql, enterpriseId: P.Sql): P.Sql {
  return P.sql`EXISTS (SELECT 1 FROM ${suppliersInConflict(enterpriseId)} c WHERE c.kind = ${kind}::text AND c.id = ${supplierId})`;
}

/** The suppliers in conflict with an enterprise, as rows for a search; none for a null enterprise. */
export function conflictedSuppliersSql(enterpriseId: number | null): P.Sql {
  if (enterpriseId === null) return P.sql`(SELECT NULL::text AS kind, NULL::int AS id WHERE false)`;
  return suppliersInConflict(P.sql`${enterpriseId}::int`);
}

/** Whether the supplier is in conflict with the enterprise (see conflictSql). */
export async function inConflict(db: Db, ref: SupplierRef, enterpriseId: number): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ conflicted: boolean }>>`
    SELECT ${conflictSql(P.sql`${ref.kind}`, P.sql`${ref.id}::int`, P.sql`${enterpriseId}::int`)} AS conflicted`;
  return row?.conflicted === true;
}

/** The need ids among `needIds` whose enterprise the supplier is in conflict with. */
export async function conflictedNeedIds(db: Db, ref: SupplierRef, needIds: number[]): Promise<Set<number>> {
  if (!needIds.length) return new Set();
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    SELECT n.id FROM "TechNeed" n WHERE n.id = ANY(${needIds}::int[])
      AND ${conflictSql(P.sql`${ref.kind}`, P.sql`${ref.id}::int`, P.sql`n."enterpriseId"`)}`;
  return new Set(rows.map((r) => r.id));
}

/** The supplier a match names. */
export function supplierOfMatch(match: Parameters<typeof supplierOfRow>[0]): SupplierRef {
  return supplierOfRow(match);
}
