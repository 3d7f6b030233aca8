// pglite-prisma-adapter hands PGlite its own parsers with every statement, and PGlite then copies its whole map of
// parsers (318 entries: one per type and per array type) into a new object for each statement before it reads a
// row (measured: docs/benchmarks.md, "Design decisions measured"). Here the adapter's parsers go
// into PGlite's own map once, and its statements reach PGlite without them. The fixed reads, which used to bring
// their own timestamp parser the same way, read the adapter's text forms and finish the few types it leaves as text.
import { types, type PGlite, type Results } from "@electric-sql/pglite";

type Parser = (text: string, typeId: number) => unknown;
type Parsers = Record<number, Parser>;
type QueryOptions = { parsers?: Parsers } & Record<string, unknown>;
type Query = (sql: string, params?: unknown[], options?: QueryOptions) => Promise<Results<unknown>>;

/** The types whose parsers in an instance's map are the adapter's (or ours, standing in for them): see fixedReadRows. */
const adaptedTypes = new WeakMap<PGlite, Set<number>>();

/** Moves a statement's parsers into PGlite's map (where they differ) and returns its options without them. */
function leaveParsersIn(pglite: PGlite, options?: QueryOptions): QueryOptions | undefined {
  if (!options?.parsers) return options;
  const { parsers, ...rest } = options;
  const own = pglite.parsers as Parsers;
  // Checked on every statement (two dozen lookups): PGlite rewrites its array parsers when it refreshes its array types.
  for (const key in parsers) {
    if (own[key] === parsers[key]) continue;
    own[key] = parsers[key];
    adaptedTypes.get(pglite)?.add(Number(key));
  }
  return rest;
}

/**
 * The same PGlite for the adapter, whose statements (and those of its transactions) leave their parsers in PGlite's
 * map instead of bringing them along. Everything else is the instance's own, bound to it (PGlite keeps its state in
 * private fields, which a proxy as `this` could not reach).
 */
export function parsersLeftInPGlite(pglite: PGlite): PGlite {
  // Until the adapter's first statement brings its parsers, a fixed read must already see timestamps in its form
  // (PGlite's own parser would read them in the process's time zone).
  if (!adaptedTypes.has(pglite)) {
    (pglite.parsers as Parsers)[types.TIMESTAMP] = (text) => `${text.replace(" ", "T")}+00:00`;
    adaptedTypes.set(pglite, new Set([types.TIMESTAMP]));
  }
  const query = (target: { query: Query }) => (sql: string, params?: unknown[], options?: QueryOptions) =>
    target.query(sql, params, leaveParsersIn(pglite, options));
  const delegate = <T extends object>(target: T, own: Record<string, unknown>) =>
    new Proxy(target, {
      get(object, key) {
        if (typeof key === "string" && key in own) return own[key];
        const value = Reflect.get(object, key);
        return typeof value === "function" ? value.bind(object) : value;
      },
    });
  const transaction = (work: (tx: object) => Promise<unknown>) =>
    pglite.transaction((tx) => work(delegate(tx, { query: query(tx as unknown as { query: Query }) })));
  return delegate(pglite, { query: query(pglite as unknown as { query: Query }), transaction });
}

/** PGlite's own reading of a type's text (text itself where it has no parser, as for numeric). */
const pgliteReading = (typeId: number): Parser => (types.parsers as Parsers)[typeId] ?? ((text) => text);

/** What a fixed read's columns hold once the adapter's text forms are finished (sql.ts lists the types). */
const FINISH: Record<number, Parser> = {
  // The adapter's form of `timestamp(3)`: UTC, ISO with an offset. Prisma stores DateTime in UTC.
  [types.TIMESTAMP]: (text) => new Date(text),
  // Left as text by the adapter; read as PGlite would without the adapter's parsers.
  [types.INT8]: pgliteReading(types.INT8),
  [types.NUMERIC]: pgliteReading(types.NUMERIC),
  [types.JSON]: pgliteReading(types.JSON),
  [types.JSONB]: pgliteReading(types.JSONB),
};

/**
 * Rows of a fixed read on PGlite, whose map holds the adapter's parsers: timestamps become UTC Dates and the types the
 * adapter leaves as text are parsed as PGlite would. A column of another type the adapter changes is refused: the
 * fixed reads promise plain columns (sql.ts), and a silent difference would be worse than an error.
 */
export function fixedReadRows(pglite: PGlite, result: Results<Record<string, unknown>>): Record<string, unknown>[] {
  const adaptedHere = adaptedTypes.get(pglite);
  const adapted = adaptedHere ? result.fields.filter((field) => adaptedHere.has(field.dataTypeID)) : [];
  if (!adapted.length) return result.rows;
  for (const field of adapted) {
    if (!FINISH[field.dataTypeID]) throw new Error(`A fixed read returned ${field.name} of type ${field.dataTypeID}, which it cannot read on PGlite`);
  }
  for (const row of result.rows) {
    for (const { name, dataTypeID } of adapted) {
      const value = row[name];
      if (value !== null && value !== undefined) row[name] = FINISH[dataTypeID](value as string, dataTypeID);
    }
  }
  return result.rows;
}
