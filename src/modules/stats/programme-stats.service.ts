import { Prisma as P } from "../../generated/prisma/client";
import type { Prisma } from "../../infra/db/database";
import { toGlobalId } from "../../infra/relay/global-id";
import { DESIGNATION_NAMES, DealStatsQueries } from "./deal-stats";
import { IndicatorQueries } from "./indicators";
import { ResponseTimeQueries } from "./response-times";
import type { DimensionStat, DurationStat, FunnelStage, PlatformStat, SocietyStat } from "./stats.type";

/** A statistics window: from inclusive (null: since the beginning), to exclusive. */
export interface Window {
  from: Date | null;
  to: Date;
}

const EPOCH = new Date("1970-01-01T00:00:00Z");
export const MAX_TREND_MONTHS = 120;

/** Funnel stages, in order. A need's stage is the furthest it reached; a stage counts every need at it or beyond. */
export const FUNNEL = [
  { stage: "POSTED", label: "发布需求" },
  { stage: "MATCHED", label: "智能匹配" },
  { stage: "RESPONDED", label: "学会响应" },
  { stage: "DOCKING", label: "对接洽谈" },
  { stage: "DEAL", label: "达成合作" },
] as const;


type DimRow = Omit<DimensionStat, never>;

/**
 * Programme statistics for analysts (issue 7 item 1). Everything is aggregated in SQL (GROUP BY, FILTER,
 * percentile_cont, generate_series); no method loads rows to count them in JavaScript.
 *
 * Definitions: a need is *posted* when its status is not DRAFT; it falls in the window by
 * coalesce(openedAt, createdAt). Its stage: DEAL when a Deal was recorded for it (nothing else: an accepted
 * response or a docked match is not a deal, issue 27); DOCKING when dockedAt is set, its status is IN_DOCKING /
 * RESOLVED, a match is ACCEPTED / DOCKED / CLOSED or a response ACCEPTED; RESPONDED with a response; MATCHED with a
 * match; else POSTED.
 */
export class ProgrammeStatsService {
  /** The value and count of deals (issue 27). */
  readonly deals: DealStatsQueries;
  /** The plan's indicators against their targets (issue 27: targets are data). */
  readonly indicators: IndicatorQueries;
  /** Time to the first response per society and chain, and the share answered within 48 hours. */
  readonly responseTimes: ResponseTimeQueries;

  constructor(
    private readonly prisma: Prisma,
    /** HUB_TIME_ZONE: months and days are counted there. */
    readonly timeZone: string,
  ) {
    this.deals = new DealStatsQueries(prisma, timeZone);
    this.indicators = new IndicatorQueries(prisma, timeZone);
    this.responseTimes = new ResponseTimeQueries(prisma);
  }

  /** The needs of the window with their per-need counts and funnel stage (0–4), as a CTE named `per`. */
  private perNeed(w: Window): P.Sql {
    const from = w.from ?? EPOCH;
    return P.sql`
      WITH win AS (
        SELECT n.id, n."chainCode", n."enterpriseId", n.status, n."dockedAt"
        FROM "TechNeed" n
        WHERE n.status <> 'DRAFT'
          AND coalesce(n."openedAt", n."createdAt") >= ${from}::timestamp
          AND coalesce(n."openedAt", n."createdAt") < ${w.to}::timestamp
      ), m AS (
        SELECT m."needId",
          count(*)::int AS matches,
          count(*) FILTER (WHERE m.status IN ('ACCEPTED', 'DOCKED', 'CLOSED'))::int AS accepted,
          count(*) FILTER (WHERE m.status = 'DOCKED')::int AS docked
        FROM "Match" m JOIN win ON win.id = m."needId" GROUP BY m."needId"
      ), r AS (
        SELECT r."needId",
          count(*)::int AS responses,
          count(*) FILTER (WHERE r.status = 'ACCEPTED')::int AS accepted
        FROM "Response" r JOIN win ON win.id = r."needId" GROUP BY r."needId"
      ), d AS (
        SELECT DISTINCT d."needId" FROM "Deal" d JOIN win ON win.id = d."needId" AND d."voidedAt" IS NULL
      ), per AS (
        SELECT win.id, win."chainCode", win."enterpriseId", win.status,
          coalesce(m.matches, 0) AS matches, coalesce(m.accepted, 0) AS accepted_matches,
          coalesce(r.responses, 0) AS responses, coalesce(r.accepted, 0) AS accepted_responses,
          CASE
            WHEN d."needId" IS NOT NULL THEN 4
            WHEN win."dockedAt" IS NOT NULL OR win.status IN ('IN_DOCKING', 'RESOLVED') OR coalesce(m.accepted, 0) > 0
              OR coalesce(r.accepted, 0) > 0 THEN 3
            WHEN coalesce(r.responses, 0) > 0 THEN 2
            WHEN coalesce(m.matches, 0) > 0 THEN 1
            ELSE 0
          END AS stage
        FROM win LEFT JOIN m ON m."needId" = win.id LEFT JOIN r ON r."needId" = win.id LEFT JOIN d ON d."needId" = win.id
      )`;
  }

