import type { Prisma } from "../../infra/db/database";
import { fixedRead } from "../../infra/db/fixed-read";
import type { NeedRow, PrismaTypes } from "../../infra/db/rows";
import { SqlParams, whereSql, type SqlColumns } from "../../infra/db/where-sql";
import type { NeedColumn } from "./need.columns";

// A page of needs and its count in fixed SQL (fixed-read.ts), filtered by the same Prisma `where` that Prisma would
// get: the access rules (readableNeeds) and the list's filters stay written once (measured: docs/benchmarks.md, "Design decisions measured"). A filter the
// translation does not cover (where-sql.ts: a relation filter such as a supplier's links to CONFIDENTIAL needs, or a
// text search) returns null here, and the list goes through Prisma.

type NeedWhere = PrismaTypes.TechNeedWhereInput;

const TIMESTAMP = { type: "timestamp(3)" };
const OPTIONAL_TIMESTAMP = { type: "timestamp(3)", nullable: true };
const OPTIONAL_INT = { type: "int", nullable: true };

/** The columns a need filter may compare in SQL, with their types; a filter on any other goes to Prisma. */
const NEED_FILTER_COLUMNS: SqlColumns = {
  id: { type: "int" },
  enterpriseId: { type: "int" },
  chainCode: { type: "text" },
  kind: { type: `"NeedKind"` },
  status: { type: `"NeedStatus"` },
  visibility: { type: `"Visibility"` },
  isChallenge: { type: "boolean" },
  budgetMin: OPTIONAL_INT,
  budgetMax: OPTIONAL_INT,
  challengeAward: OPTIONAL_INT,
  deadline: OPTIONAL_TIMESTAMP,
  submissionDeadline: OPTIONAL_TIMESTAMP,
  createdAt: TIMESTAMP,
  updatedAt: TIMESTAMP,
  openedAt: OPTIONAL_TIMESTAMP,
  firstResponseAt: OPTIONAL_TIMESTAMP,
  dockedAt: OPTIONAL_TIMESTAMP,
  resolvedAt: OPTIONAL_TIMESTAMP,
  closedAt: OPTIONAL_TIMESTAMP,
  firstDecisionAt: OPTIONAL_TIMESTAMP,
  expiredAt: OPTIONAL_TIMESTAMP,
};

/** Every column of a need row, as Prisma returns it (a column added to the schema fails compilation here). */
const NEED_COLUMNS: Readonly<Record<NeedColumn, true>> = {
  id: true, enterpriseId: true, title: true, description: true, chainCode: true, kind: true, status: true, visibility: true,
  keywords: true, budgetMin: true, budgetMax: true, deadline: true, isChallenge: true, challengeAward: true, teaser: true,
  submissionDeadline: true, createdAt: true, updatedAt: true, openedAt: true, firstResponseAt: true, dockedAt: true,
  resolvedAt: true, closedAt: true, firstDecisionAt: true, expiredAt: true,
};
const WHOLE_ROW = Object.keys(NEED_COLUMNS) as NeedColumn[];
const WITHOUT_DESCRIPTION = WHOLE_ROW.filter((c) => c !== "description");

export interface NeedPageStatements {
  /** Newest first: at most `take` needs with an id below `before` (when given). */
  page(take: number, before: number | undefined): Promise<NeedRow[]>;
  count(): Promise<number>;
}

/**
 * The page and count statements of needs matching `where`, reading `columns` (null: whole rows, with the
 * description or not); null when the filter has a part that only Prisma can run.
 */
export function needPageStatements(prisma: Prisma, where: NeedWhere, read: { columns: NeedColumn[] | null; withDescription: boolean }): NeedPageStatements | null {
  const params = new SqlParams();
  const condition = whereSql(where as Record<string, unknown>, NEED_FILTER_COLUMNS, params);
  if (condition === null) return null;
  const columns = read.columns ?? (read.withDescription ? WHOLE_ROW : WITHOUT_DESCRIPTION);
  const select = columns.map((c) => `"${c}"`).join(", ");
  const bound = params.values;
  return {
    page: (take, before) => {
      const pageParams = [...bound];
      const below = before === undefined ? "" : ` AND "id" < $${pageParams.push(before)}::int`;
      return fixedRead<NeedRow>(prisma, `SELECT ${select} FROM "TechNeed" WHERE (${condition})${below} ORDER BY "id" DESC LIMIT ${limitLiteral(take)}`, pageParams);
    },
    count: async () => {
      const [row] = await fixedRead<{ count: number }>(prisma, `SELECT count(*)::int AS "count" FROM "TechNeed" WHERE ${condition}`, bound);
      return row.count;
    },
  };
}

/**
 * The page size written into the statement, not bound: a named statement's generic plan (PostgreSQL's choice after
 * five runs) cannot see a bound LIMIT and guesses a tenth of the rows, so for "an enterprise's needs, newest first"
 * it walked the whole table backwards by id instead of reading the enterprise's rows by its index and sorting
 * them (measured: docs/benchmarks.md, "Design decisions measured"). Page sizes are few (the API caps `first`), so the texts stay few.
 */
function limitLiteral(take: number): string {
  if (!Number.isSafeInteger(take) || take < 0) throw new Error(`page size must be a whole number, not ${take}`);
  return String(take);
}
