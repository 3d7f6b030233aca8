import { Prisma as P } from "../../generated/prisma/client";
import type { MatchStatus, NeedStatus, SupplierKind } from "../../generated/prisma/enums";
import type { PrismaTypes } from "../../infra/db/rows";
import { badInput, notFound } from "../../infra/errors";

/**
 * An engagement: a supplier working on a need that is still open. Today that is an ACCEPTED response (each of its
 * experts, and its society) or an ACCEPTED / DOCKED match; an engagement ends when its need is resolved, closed or
 * expired, or its response / match leaves those statuses (withdrawn, declined, rejected, closed).
 *
 * Accepted invitations on open needs are engagements too (accepting one also moves its match to ACCEPTED; they are
 * named here all the same, so an engagement does not hang on that step).
 */
export const ENGAGED_MATCH_STATUSES: MatchStatus[] = ["ACCEPTED", "DOCKED"];
/** The need statuses in which an engagement is open (the need is still worked on). */
export const OPEN_NEED_STATUSES: NeedStatus[] = ["OPEN", "IN_DOCKING"];

/**
 * The open engagements of experts as SQL rows ("expertId", "needId"), one per expert and need (an expert engaged on
 * a need twice, through a response and a match, counts once). For capacity (Expert.openEngagements, matching).
 */
export const expertEngagements = P.sql`(
  SELECT DISTINCT e."expertId", e."needId" FROM (
    SELECT re."expertId", r."needId" FROM "Response" r JOIN "ResponseExpert" re ON re."responseId" = r.id WHERE r.status = 'ACCEPTED'
    UNION ALL
    SELECT m."expertId", m."needId" FROM "Match" m WHERE m."expertId" IS NOT NULL AND m.status IN ('ACCEPTED', 'DOCKED')
    UNION ALL
    SELECT i."expertId", i."needId" FROM "Invitation" i WHERE i."expertId" IS NOT NULL AND i.status = 'ACCEPTED'
  ) e JOIN "TechNeed" n ON n.id = e."needId" AND n.status IN ('OPEN', 'IN_DOCKING')
)`;

/**
 * The experts that are not offered new matches at `at`: at capacity, or outside their availableFrom..availableTo.
 * One statement part (no query per candidate): the engaged experts are few, the availability columns are read only
 * for experts that set them.
 */
export function unavailableExperts(at: Date): P.Sql {
  return P.sql`(
    SELECT x.id FROM "Expert" x
      JOIN (SELECT "expertId", count(*) AS open FROM ${expertEngagements} eng GROUP BY "expertId") c ON c."expertId" = x.id
      WHERE c.open >= x.capacity
    UNION
    SELECT x.id FROM "Expert" x
      WHERE (x."availableFrom" IS NOT NULL AND x."availableFrom" > ${at}::timestamp(3)) OR (x."availableTo" IS NOT NULL AND x."availableTo" < ${at}::timestamp(3))
  )`;
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
  const [row] = await tx.$queryRaw<Array<{ open: number }>>`SELECT count(*)::int AS open FROM ${expertEngagements} eng WHERE eng."expertId" = ${expertId}`;
  return row.open;
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
