import { sql, type CompiledQuery, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { UserViewer, Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { NeedRow } from "../../infra/db/rows";
import { db, rows, type Database } from "../../infra/db/sql";
import { escapeLike } from "../../infra/db/text-filter";
import type { NeedStatus } from "../../generated/prisma/enums";
import { readableNeedsSql } from "../access";
import { ENGAGED_MATCH_STATUSES } from "../engagement";
import type { NeedColumn, NeedRead } from "./need.columns";

// The hot reads of needs, in the typed SQL builder (infra/db/sql.ts): the home page's and the lists' page of needs and
// its count. Prisma's query builder cost about 1.5 ms of CPU for these two statements on every home page; the
// driver alone a fraction of it.

/** The service's own filter: database ids, already decoded from the API's global IDs. */
export interface NeedQuery {
  statuses?: NeedStatus[];
  chainCode?: string;
  regionCode?: string;
  enterpriseIds?: number[];
  isChallenge?: boolean;
  stale?: boolean;
  text?: string;
}

type Needs = ExpressionBuilder<Database, "TechNeed">;
type Condition = (eb: Needs) => Expression<SqlBool>;

/**
 * The list's filters (NeedService.list) as one condition. `stale` is workflow/timers.ts staleNeeds: an OPEN need
 * nobody answered for `staleDays` days since it opened, and nobody works on (engagement.ts engagedNeeds).
 */
export function needFilterSql(query: NeedQuery, staleDays: number, now = Date.now()): Condition {
  return (eb) => {
    const parts: Expression<SqlBool>[] = [];
    if (query.stale === true) parts.push(stale(eb, staleDays, now));
    if (query.stale === false) parts.push(eb.not(stale(eb, staleDays, now)));
    if (query.statuses?.length) parts.push(eb("status", "=", oneOrAny(query.statuses, "NeedStatus")));
    if (query.chainCode) parts.push(eb("chainCode", "=", query.chainCode));
    if (query.regionCode) {
      const regionCode = query.regionCode;
      parts.push(eb.exists(eb.selectFrom("Enterprise").select("Enterprise.id").whereRef("Enterprise.id", "=", "TechNeed.enterpriseId").where("Enterprise.regionCode", "=", regionCode)));
    }
    if (query.enterpriseIds) parts.push(query.enterpriseIds.length ? eb("enterpriseId", "=", oneOrAny(query.enterpriseIds, "int")) : eb.lit(false));
    if (query.isChallenge !== undefined && query.isChallenge !== null) parts.push(eb("isChallenge", "=", query.isChallenge));
    // Every word of the query must occur in the title, the description or a keyword (Chinese has no spaces, so a
    // phrase is matched as a substring): ILIKE as Prisma's case-insensitive `contains`, its wildcards escaped.
    for (const word of (query.text ?? "").split(/\s+/).filter(Boolean)) {
      const pattern = `%${escapeLike(word)}%`;
      parts.push(eb.or([eb("title", "ilike", pattern), eb("description", "ilike", pattern), eb(eb.val(word), "=", eb.fn.any("keywords"))]));
    }
    return eb.and(parts);
  };
}

function stale(eb: Needs, staleDays: number, now: number): Expression<SqlBool> {
  return eb.and([
    eb("status", "=", "OPEN"),
    eb("firstResponseAt", "is", null),
    eb("openedAt", "<=", new Date(now - staleDays * DAY_MS)),
    eb.not(engaged(eb)),
  ]);
}

/** engagement.ts engagedNeeds: an ACCEPTED response or invitation, or an ACCEPTED / DOCKED match, on the need. */
function engaged(eb: Needs): Expression<SqlBool> {
  return eb.or([
    eb.exists(eb.selectFrom("Response as r").select("r.id").whereRef("r.needId", "=", "TechNeed.id").where("r.status", "=", "ACCEPTED")),
    eb.exists(eb.selectFrom("Match as m").select("m.id").whereRef("m.needId", "=", "TechNeed.id").where("m.status", "in", ENGAGED_MATCH_STATUSES)),
    eb.exists(eb.selectFrom("Invitation as i").select("i.id").whereRef("i.needId", "=", "TechNeed.id").where("i.status", "=", "ACCEPTED")),
  ]);
}

const DAY_MS = 86_400_000;

/**
 * One value as plain equality: PostgreSQL's generic plan for `= any($n)` assumes ten values and loses to planning
 * every execution; `= $n` gets one plan per connection. An enum's values travel as text: PGlite serialises only the
 * parameter types it knows (an enum array would arrive as "A,B"), and pg sends text anyway.
 */
function oneOrAny<T extends string | number>(values: readonly T[], type: "int" | "NeedStatus") {
  if (values.length === 1) return sql<T>`${values[0]}`;
  return type === "int" ? sql<T>`any(${[...values]}::int[])` : sql<T>`any(${[...values]}::text[]::${sql.id(type)}[])`;
}

const WHOLE_ROW: Readonly<Record<NeedColumn, true>> = {
  id: true, enterpriseId: true, title: true, description: true, chainCode: true, kind: true, status: true, visibility: true,
  keywords: true, budgetMin: true, budgetMax: true, deadline: true, isChallenge: true, challengeAward: true, teaser: true,
  submissionDeadline: true, createdAt: true, updatedAt: true, openedAt: true, firstResponseAt: true, dockedAt: true,
  resolvedAt: true, closedAt: true, firstDecisionAt: true, expiredAt: true,
};
const ALL_COLUMNS = Object.keys(WHOLE_ROW) as NeedColumn[];
const WITHOUT_DESCRIPTION = ALL_COLUMNS.filter((c) => c !== "description");

export interface NeedPageStatements {
  /** Newest first: at most `take` needs with an id below `before` (when given). */
  page(take: number, before: number | undefined): Promise<NeedRow[]>;
  count(): Promise<number>;
}

/**
 * The page and count statements of the needs `viewer` may read (readableNeedsSql, access/need-access.ts) that
 * match `query`, reading the columns `read` names.
 */
export function needPage(prisma: Prisma, viewer: Viewer, query: NeedQuery, read: NeedRead, staleDays: number): NeedPageStatements {
  const readable = readableNeedsSql(viewer);
  const columns = read.columns ?? (read.withDescription ? ALL_COLUMNS : WITHOUT_DESCRIPTION);
  // Built (and compiled) only when the memo below has no statement for these inputs.
  const matching = () => {
    const filter = needFilterSql(query, staleDays);
    return db.selectFrom("TechNeed").where((eb) => eb.and([readable(eb), filter(eb)]));
  };
  const key = memoKey(viewer, query, columns, staleDays);
  return {
    page: (take, before) =>
      rows(
        prisma,
        compiledOnce(key && `page|${pageSize(take)}|${before ?? ""}|${key}`, () =>
          matching()
            .select(columns)
            .$if(before !== undefined, (q) => q.where("id", "<", before!))
            .orderBy("id", "desc")
            .limit(sql.lit(pageSize(take)))
            .compile(),
        ),
      ) as Promise<NeedRow[]>,
    count: async () => {
      const [row] = await rows<{ count: number }>(prisma, compiledOnce(key && `count|${key}`, () => matching().select(sql<number>`count(*)::int`.as("count")).compile()));
      return row.count;
    },
  };
}

// Building and compiling the page and its count with the builder cost 0.1-0.2 ms of the server's CPU on every home
// page (docs/benchmarks.md, "Session 16: home page"), for statements that come out the same for the same viewer and
// filter. So the compiled statements (text and values, not the builder's tree) are kept per input, a few hundred at
// most, the oldest dropped first.

/**
 * Every field of a signed-in viewer that says who it is, so that an access rule reading any of them keeps two
 * viewers' statements apart; only the token's validity (when it ends, which password it was issued under) is left
 * out, which no rule on rows reads. A field added to UserViewer fails compilation here until it is placed.
 */
const WHO_ASKS: Readonly<Record<Exclude<keyof UserViewer, "expiresAt" | "tokenVersion">, true>> = {
  kind: true, userId: true, role: true, enterpriseId: true, societyId: true, expertId: true, platformId: true,
};
const VIEWER_FIELDS = [...Object.keys(WHO_ASKS), "display"]; // `display`: the anonymous viewer's one field
const MEMO_MAX = 512;
type Statement<Row = unknown> = Pick<CompiledQuery<Row>, "sql" | "parameters">;
const memo = new Map<string, Statement>();

/** The memo's key for these inputs, or null when the statement depends on the clock too (`stale`: now - staleDays). */
function memoKey(viewer: Viewer, query: NeedQuery, columns: readonly NeedColumn[], staleDays: number): string | null {
  if (query.stale !== undefined && query.stale !== null) return null;
  return `${JSON.stringify(viewer, VIEWER_FIELDS)}|${JSON.stringify(query)}|${columns.join(",")}|${staleDays}`;
}

function compiledOnce<Row>(key: string | null, compile: () => CompiledQuery<Row>): Statement<Row> {
  if (key === null) return compile();
  let kept = memo.get(key) as Statement<Row> | undefined;
  if (kept === undefined) {
    const { sql: text, parameters } = compile();
    kept = { sql: text, parameters };
    if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
    memo.set(key, kept);
  }
  return kept;
}

/**
 * The page size written into the statement, not bound: a named statement's generic plan (PostgreSQL's choice after
 * five runs) cannot see a bound LIMIT and guesses a tenth of the rows, so for "an enterprise's needs, newest first"
 * it walked the whole table backwards by id instead of reading the enterprise's 18 rows by its index and sorting
 * them (0.95 ms against 0.03 per home page). Page sizes are few (the API caps `first`), so the texts stay few.
 */
function pageSize(take: number): number {
  if (!Number.isSafeInteger(take) || take < 0) throw new Error(`page size must be a whole number, not ${take}`);
  return take;
}
