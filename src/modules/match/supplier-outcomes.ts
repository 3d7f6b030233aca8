import type { PrismaTypes } from "../../infra/db/rows";
import { Prisma as P } from "../../generated/prisma/client";
import type { ChainOutcome, ScoreComponent } from "../matching";
import type { SupplierKind } from "../../generated/prisma/enums";

type Tx = PrismaTypes.TransactionClient;

/** A supplier's decisions by chain code as `outcomesSql` selects them: [fit, misfit]. */
export type OutcomesJson = Record<string, [number, number]>;

/**
 * What the need sides decided about suppliers, by the chain of the need (the outcome feature, engine/features.ts):
 * one row per supplier of `suppliers` (a query of `kind` text and `id`) that has any, with `outcomes` as OutcomesJson.
 * A match counts once: as a misfit when the need's side rejected it as OUT_OF_SCOPE or the supplier declined its
 * invitation as OUT_OF_SCOPE; else as a fit when the need's side contacted (invited), accepted or docked it. Other
 * reasons (BUDGET, NO_CAPACITY, TERMS …) say nothing about fit and count for nothing; so do SUGGESTED, VIEWED and
 * CLOSED. Read from the (supplierKind, supplierId, status) index, so a supplier's many SUGGESTED rows are not visited.
 * The statuses here are the ones the scoring-version trigger watches (migration 20261207090000_match_outcomes).
 */
export function outcomesSql(suppliers: P.Sql): P.Sql {
  return P.sql`
    SELECT c.kind, c.id, json_object_agg(c.chain, json_build_array(c.fit, c.misfit) ORDER BY c.chain) AS outcomes
    FROM (
      SELECT s.kind, s.id, n."chainCode" AS chain,
        (count(*) FILTER (WHERE NOT x.misfit AND m.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED')))::int AS fit,
        (count(*) FILTER (WHERE x.misfit))::int AS misfit
      FROM (${suppliers}) s
        JOIN "Match" m ON m."supplierKind" = s.kind::"SupplierKind" AND m."supplierId" = s.id
          AND m.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED', 'REJECTED')
        JOIN "TechNeed" n ON n.id = m."needId"
        CROSS JOIN LATERAL (SELECT (m.status = 'REJECTED' AND m."statusReasonCode" = 'OUT_OF_SCOPE')
          OR (m.status <> 'REJECTED' AND EXISTS (SELECT 1 FROM "Invitation" i
            WHERE i."matchId" = m.id AND i.status = 'DECLINED' AND i."declineCode" = 'OUT_OF_SCOPE')) AS misfit) x
      GROUP BY s.kind, s.id, n."chainCode"
    ) c
    WHERE c.fit > 0 OR c.misfit > 0
    GROUP BY c.kind, c.id`;
}

/** The engine's form of OutcomesJson. */
export function chainOutcomes(json: OutcomesJson | null | undefined): Record<string, ChainOutcome> | undefined {
  if (!json) return undefined;
  return Object.fromEntries(Object.entries(json).map(([chain, [fit, misfit]]) => [chain, { fit, misfit }]));
}

/** The decisions on suppliers by key (`KIND:id`), for documents read with their texts (a supplier analysed anew). */
export async function supplierOutcomes(tx: Tx, ids: Record<SupplierKind, number[]>): Promise<Map<string, Record<string, ChainOutcome>>> {
  const kinds: string[] = [];
  const list: number[] = [];
  for (const [kind, of] of Object.entries(ids)) for (const id of of) (kinds.push(kind), list.push(id));
  if (!list.length) return new Map();
  const rows = await tx.$queryRaw<Array<{ kind: string; id: number; outcomes: OutcomesJson }>>`
    ${outcomesSql(P.sql`SELECT * FROM unnest(${kinds}::text[], ${list}::int[]) AS q(kind, id)`)}`;
  return new Map(rows.map((r) => [`${r.kind}:${r.id}`, chainOutcomes(r.outcomes)!]));
}

/** One decided match for a fit of the weights (engine/learn-weights.ts Decision): its breakdown as last scored. */
export interface RecordedDecision {
  breakdown: ScoreComponent[];
  fit: boolean;
  at: Date;
}

/**
 * Every decided match, by the rules of `outcomesSql`, with its breakdown as last scored and when it was decided (the
 * status change, or the OUT_OF_SCOPE decline's answer). For `npm run learn:weights`: one full read, not a request path.
 */
export async function recordedDecisions(tx: Pick<Tx, "$queryRaw">): Promise<RecordedDecision[]> {
  const rows = await tx.$queryRaw<Array<{ breakdown: ScoreComponent[]; at: Date; misfit: boolean }>>`
    SELECT m.breakdown, coalesce(i."answeredAt", m."statusChangedAt", m."updatedAt") AS at,
      ((m.status = 'REJECTED' AND m."statusReasonCode" = 'OUT_OF_SCOPE') OR (m.status <> 'REJECTED' AND i.id IS NOT NULL)) AS misfit
    FROM "Match" m LEFT JOIN LATERAL (
      SELECT id, "answeredAt" FROM "Invitation" WHERE "matchId" = m.id AND status = 'DECLINED' AND "declineCode" = 'OUT_OF_SCOPE' ORDER BY id LIMIT 1
    ) i ON true
    WHERE m.status IN ('CONTACTED', 'ACCEPTED', 'DOCKED') OR (m.status = 'REJECTED' AND m."statusReasonCode" = 'OUT_OF_SCOPE')
    ORDER BY 2, m.id`;
  return rows.map((r) => ({ breakdown: r.breakdown, at: new Date(r.at), fit: !r.misfit }));
}
