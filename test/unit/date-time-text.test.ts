// Compiled operations hold a DateTime's ISO text instead of the Date (compiled-executor.ts, dateTimeAsText): the
// JSON of the answer must not change, nor the scalar's checks and errors.
import { buildSchema, type GraphQLScalarType } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { dateTimeAsText } from "../../src/infra/http/compiled-executor";

const schema = buildSchema(`scalar DateTime type Query { at: DateTime }`);
Object.assign(schema.getType("DateTime") as GraphQLScalarType, { serialize: DateTimeResolver.serialize });
const { DateTime } = dateTimeAsText(schema);

test("the text JSON.stringify writes for what the scalar serializes, for Dates, strings and numbers", () => {
  const values = [new Date(Date.UTC(2026, 4, 2, 1, 52, 49, 710)), new Date(0), new Date(Date.UTC(-1, 0, 1)), "2026-05-02T09:52:49.710+08:00", 1_700_000_000_000];
  for (const value of [...values, ...values]) expect(JSON.stringify({ at: DateTime(value) })).toBe(JSON.stringify({ at: DateTimeResolver.serialize(value) }));
  expect(typeof DateTime(values[0])).toBe("string");
});

test("more instants than it keeps: still each one's own text", () => {
  for (let i = 0; i < 10_050; i++) {
    const date = new Date(1_700_000_000_000 + i * 7); // a few milliseconds apart
    expect(DateTime(date)).toBe(date.toISOString());
  }
});

test("the scalar's own refusals are kept", () => {
  for (const bad of [new Date(NaN), "not a date", { a: 1 }]) expect(() => DateTime(bad)).toThrow(errorOf(() => DateTimeResolver.serialize(bad)));
});

test("a schema without DateTime gets no custom serializer", () => {
  expect(dateTimeAsText(buildSchema(`type Query { a: Int }`))).toEqual({});
});

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("did not throw");
}
