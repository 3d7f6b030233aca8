import { Prisma as P } from "../../generated/prisma/client";
import type { Prisma } from "../../infra/db/database";
import { monthSeries, utcOf } from "./local-time";
import type { Indicator, MonthValue } from "./stats.type";

interface Window {
  from: Date | null;
  to: Date;
}

export const MAX_TREND_MONTHS = 120;

/** The plan's indicators (科创南阳 2023–2025); their targets are rows of IndicatorTarget, seeded and set by ADMIN. */
export const INDICATORS = [
  {
    key: "KCZG_ENTITIES",
    name: "入驻“科创中国”平台的创新主体",
    description: "力争到2025年底实现我市100家创新主体入驻“科创中国”平台（任务3）：入驻的企业与在用创新平台，按入驻日期累计。",
    unit: "家",
  },
  {
    key: "SOCIETIES_ENGAGED",
    name: "参与“百会链千企”的学会",
    description: "“百会链千企”之“百会”：响应过需求或有经企业确认的服务记录的学会、企业科协、行业协会，按首次参与累计。",
    unit: "个",
  },
  {
    key: "ENTERPRISES_LINKED",
    name: "学会链接服务的企业",
    description: "“百会链千企”之“千企”：获得经确认的学会服务记录或需求获得学会响应的企业，按首次链接累计。",
    unit: "家",
  },
] as const;

export type IndicatorKey = (typeof INDICATORS)[number]["key"];

export function isIndicatorKey(key: string): key is IndicatorKey {
  return INDICATORS.some((i) => i.key === key);
}

/** `alias."regionCode" = region`, or TRUE for the whole programme. */
function inRegion(alias: string, region: string | null): P.Sql {
  return region === null ? P.sql`TRUE` : P.sql`${P.raw(`${alias}."regionCode"`)} = ${region}`;
}

/** Each indicator's entities with the time they first counted, as a CTE named `firsts (at)`; a county's only with `region`. */
function firsts(key: IndicatorKey, region: string | null): P.Sql {
  switch (key) {
    case "KCZG_ENTITIES":
      return P.sql`firsts AS (
        SELECT coalesce(e."kczgSince", e."createdAt") AS at FROM "Enterprise" e WHERE e."onKczg" AND ${inRegion("e", region)}
        UNION ALL
        SELECT coalesce(p."kczgSince", p."createdAt") AS at FROM "InnovationPlatform" p WHERE p."onKczg" AND p.active AND ${inRegion("p", region)})`;
    case "SOCIETIES_ENGAGED":
      return P.sql`firsts AS (
        SELECT min(at) AS at FROM (
          SELECT r."societyId" AS id, r."createdAt" AS at FROM "Response" r
            JOIN "TechNeed" n ON n.id = r."needId" JOIN "Enterprise" e ON e.id = n."enterpriseId" WHERE ${inRegion("e", region)}
          UNION ALL SELECT s."societyId", s."servedOn" FROM "ServiceRecord" s JOIN "Enterprise" e ON e.id = s."enterpriseId"
            WHERE s."confirmedAt" IS NOT NULL AND ${inRegion("e", region)}) a GROUP BY id)`;
    case "ENTERPRISES_LINKED":
      return P.sql`firsts AS (
        SELECT min(at) AS at FROM (
          SELECT n."enterpriseId" AS id, r."createdAt" AS at FROM "Response" r
            JOIN "TechNeed" n ON n.id = r."needId" JOIN "Enterprise" e ON e.id = n."enterpriseId" WHERE ${inRegion("e", region)}
          UNION ALL SELECT s."enterpriseId", s."servedOn" FROM "ServiceRecord" s JOIN "Enterprise" e ON e.id = s."enterpriseId"
            WHERE s."confirmedAt" IS NOT NULL AND ${inRegion("e", region)}) a GROUP BY id)`;
  }
}

/**
 * The plan's indicators, counted in SQL, against the right target: a county's own when it has one (regionCode),
 * else the programme's. Months are local (HUB_TIME_ZONE). Overdue: the deadline passed by the window's end with the
 * target not reached.
 */
export class IndicatorQueries {
  constructor(
    private readonly prisma: Prisma,
    private readonly tz: string,
  ) {}

  async indicators(w: Window, region: string | null, only?: IndicatorKey): Promise<Indicator[]> {
    const targets = await this.prisma.indicatorTarget.findMany({ where: { regionCode: { in: region === null ? [""] : ["", region] }, ...(only ? { key: only } : {}) } });
    const targetOf = (key: string) => targets.find((t) => t.key === key && t.regionCode === (region ?? "")) ?? targets.find((t) => t.key === key && t.regionCode === "");
    // An indicator is tracked once it has a target (the migration seeds the plan's three).
    const defs = INDICATORS.filter((d) => (!only || d.key === only) && targetOf(d.key));
    return Promise.all(
      defs.map(async (def) => {
        const target = targetOf(def.key)!;
        const rows = await this.prisma.$queryRaw<MonthValue[]>`
          WITH ${firsts(def.key, region)}, ${monthSeries(w.from, w.to, this.tz, MAX_TREND_MONTHS)}
          SELECT to_char(months.m, 'YYYY-MM') AS month,
            (SELECT count(*) FROM firsts WHERE firsts.at < least(${utcOf(P.sql`months.m + interval '1 month'`, this.tz)}, ${w.to}::timestamp))::int AS value
          FROM months ORDER BY months.m`;
        const [cur] = await this.prisma.$queryRaw<Array<{ value: number }>>`
          WITH ${firsts(def.key, region)} SELECT count(*)::int AS value FROM firsts WHERE at < ${w.to}::timestamp`;
        const current = cur!.value;
        const goal = target.target;
        return {
          ...def,
          regionCode: region,
          targetRegionCode: target.regionCode || null,
          target: goal,
          targetDate: target.targetDate,
          current,
          progress: current / goal,
          achieved: current >= goal,
          overdue: target.targetDate < w.to && current < goal,
          trend: rows,
        };
      }),
    );
  }
}
