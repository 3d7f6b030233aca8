import { sql } from "kysely";
import type { Prisma } from "../../infra/db/database";
import { db, rows } from "../../infra/db/sql";

export interface ChainCounts {
  code: string;
  name: string;
  /** Posted needs (drafts are not counted). */
  needs: number;
  open: number;
  resolved: number;
  /** Matches of posted needs. */
  matches: number;
}

/** Each industry chain, in the plan's order, with its needs and matches counted (hubStats). */
export function chainCounts(prisma: Prisma): Promise<ChainCounts[]> {
  const count = sql<number>`count(*)::int`;
  const query = db
    .selectFrom("IndustryChain as c")
    .select(["c.code", "c.name"])
    .select((eb) => [
      eb.selectFrom("TechNeed as n").select(count.as("n")).whereRef("n.chainCode", "=", "c.code").where("n.status", "<>", "DRAFT").as("needs"),
      eb.selectFrom("TechNeed as n").select(count.as("n")).whereRef("n.chainCode", "=", "c.code").where("n.status", "=", "OPEN").as("open"),
      eb.selectFrom("TechNeed as n").select(count.as("n")).whereRef("n.chainCode", "=", "c.code").where("n.status", "=", "RESOLVED").as("resolved"),
      eb
        .selectFrom("Match as m")
        .innerJoin("TechNeed as n", "n.id", "m.needId")
        .select(count.as("n"))
        .whereRef("n.chainCode", "=", "c.code")
        .where("n.status", "<>", "DRAFT")
        .as("matches"),
    ])
    .orderBy("c.sortOrder");
  return rows(prisma, query) as Promise<ChainCounts[]>;
}
