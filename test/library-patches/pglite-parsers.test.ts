import { PGlite, types } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlQuery } from "@prisma/driver-adapter-utils";
import { fixedReadRows, parsersLeftInPGlite } from "../../src/infra/library-patches/pglite-parsers";

// A fixed read's columns as the hub's fixed reads use them, plus the types the adapter leaves as text.
const COLUMNS_SQL = `SELECT '2026-05-01 08:00:00.123'::timestamp(3) AS at, NULL::timestamp(3) AS never, 9007199254740993::int8 AS big,
  5::int8 AS small, 1.50::numeric AS amount, '{"a":[1,"二"]}'::json AS j, '{"b":2}'::jsonb AS jb, ARRAY['x','热管理'] AS terms,
  7 AS n, 0.25::float8 AS f, true AS yes, 'OPEN' AS status`;
// What each read gives: the UTC instant Prisma stored, and PGlite's own parsers for the rest.
const EXPECTED = {
  at: new Date("2026-05-01T08:00:00.123Z"),
  never: null,
  big: types.parsers[types.INT8]("9007199254740993", types.INT8),
  small: 5,
  amount: "1.50", // PGlite has no parser for numeric
  j: { a: [1, "二"] },
  jb: { b: 2 },
  terms: ["x", "热管理"],
  n: 7,
  f: 0.25,
  yes: true,
  status: "OPEN",
};
const STATEMENT = { sql: "SELECT $1::text AS t, '2026-05-01 08:00:00.123'::timestamp(3) AS at, 5::int8 AS big, '{\"b\":2}'::jsonb AS jb", args: ["热"], argTypes: [{ scalarType: "string", arity: "scalar" }] } satisfies SqlQuery as SqlQuery;

let pglite: PGlite;
let plain: PGlite;
const optionsSeen: Array<Record<string, unknown> | undefined> = [];
const txOptionsSeen: Array<Record<string, unknown> | undefined> = [];

beforeAll(async () => {
  pglite = new PGlite();
  plain = new PGlite();
  await Promise.all([pglite.waitReady, plain.waitReady]);
  // Records what reaches PGlite (an own property shadows the prototype's query, which the wrapper calls).
  const query = pglite.query.bind(pglite);
  (pglite as unknown as { query: unknown }).query = (sql: string, params?: unknown[], options?: Record<string, unknown>) => {
    optionsSeen.push(options);
    return query(sql, params, options);
  };
  // And what reaches a transaction's own query.
  const transaction = pglite.transaction.bind(pglite);
  (pglite as unknown as { transaction: unknown }).transaction = (work: (tx: { query: Function }) => Promise<unknown>) =>
    transaction((tx) => {
      const txQuery = tx.query.bind(tx);
      (tx as unknown as { query: unknown }).query = (sql: string, params?: unknown[], options?: Record<string, unknown>) => {
        txOptionsSeen.push(options);
        return txQuery(sql, params, options);
      };
      return work(tx);
    });
}, 60_000);
afterAll(async () => {
  await pglite?.close();
  await plain?.close();
});

test("these are the values the fixed reads got before, with PGlite's parsers and a UTC timestamp parser per statement", async () => {
  const utc = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
  expect((await plain.query(COLUMNS_SQL, [], { parsers: { [types.TIMESTAMP]: utc } })).rows).toEqual([EXPECTED]);
});

const fixedRead = async () => fixedReadRows(pglite, await pglite.query<Record<string, unknown>>(COLUMNS_SQL));

test("a fixed read gives UTC timestamps and PGlite's own values before the adapter's first statement", async () => {
  const adapter = await new PrismaPGlite(parsersLeftInPGlite(pglite)).connect();
  expect(await fixedRead()).toEqual([EXPECTED]);
  await adapter.dispose();
});

test("the adapter's statements reach PGlite without parsers and return what they returned with them", async () => {
  const adapter = await new PrismaPGlite(parsersLeftInPGlite(pglite)).connect();
  const reference = await new PrismaPGlite(plain).connect();
  optionsSeen.length = 0;
  const result = await adapter.queryRaw(STATEMENT);
  expect(result).toEqual(await reference.queryRaw(STATEMENT));
  expect(result.rows[0][1]).toBe("2026-05-01T08:00:00.123+00:00"); // the adapter's own form, not a Date
  expect(optionsSeen.length).toBeGreaterThan(0);
  for (const options of optionsSeen) expect(options).not.toHaveProperty("parsers");
});

test("inside the adapter's transactions too", async () => {
  const adapter = await new PrismaPGlite(parsersLeftInPGlite(pglite)).connect();
  const reference = await (await new PrismaPGlite(plain).connect()).startTransaction();
  const tx = await adapter.startTransaction();
  optionsSeen.length = 0;
  const result = await tx.queryRaw(STATEMENT);
  await tx.commit();
  expect(result).toEqual(await reference.queryRaw(STATEMENT));
  await reference.commit();
  expect(txOptionsSeen.length).toBeGreaterThan(0);
  for (const options of [...optionsSeen, ...txOptionsSeen]) expect(options).not.toHaveProperty("parsers");
});

test("a fixed read after the adapter's statements gives the same values as before", async () => {
  expect(await fixedRead()).toEqual([EXPECTED]);
});

test("a fixed read of a column the adapter changes and the fixed reads do not expect is refused", async () => {
  expect(() => fixedReadRows(pglite, { rows: [{ day: "2026-05-01" }], fields: [{ name: "day", dataTypeID: types.DATE }] } as never)).toThrow(/day of type 1082/);
});
