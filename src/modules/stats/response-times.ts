import type { Prisma } from "../../infra/db/database";
import { toGlobalId } from "../../infra/relay/global-id";
import type { AnsweredShare, ResponseTimeStat } from "./stats.type";

interface Window {
  from: Date | null;
  to: Date;
}

const EPOCH = new Date("1970-01-01T00:00:00Z");

type Row = { key: string; name: string; count: number; median: number | null; p90: number | null };

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const toStat = ({ median, p90, ...r }: Row): ResponseTimeStat => ({ ...r, medianHours: num(median), p90Hours: num(p90) });

/** Time to the first response (in SQL, percentile_cont), over needs opened in the window. */
export class ResponseTimeQueries {
  constructor(private readonly prisma: Prisma) {}

  /** Per chain: the need's openedAt → its first response (firstResponseAt). Chains without one are listed with 0. */
  async byIndustryChain(w: Window): Promise<ResponseTimeStat[]> {
    const rows = await this.prisma.$queryRaw<Row[]>`
      WITH t AS (
        SELECT n."chainCode", extract(epoch FROM (n."firstResponseAt" - n."openedAt"))::float8 / 3600 AS hours
        FROM "TechNeed" n
        WHERE n.status <> 'DRAFT' AND n."openedAt" IS NOT NULL AND n."firstResponseAt" IS NOT NULL
          AND n."openedAt" >= ${w.from ?? EPOCH}::timestamp AND n."openedAt" < ${w.to}::timestamp)
      SELECT c.code AS key, c.name, count(t.hours)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY t.hours) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY t.hours) AS p90
      FROM "IndustryChain" c LEFT JOIN t ON t."chainCode" = c.code
      GROUP BY c.code, c.name, c."sortOrder" ORDER BY c."sortOrder", c.code`;
    return rows.map(toStat);
  }

  /** Per society: the need's openedAt → that society's first response to it; societies that responded, quickest first. */
  async bySociety(w: Window): Promise<ResponseTimeStat[]> {
    const rows = await this.prisma.$queryRaw<Array<Row & { id: number }>>`
      WITH firsts AS (
        SELECT r."societyId", greatest(extract(epoch FROM (min(r."createdAt") - n."openedAt")), 0)::float8 / 3600 AS hours
        FROM "Response" r JOIN "TechNeed" n ON n.id = r."needId"
        WHERE n.status <> 'DRAFT' AND n."openedAt" IS NOT NULL
          AND n."openedAt" >= ${w.from ?? EPOCH}::timestamp AND n."openedAt" < ${w.to}::timestamp
        GROUP BY r."societyId", n.id, n."openedAt")
      SELECT s.id, s.name, count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY f.hours) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY f.hours) AS p90
      FROM firsts f JOIN "Society" s ON s.id = f."societyId"
      GROUP BY s.id, s.name ORDER BY median, s.name, s.id`;
    return rows.map(({ id, ...r }) => toStat({ ...r, key: toGlobalId("Society", id) }));
  }

  /**
   * Needs opened in the window answered within `hours` of opening. A need still inside its first `hours` at the
   * window's end and not yet answered is left out: it may still make it.
   */
  async answeredWithin(w: Window, hours: number): Promise<AnsweredShare> {
    const [row] = await this.prisma.$queryRaw<Array<{ needs: number; answered: number }>>`
      WITH n AS (
        SELECT n."openedAt", n."firstResponseAt" FROM "TechNeed" n
        WHERE n.status <> 'DRAFT' AND n."openedAt" IS NOT NULL
          AND n."openedAt" >= ${w.from ?? EPOCH}::timestamp AND n."openedAt" < ${w.to}::timestamp),
      q AS (
        SELECT n."firstResponseAt" IS NOT NULL AND n."firstResponseAt" <= n."openedAt" + make_interval(hours => ${hours}::int)
          AND n."firstResponseAt" < ${w.to}::timestamp AS answered,
          n."openedAt" + make_interval(hours => ${hours}::int) <= ${w.to}::timestamp AS due
        FROM n)
      SELECT count(*) FILTER (WHERE answered OR due)::int AS needs, count(*) FILTER (WHERE answered)::int AS answered FROM q`;
    return { hours, needs: row!.needs, answered: row!.answered, share: row!.needs ? row!.answered / row!.needs : null };
  }
}
