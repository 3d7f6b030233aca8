import { Prisma as P } from "../../generated/prisma/client";
import type { SupplierKind } from "../../generated/prisma/enums";
import type { PrismaTypes } from "../../infra/db/rows";
import { badInput, notFound } from "../../infra/errors";
import { expertEngagements, openEngagementCounts } from "./engagement.queries";
import { ENGAGED_MATCH_STATUSES } from "./statuses";

// What an engagement is (the statuses): statuses.ts; the open engagements of experts as rows: engagement.queries.ts.
export { ENGAGED_MATCH_STATUSES, OPEN_NEED_STATUSES } from "./statuses";

/** Experts whose open engagements reach their capacity (counts every engagement: see CapacityCache). */
const expertsAtCapacity = P.sql`(
  SELECT x.id FROM "Expert" x
    JOIN (SELECT "expertId", count(*) AS open FROM ${expertEngagements} eng GROUP BY "expertId") c ON c."expertId" = x.id
    WHERE c.open >= x.capacity
)`;

/**
 * The experts at capacity as last counted, with the EngagementEpoch they were counted at. Counting every engagement
 * for every posted need cost more than the rest of the candidate search; the set changes only when an engagement
 * starts or ends (triggers give the epoch a new value at each such commit), so a hub keeps the set and counts again
 * only when the epoch moved, or when its own transaction changed an engagement (hub.engagement_changed). One per
 * database, as the matching service's vector cache; each instance keeps its own, the epoch keeps them right.
 */
export interface CapacityCache {
  epoch: string | null;
  ids: number[];
}

export const newCapacityCache = (): CapacityCache => ({ epoch: null, ids: [] });

/**
 * Common table expressions (to follow others in a WITH) ending in `unavailable`: the experts not offered new matches at
 * `at`: at capacity (the cached set while the epoch holds, else counted afresh), or outside their availableFrom..
 * availableTo. `capacityCacheRefresh` reads what the statement saw, for `refreshCapacityCache`.
 */
export function unavailableExpertsCtes(at: Date, cache: CapacityCache): P.Sql {
  const reuse = P.sql`coalesce((SELECT e.epoch::text = ${cache.epoch}::text AND NOT e.dirty FROM engagement_epoch e), false)`;
  return P.sql`engagement_epoch AS MATERIALIZED (
      SELECT epoch, coalesce(current_setting('hub.engagement_changed', true) = 'on', false) AS dirty FROM "EngagementEpoch" WHERE id = 1
    ),
    at_capacity AS MATERIALIZED (
      SELECT unnest(${cache.ids}::int[]) AS id WHERE ${reuse}
      UNION ALL
      SELECT a.id FROM ${expertsAtCapacity} a WHERE NOT ${reuse}
    ),
    unavailable AS MATERIALIZED (
      SELECT id FROM at_capacity
      UNION
      SELECT x.id FROM "Expert" x
        WHERE (x."availableFrom" IS NOT NULL AND x."availableFrom" > ${at}::timestamp(3)) OR (x."availableTo" IS NOT NULL AND x."availableTo" < ${at}::timestamp(3))
    )`;
}

/** One text column (after unavailableExpertsCtes): the epoch, whether this transaction changed engagements, the set. */
export const capacityCacheRefresh = P.sql`json_build_array(
  (SELECT epoch::text FROM engagement_epoch), coalesce((SELECT dirty FROM engagement_epoch), true), (SELECT coalesce(json_agg(id), '[]'::json) FROM at_capacity)
)::text`;

/** Keeps what a statement counted, unless its transaction had changed engagements (others must not see that yet). */
export function refreshCapacityCache(cache: CapacityCache, seen: string): void {
  const [epoch, dirty, ids] = JSON.parse(seen) as [string | null, boolean, number[]];
  if (dirty || epoch === null || epoch === cache.epoch) return;
  cache.epoch = epoch;
  cache.ids = ids;
}

/** Needs someone is working on (not stale while so), as a Prisma rule. */
export function engagedNeeds(): PrismaTypes.TechNeedWhereInput {
  return {
    OR: [
      { responses: { some: { status: "ACCEPTED" } } },
      { matches: { some: { status: { in: ENGAGED_MATCH_STATUSES } } } },
      { invitations: { some: { status: "ACCEPTED" } } },
    ],
  };
}

/** The same rule in SQL for the need aliased `need` (a boolean expression). */
export function needEngagedSql(alias: string): P.Sql {
  const need = P.raw(`"${alias}"`);
  return P.sql`(EXISTS (SELECT 1 FROM "Response" r WHERE r."needId" = ${need}.id AND r.status = 'ACCEPTED')
    OR EXISTS (SELECT 1 FROM "Match" m WHERE m."needId" = ${need}.id AND m.status IN ('ACCEPTED', 'DOCKED'))
    OR EXISTS (SELECT 1 FROM "Invitation" i WHERE i."needId" = ${need}.id AND i.status = 'ACCEPTED')
  )`;
}

type Tx = PrismaTypes.TransactionClient;

/** Why an expert is not available at `at` (null when available): at capacity, or outside its availability window. */
export function unavailability(expert: { capacity: number; availableFrom: Date | null; availableTo: Date | null }, openEngagements: number, at: Date): string | null {
  if (expert.availableFrom && expert.availableFrom > at) return `The expert is available from ${expert.availableFrom.toISOString()} only`;
  if (expert.availableTo && expert.availableTo < at) return `The expert was available until ${expert.availableTo.toISOString()} only`;
  if (openEngagements >= expert.capacity) return `The expert is at capacity (${openEngagements}/${expert.capacity} open engagements)`;
  return null;
}

/** An expert's open engagements (one statement). */
export async function openEngagementsOf(tx: Tx, expertId: number): Promise<number> {
  return (await openEngagementCounts(tx, [expertId])).get(expertId) ?? 0;
}

/**
 * Rejects (BAD_USER_INPUT on `field`, saying why) a supplier that cannot take new work now: an expert at capacity or
 * outside its availability. Platforms and societies have no capacity (yet): always available. For the invitation
 * code: call it inside the transaction that writes the invitation.
 */
export async function assertAvailable(tx: Tx, supplier: { kind: SupplierKind; id: number }, field = "supplierId", at = new Date()): Promise<void> {
  const why = await whyUnavailable(tx, supplier, at);
  if (why) throw badInput(field, why);
}

/** Why a supplier cannot take new work at `at`, or null (see assertAvailable). */
export async function whyUnavailable(tx: Tx, supplier: { kind: SupplierKind; id: number }, at = new Date()): Promise<string | null> {
  if (supplier.kind !== "EXPERT") return null;
  const expert = await tx.expert.findUnique({ where: { id: supplier.id }, select: { capacity: true, availableFrom: true, availableTo: true } });
  if (!expert) throw notFound("Expert");
  return unavailability(expert, await openEngagementsOf(tx, supplier.id), at);
}
