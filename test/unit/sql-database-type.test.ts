import type { Database } from "../../src/infra/db/sql";
import type { EnterpriseRow, MatchRow, NeedRow, UserRow } from "../../src/infra/db/rows";
import { Prisma } from "../../src/generated/prisma/client";

// The SQL builder's tables (infra/db/sql.ts `Database`) are derived from the Prisma client generated from
// schema.prisma, not written by hand: these checks fail compilation (tsc, the build) when they come apart.

/** The same columns with the same types (each assignable to the other, keys compared both ways). */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
const same = <A, B>(proof: Equal<A, B>) => proof;

test("each table's columns are Prisma's row of that model", () => {
  expect(same<Database["TechNeed"], NeedRow>(true)).toBe(true);
  expect(same<Database["User"], UserRow>(true)).toBe(true);
  expect(same<Database["Enterprise"], EnterpriseRow>(true)).toBe(true);
  expect(same<Database["Match"], MatchRow>(true)).toBe(true);
  // A column that is not in the schema is not in the table.
  expect(same<"noSuchColumn" extends keyof Database["TechNeed"] ? true : false, false>(true)).toBe(true);
});

test("every model of the schema is a table", () => {
  const tables: Record<keyof Database, true> = Object.fromEntries(Object.values(Prisma.ModelName).map((m) => [m, true])) as Record<keyof Database, true>;
  expect(Object.keys(tables).sort()).toEqual(Object.values(Prisma.ModelName).sort());
  expect(same<keyof Database, Prisma.ModelName>(true)).toBe(true);
});
