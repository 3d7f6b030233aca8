import { sql } from "kysely";
import { Prisma as P } from "../../generated/prisma/client";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { db, rows } from "../../infra/db/sql";
import { ENGAGED_MATCH_STATUSES, OPEN_NEED_STATUSES } from "./statuses";

// The reads of experts' engagements, in the typed SQL builder (infra/db/sql.ts).

/**
 * The open engagements of experts as rows ("expertId", "needId"), one per expert and need (an expert engaged on a need
 * twice, through a response and a match, counts once): an ACCEPTED response offering the expert, an ACCEPTED / DOCKED
 * match or an ACCEPTED invitation of the expert, on a need still worked on. Its values are literals (no bound
 * parameters), so the same text also goes into the matcher's statements (`expertEngagements`).
 */
const engagementRows = db
  .selectFrom((eb) =>
    eb
      .selectFrom("Response as r")
      .innerJoin("ResponseExpert as re", "re.responseId", "r.id")
      .select(["re.expertId as expertId", "r.needId as needId"])
      .where("r.status", "=", sql.lit("ACCEPTED"))
      .unionAll(
        eb
          .selectFrom("Match as m")
          .select(["m.supplierId as expertId", "m.needId as needId"])
          .where("m.supplierKind", "=", sql.lit("EXPERT"))
          .where("m.status", "in", ENGAGED_MATCH_STATUSES.map((s) => sql.lit(s))),
      )
      .unionAll(
        eb
          .selectFrom("Invitation as i")
          .select(["i.supplierId as expertId", "i.needId as needId"])
          .where("i.supplierKind", "=", sql.lit("EXPERT"))
          .where("i.status", "=", sql.lit("ACCEPTED")),
      )
      .as("e"),
  )
  .innerJoin("TechNeed as n", (join) => join.onRef("n.id", "=", "e.needId").on("n.status", "in", OPEN_NEED_STATUSES.map((s) => sql.lit(s))))
  .select(["e.expertId", "e.needId"])
  .distinct();

const compiled = engagementRows.compile();
if (compiled.parameters.length) throw new Error("engagementRows must be all literals: it is spliced into the matcher's SQL");

/** `engagementRows` as an SQL value for the statements written by hand (the candidate search's capacity, engagement.ts). */
export const expertEngagements = P.raw(`(${compiled.sql})`);

type Db = Prisma | PrismaTypes.TransactionClient;

/** Each expert's open engagements among `expertIds` (experts without any are left out): one statement. */
export async function openEngagementCounts(prisma: Db, expertIds: readonly number[]): Promise<Map<number, number>> {
  const found = await rows(
    prisma,
    db
      .selectFrom(engagementRows.as("eng"))
      .select(["eng.expertId", sql<number>`count(*)::int`.as("open")])
      .where("eng.expertId", "=", expertIds.length === 1 ? sql<number>`${expertIds[0]}` : sql<number>`any(${[...expertIds]}::int[])`)
      .groupBy("eng.expertId"),
  );
  return new Map(found.map((r) => [r.expertId, r.open]));
}
