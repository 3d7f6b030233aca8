import { Prisma as P } from "../../generated/prisma/client";

/*
 * Timestamps are stored as UTC wall time (Prisma's `timestamp(3)`); statistics count months and days in
 * HUB_TIME_ZONE. These fragments convert in SQL, so grouping stays in the database and does not depend on the
 * process's TZ or the server's TimeZone setting.
 */

/** A UTC timestamp (column or parameter cast to timestamp) as wall time in `tz`. */
export function localOf(utc: P.Sql, tz: string): P.Sql {
  return P.sql`((${utc}) AT TIME ZONE 'UTC') AT TIME ZONE ${tz}::text`;
}

/** Wall time in `tz` back to a UTC timestamp, comparable with the columns. */
export function utcOf(local: P.Sql, tz: string): P.Sql {
  return P.sql`((${local}) AT TIME ZONE ${tz}::text) AT TIME ZONE 'UTC'`;
}

/**
 * A CTE `months (m)`: the local first day of each month of the window, or of the 12 months up to its end when it
 * has no start; at most `max` months, the latest kept.
 */
export function monthSeries(from: Date | null, to: Date, tz: string, max: number): P.Sql {
  const last = P.sql`date_trunc('month', ${localOf(P.sql`${to}::timestamp - interval '1 millisecond'`, tz)})`;
  const first = P.sql`date_trunc('month', ${localOf(P.sql`${from}::timestamp`, tz)})`;
  return P.sql`months AS (
    SELECT generate_series(
      greatest(coalesce(${first}, b.last - interval '11 months'), b.last - make_interval(months => ${max - 1}::int)),
      b.last, interval '1 month') AS m
    FROM (SELECT ${last} AS last) b)`;
}