  private static readonly AGGREGATES = P.sql`
      count(per.id)::int AS needs,
      count(per.id) FILTER (WHERE per.status = 'OPEN')::int AS "openNeeds",
      count(per.id) FILTER (WHERE per.status = 'RESOLVED')::int AS "resolvedNeeds",
      coalesce(sum(per.matches), 0)::int AS matches,
      coalesce(sum(per.accepted_matches), 0)::int AS "acceptedMatches",
      coalesce(sum(per.responses), 0)::int AS responses,
      coalesce(sum(per.accepted_responses), 0)::int AS "acceptedResponses",
      count(per.id) FILTER (WHERE per.stage = 4)::int AS deals`;

  async byIndustryChain(w: Window): Promise<DimensionStat[]> {
    return this.prisma.$queryRaw<DimRow[]>`${this.perNeed(w)}
      SELECT c.code AS key, c.name,
        (SELECT count(*) FROM "EnterpriseChain" ec WHERE ec."chainCode" = c.code)::int AS enterprises,
        ${ProgrammeStatsService.AGGREGATES}
      FROM "IndustryChain" c LEFT JOIN per ON per."chainCode" = c.code
      GROUP BY c.code, c.name, c."sortOrder" ORDER BY c."sortOrder", c.code`;
  }

  async byRegion(w: Window): Promise<DimensionStat[]> {
    return this.prisma.$queryRaw<DimRow[]>`${this.perNeed(w)}
      SELECT g.code AS key, g.name,
        (SELECT count(*) FROM "Enterprise" e WHERE e."regionCode" = g.code)::int AS enterprises,
        ${ProgrammeStatsService.AGGREGATES}
      FROM "Region" g
        LEFT JOIN "Enterprise" e ON e."regionCode" = g.code
        LEFT JOIN per ON per."enterpriseId" = e.id
      GROUP BY g.code, g.name, g."sortOrder" ORDER BY g."sortOrder", g.code`;
  }

  async byDesignation(w: Window): Promise<DimensionStat[]> {
    const rows = await this.prisma.$queryRaw<DimRow[]>`${this.perNeed(w)}
      SELECT d::text AS key, d::text AS name,
        (SELECT count(*) FROM "Enterprise" e2 WHERE d = ANY(e2.designations))::int AS enterprises,
        ${ProgrammeStatsService.AGGREGATES}
      FROM unnest(enum_range(NULL::"EnterpriseDesignation")) AS d
        LEFT JOIN "Enterprise" e ON d = ANY(e.designations)
        LEFT JOIN per ON per."enterpriseId" = e.id
      GROUP BY d ORDER BY d`;
    return rows.map((r) => ({ ...r, name: DESIGNATION_NAMES[r.key] ?? r.key }));
  }

  async funnel(w: Window): Promise<FunnelStage[]> {
    const [row] = await this.prisma.$queryRaw<Array<{ s0: number; s1: number; s2: number; s3: number; s4: number }>>`${this.perNeed(w)}
      SELECT count(*)::int AS s0,
        count(*) FILTER (WHERE stage >= 1)::int AS s1,
        count(*) FILTER (WHERE stage >= 2)::int AS s2,
        count(*) FILTER (WHERE stage >= 3)::int AS s3,
        count(*) FILTER (WHERE stage >= 4)::int AS s4
      FROM per`;
    const counts = [row!.s0, row!.s1, row!.s2, row!.s3, row!.s4];
    return FUNNEL.map((f, i) => ({
      ...f,
      needs: counts[i]!,
      conversionFromPrevious: i === 0 ? null : ratio(counts[i]!, counts[i - 1]!),
      conversionFromStart: ratio(counts[i]!, counts[0]!),
    }));
  }

  responseTime(w: Window): Promise<DurationStat> {
    return this.duration(w, P.sql`"firstResponseAt"`);
  }

