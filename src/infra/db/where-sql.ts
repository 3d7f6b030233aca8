// A Prisma `where` of one table, turned into SQL for fixed reads (fixed-read.ts), so that a rule written once as a
// Prisma filter (the access rules in modules/access) can also filter a statement that skips Prisma's query builder.
// Only the plain part of Prisma's filter language is translated: AND / OR / NOT, and on the columns the caller
// names, equality, `in` / `notIn`, `not`, `lt` / `lte` / `gt` / `gte` and null checks. Anything else (a relation
// filter, `contains`, `has`, a column not named) makes the translation return null and the caller asks Prisma: a
// filter is never half translated. test/integration/where-sql.test.ts compares the rows with Prisma's on random
// filters.

/** How a column is compared: its SQL type (the cast of its bound values) and whether it may hold NULL. */
export interface SqlColumn {
  /** `int`, `text`, `boolean`, `timestamp(3)`, or an enum type's quoted name such as `"NeedStatus"`. */
  type: string;
  nullable?: boolean;
}

export type SqlColumns = Readonly<Record<string, SqlColumn>>;

/** Bound values of one statement; `bind` returns the placeholder (`$n` with the column's cast). */
export class SqlParams {
  readonly values: unknown[] = [];

  bind(value: unknown, type: string): string {
    this.values.push(value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.map((v) => (v instanceof Date ? v.toISOString() : v)) : value);
    // An enum's values travel as text: PGlite serialises only the parameter types it knows (an enum array would
    // arrive as "A,B"), and pg sends text anyway.
    const enumType = type.startsWith('"');
    return enumType ? `$${this.values.length}::text${type.endsWith("[]") ? "[]" : ""}::${type}` : `$${this.values.length}::${type}`;
  }
}

type Filter = Record<string, unknown>;

/** Thrown inside the translation when the filter has a part it does not know; never leaves this module. */
class Untranslatable extends Error {}

/** The filter as a SQL condition (TRUE for an empty one), its values bound to `params`; null when not translatable. */
export function whereSql(where: Filter | undefined, columns: SqlColumns, params: SqlParams): string | null {
  const mark = params.values.length;
  try {
    return condition(where ?? {}, columns, params);
  } catch (err) {
    if (!(err instanceof Untranslatable)) throw err;
    params.values.length = mark;
    return null;
  }
}

function condition(where: Filter, columns: SqlColumns, params: SqlParams): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue; // Prisma ignores an undefined filter
    if (key === "AND") parts.push(...list(value).map((w) => condition(w, columns, params)));
    else if (key === "OR") parts.push(anyOf(orList(value).map((w) => nonEmpty(condition(w, columns, params)))));
    else if (key === "NOT") parts.push(...list(value).map((w) => `NOT (${nonEmpty(condition(w, columns, params))})`));
    else parts.push(columnCondition(key, value, columns, params));
  }
  return allOf(parts);
}

/**
 * Prisma drops an empty filter from OR and NOT (`OR: [{}]` matches nothing), where SQL would read it as TRUE: such
 * a filter is left to Prisma. In AND, an empty filter is TRUE in both.
 */
function nonEmpty(sql: string): string {
  if (sql === "TRUE") throw new Untranslatable("empty filter in OR or NOT");
  return sql;
}

function columnCondition(name: string, filter: unknown, columns: SqlColumns, params: SqlParams): string {
  const column = columns[name];
  if (!column) throw new Untranslatable(name);
  const sql = `"${name}"`;
  if (!isFilterObject(filter)) return equals(sql, filter, column, params);
  const parts: string[] = [];
  for (const [op, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    parts.push(operation(sql, op, value, column, params));
  }
  return allOf(parts);
}

function operation(sql: string, op: string, value: unknown, column: SqlColumn, params: SqlParams): string {
  switch (op) {
    case "equals":
      return equals(sql, value, column, params);
    case "not":
      if (value === null) return `${sql} IS NOT NULL`;
      // On a nullable column Prisma's `not` has its own NULL rule: left to Prisma.
      if (column.nullable || isFilterObject(value)) throw new Untranslatable(op);
      return `${sql} <> ${params.bind(scalar(value), column.type)}`;
    case "in": {
      const values = arrayOf(value);
      // One value as plain equality: PostgreSQL's generic plan for `= ANY($n)` assumes ten values and loses to
      // planning every execution; `= $n` gets one plan per connection (rows-by-id.ts says the same of ids).
      if (values.length === 1) return `${sql} = ${params.bind(values[0], column.type)}`;
      return values.length ? `${sql} = ANY(${params.bind(values, `${column.type}[]`)})` : "FALSE";
    }
    case "notIn":
      if (column.nullable) throw new Untranslatable(op);
      return arrayOf(value).length ? `NOT (${sql} = ANY(${params.bind(arrayOf(value), `${column.type}[]`)}))` : "TRUE";
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      return `${sql} ${COMPARISONS[op]} ${params.bind(scalar(value), column.type)}`;
    default:
      throw new Untranslatable(op);
  }
}

const COMPARISONS = { lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

function equals(sql: string, value: unknown, column: SqlColumn, params: SqlParams): string {
  return value === null ? `${sql} IS NULL` : `${sql} = ${params.bind(scalar(value), column.type)}`;
}

/** A value bound as it is: numbers, strings, booleans and dates only. */
function scalar(value: unknown): unknown {
  if (value instanceof Date || ["string", "number", "boolean"].includes(typeof value)) return value;
  throw new Untranslatable(String(value));
}

function arrayOf(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Untranslatable("in");
  return value.map(scalar);
}

const isFilterObject = (value: unknown): value is Filter => typeof value === "object" && value !== null && !(value instanceof Date) && !Array.isArray(value);

/** AND and NOT take one filter or a list. */
function list(value: unknown): Filter[] {
  const items = Array.isArray(value) ? value : [value];
  if (!items.every(isFilterObject)) throw new Untranslatable("AND/NOT");
  return items;
}

/** OR takes a list. An empty one matches nothing at the top, but Prisma drops it inside NOT: left to Prisma. */
function orList(value: unknown): Filter[] {
  if (!Array.isArray(value) || value.length === 0) throw new Untranslatable("OR");
  return list(value);
}

const allOf = (parts: string[]) => (parts.length === 0 ? "TRUE" : parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(" AND "));
const anyOf = (parts: string[]) => (parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(" OR "));
