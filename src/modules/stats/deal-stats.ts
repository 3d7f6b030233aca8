import { Prisma as P } from "../../generated/prisma/client";
import type { Prisma } from "../../infra/db/database";
import { toGlobalId } from "../../infra/relay/global-id";
import { localOf, monthSeries } from "./local-time";
import type { DealGroupStat, DurationStat } from "./stats.type";

interface Window {
  from: Date | null;
  to: Date;
}

const EPOCH = new Date("1970-01-01T00:00:00Z");
const MAX_MONTHS = 120;

export const DESIGNATION_NAMES: Record<string, string> = {
  INNOVATION_LEADER: "创新龙头企业",
  GAZELLE: "瞪羚企业",
  TECH_SME: "科技型中小企业",
  HIGH_TECH: "高新技术企业",
  ABOVE_SCALE: "规上工业企业",
  SPECIALIZED_NEW: "专精特新企业",
};

type Row = { key: string; name: string; deals: number; value: unknown; awardValue: unknown };

/**
 * Deals (成交) and their value (成交额), all in SQL. A deal falls in the window, and in a month (HUB_TIME_ZONE), by
 * the day its contract was signed, else the day it was recorded. Money is summed as NUMERIC: no overflow, no float.
 */
export class DealStatsQueries {
  constructor(
    private readonly prisma: Prisma,
    private readonly tz: string,
  ) {}

  /** The window's deals with what they are grouped by, as a CTE named `d`. */
  private deals(w: Window): P.Sql {
    return P.sql`d AS (
      SELECT d.id, d."needId", coalesce(d.value, 0) AS value, -- 揭榜挂帅: an award counts as paid once its acceptance (验收) passed (modules/challenge)
        CASE WHEN d.mode <> 'CHALLENGE_AWARD' OR EXISTS (SELECT 1 FROM "ChallengeAcceptance" ca WHERE ca."dealId" = d.id AND ca.passed)
          THEN coalesce(d."awardValue", 0) ELSE 0 END AS "awardValue",
        coalesce(d."signedOn", d."createdAt") AS at, n."chainCode", e."regionCode", e.designations,
        coalesce(r."societyId", CASE WHEN m."supplierKind" = 'SOCIETY' THEN m."supplierId" END) AS "societyId"
      FROM "Deal" d
        JOIN "TechNeed" n ON n.id = d."needId"
        JOIN "Enterprise" e ON e.id = n."enterpriseId"
        LEFT JOIN "Response" r ON r.id = d."responseId"
        LEFT JOIN "Match" m ON m.id = d."matchId"
      WHERE d."voidedAt" IS NULL AND coalesce(d."signedOn", d."createdAt") >= ${w.from ?? EPOCH}::timestamp AND coalesce(d."signedOn", d."createdAt") < ${w.to}::timestamp)`;
  }

  private static readonly SUMS = P.sql`count(d.id)::int AS deals, coalesce(sum(d.value), 0)::numeric(16,2)::text AS value,
    coalesce(sum(d."awardValue"), 0)::numeric(16,2)::text AS "awardValue"`;

  async totals(w: Window): Promise<Omit<DealGroupStat, "key" | "name">> {
    const [row] = await this.prisma.$queryRaw<Row[]>`WITH ${this.deals(w)} SELECT ${DealStatsQueries.SUMS} FROM d`;
    return { deals: row!.deals, value: row!.value, awardValue: row!.awardValue };
  }

  byIndustryChain(w: Window): Promise<DealGroupStat[]> {
    return this.prisma.$queryRaw<Row[]>`WITH ${this.deals(w)}
      SELECT c.code AS key, c.name, ${DealStatsQueries.SUMS}
      FROM "IndustryChain" c LEFT JOIN d ON d."chainCode" = c.code
      GROUP BY c.code, c.name, c."sortOrder" ORDER BY c."sortOrder", c.code`;
  }

  byRegion(w: Window): Promise<DealGroupStat[]> {
    return this.prisma.$queryRaw<Row[]>`WITH ${this.deals(w)}
      SELECT g.code AS key, g.name, ${DealStatsQueries.SUMS}
      FROM "Region" g LEFT JOIN d ON d."regionCode" = g.code
      GROUP BY g.code, g.name, g."sortOrder" ORDER BY g."sortOrder", g.code`;
  }

  async byDesignation(w: Window): Promise<DealGroupStat[]> {
    const rows = await this.prisma.$queryRaw<Row[]>`WITH ${this.deals(w)}
      SELECT x::text AS key, x::text AS name, ${DealStatsQueries.SUMS}
      FROM unnest(enum_range(NULL::"EnterpriseDesignation")) AS x LEFT JOIN d ON x = ANY(d.designations)
      GROUP BY x ORDER BY x`;
    return rows.map((r) => ({ ...r, name: DESIGNATION_NAMES[r.key] ?? r.key }));
  }

  /** Societies with deals from their responses or their own matches, by value. */
  async bySociety(w: Window): Promise<DealGroupStat[]> {
    const rows = await this.prisma.$queryRaw<Array<Row & { id: number }>>`WITH ${this.deals(w)}
      SELECT s.id, s.name, ${DealStatsQueries.SUMS}
      FROM d JOIN "Society" s ON s.id = d."societyId"
      GROUP BY s.id, s.name ORDER BY sum(d.value) DESC, count(d.id) DESC, s.name, s.id`;
    return rows.map(({ id, ...r }) => ({ ...r, key: toGlobalId("Society", id) }));
  }

  /** Every month of the window in HUB_TIME_ZONE (the 12 up to its end when it has no start), months without deals too. */
  byMonth(w: Window): Promise<DealGroupStat[]> {
    return this.prisma.$queryRaw<Row[]>`WITH ${this.deals(w)}, ${monthSeries(w.from, w.to, this.tz, MAX_MONTHS)}
      SELECT to_char(months.m, 'YYYY-MM') AS key, to_char(months.m, 'YYYY-MM') AS name, ${DealStatsQueries.SUMS}
      FROM months LEFT JOIN d ON date_trunc('month', ${localOf(P.sql`d.at`, this.tz)}) = months.m
      GROUP BY months.m ORDER BY months.m`;
  }

  /** Posting (openedAt, else createdAt) to the need's first deal, over needs whose first deal falls in the window. */
  async timeToDeal(w: Window): Promise<DurationStat> {
    const [row] = await this.prisma.$queryRaw<Array<{ count: number; median: number | null; p90: number | null; avg: number | null }>>`
      WITH first AS (
        SELECT d."needId", min(d."createdAt") AS at FROM "Deal" d WHERE d."voidedAt" IS NULL GROUP BY d."needId"
      ), t AS (
        SELECT greatest(extract(epoch FROM (first.at - coalesce(n."openedAt", n."createdAt"))), 0)::float8 / 3600 AS hours
        FROM first JOIN "TechNeed" n ON n.id = first."needId"
        WHERE first.at >= ${w.from ?? EPOCH}::timestamp AND first.at < ${w.to}::timestamp
      )
      SELECT count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90,
        avg(hours)::float8 AS avg
      FROM t`;
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return { count: row!.count, medianHours: num(row!.median), p90Hours: num(row!.p90), averageHours: num(row!.avg) };
  }
}