  dockingTime(w: Window): Promise<DurationStat> {
    return this.duration(w, P.sql`"dockedAt"`);
  }

  private async duration(w: Window, end: P.Sql): Promise<DurationStat> {
    const from = w.from ?? EPOCH;
    const [row] = await this.prisma.$queryRaw<Array<{ count: number; median: number | null; p90: number | null; avg: number | null }>>`
      WITH d AS (
        SELECT extract(epoch FROM (n.${end} - n."openedAt"))::float8 / 3600 AS hours
        FROM "TechNeed" n
        WHERE n.status <> 'DRAFT' AND n."openedAt" IS NOT NULL AND n.${end} IS NOT NULL
          AND n."openedAt" >= ${from}::timestamp AND n."openedAt" < ${w.to}::timestamp
      )
      SELECT count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90,
        avg(hours)::float8 AS avg
      FROM d`;
    return { count: row!.count, medianHours: num(row!.median), p90Hours: num(row!.p90), averageHours: num(row!.avg) };
  }

  async societies(w: Window, limit: number): Promise<SocietyStat[]> {
    const from = w.from ?? EPOCH;
    const rows = await this.prisma.$queryRaw<Array<Omit<SocietyStat, "societyId" | "rank"> & { id: number; rank: bigint | number }>>`
      WITH r AS (
        SELECT "societyId", count(*)::int AS responses, count(*) FILTER (WHERE status = 'ACCEPTED')::int AS accepted
        FROM "Response" WHERE "createdAt" >= ${from}::timestamp AND "createdAt" < ${w.to}::timestamp GROUP BY "societyId"
      ), s AS (
        SELECT "societyId", count(*)::int AS records, count(DISTINCT "enterpriseId")::int AS enterprises, sum(hours)::float8 AS hours
        FROM "ServiceRecord"
        WHERE "confirmedAt" IS NOT NULL AND "servedOn" >= ${from}::timestamp AND "servedOn" < ${w.to}::timestamp GROUP BY "societyId"
      ), m AS (
        SELECT "supplierId" AS "societyId", count(*)::int AS matches
        FROM "Match" WHERE "supplierKind" = 'SOCIETY' AND "createdAt" >= ${from}::timestamp AND "createdAt" < ${w.to}::timestamp GROUP BY "supplierId"
      )
      SELECT so.id, so.name,
        coalesce(r.responses, 0) AS responses, coalesce(r.accepted, 0) AS "acceptedResponses",
        coalesce(s.records, 0) AS "serviceRecords", coalesce(s.enterprises, 0) AS "enterprisesServed", coalesce(s.hours, 0) AS "serviceHours",
        coalesce(m.matches, 0) AS matches,
        rank() OVER (ORDER BY coalesce(r.accepted, 0) DESC, coalesce(r.responses, 0) DESC, coalesce(s.records, 0) DESC) AS rank
      FROM "Society" so
        LEFT JOIN r ON r."societyId" = so.id LEFT JOIN s ON s."societyId" = so.id LEFT JOIN m ON m."societyId" = so.id
      WHERE so.active
      ORDER BY rank, so.name, so.id
      LIMIT ${limit}`;
    return rows.map(({ id, rank, ...r }) => ({ ...r, rank: Number(rank), societyId: toGlobalId("Society", id) }));
  }

  async platforms(w: Window, limit: number): Promise<PlatformStat[]> {
    const from = w.from ?? EPOCH;
    const rows = await this.prisma.$queryRaw<Array<Omit<PlatformStat, "platformId"> & { id: number }>>`
      SELECT p.id, p.name, p.kind::text AS kind,
        count(m.id)::int AS matches,
        count(m.id) FILTER (WHERE m.status IN ('ACCEPTED', 'DOCKED', 'CLOSED'))::int AS "acceptedMatches",
        count(m.id) FILTER (WHERE m.status = 'DOCKED')::int AS "dockedMatches"
      FROM "InnovationPlatform" p
        LEFT JOIN "Match" m ON m."supplierKind" = 'PLATFORM' AND m."supplierId" = p.id AND m."createdAt" >= ${from}::timestamp AND m."createdAt" < ${w.to}::timestamp
      WHERE p.active
      GROUP BY p.id, p.name, p.kind
      ORDER BY matches DESC, "acceptedMatches" DESC, p.name, p.id
      LIMIT ${limit}`;
    return rows.map(({ id, ...r }) => ({ ...r, platformId: toGlobalId("InnovationPlatform", id) }));
  }
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
