import "reflect-metadata";
import { unguarded } from "../../src/schema/apply-policy";
import { directFields, hubSchema } from "../../src/schema/build-schema";
import { ConnectionArgs } from "../../src/infra/relay/connection.args";

/**
 * A stand-in for the context and the resolve info that records what a resolver asks of it: every property is
 * another recorder, every call returns the path and arguments as text. Two resolvers that do the same thing with it
 * return the same text (or throw the same error).
 */
function recorder(path: string): any {
  const call = (...args: unknown[]) => `${path}(${JSON.stringify(args, withClass)})`;
  return new Proxy(call, {
    // Not a thenable: `await` would otherwise call `then` and wait for ever.
    get: (_target, key) => (typeof key === "symbol" || key === "then" ? undefined : recorder(`${path}.${key}`)),
  });
}

/** A class instance recorded with its class's name: an @Args class must reach the method as an instance, as type-graphql gives it. */
function withClass(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date) return value;
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return name && name !== "Object" ? { class: name, ...value } : value;
}

/** An outcome as JSON (functions, such as the recorder's, by their text): two resolvers' outcomes compare by value. */
const asJson = (outcome: unknown): unknown => JSON.parse(JSON.stringify(outcome, (key, value) => (typeof value === "function" ? String(value) : withClass(key, value))));

const ROW = {
  id: 7,
  needId: 3,
  enterpriseId: 2,
  expertId: 4,
  platformId: null,
  societyId: null,
  supplierKind: "EXPERT",
  chainCode: "NEW_ENERGY",
  status: "OPEN",
  isChallenge: true,
  submissionDeadline: new Date("2030-01-01T00:00:00Z"),
  score: 0.5,
  rank: 1,
  breakdown: [{ feature: "text", value: 1, weight: 0.5, contribution: 0.5 }],
};

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (err) {
    const error = err as Error & { code?: unknown; field?: unknown };
    return { error: error.message, code: error.code, field: error.field };
  }
}

describe("field resolvers called directly (direct-resolvers.ts)", () => {
  beforeAll(() => hubSchema());

  it("covers the fields a page of needs and matches resolves many times over", () => {
    const names = directFields().map((f) => `${f.typeName}.${f.fieldName}`);
    expect(names).toEqual(expect.arrayContaining(["Match.id", "Match.supplier", "TechNeed.id", "TechNeed.industryChain", "TechNeed.matches", "TechNeed.enterprise"]));
  });

  it("covers connections (@Args of scalars without rules) and root queries, as the analyst's list of needs", () => {
    const names = directFields().map((f) => `${f.typeName}.${f.fieldName}`);
    expect(names).toEqual(expect.arrayContaining(["Enterprise.needs", "Query.needs", "Query.me", "Query.notifications"]));
  });

  it("leaves type-graphql's wrapper to mutations", () => {
    const names = directFields().map((f) => `${f.typeName}.${f.fieldName}`);
    expect(names.filter((name) => name.startsWith("Mutation."))).toEqual([]);
  });

  it("passes an @Args class as an instance of it, with only the fields given, as type-graphql does", async () => {
    const enterprises = directFields().find((f) => f.typeName === "Query" && f.fieldName === "enterprises")!;
    const pages: object[] = [];
    const context = { services: { enterprises: { list: (_ctx: unknown, page: object) => (pages.push(page), Promise.reject(new Error("enough"))) } } };
    for (const resolve of [enterprises.direct, enterprises.wrapped]) await outcome(() => resolve(undefined, { first: 5, filter: null }, context, recorder("info")));
    const [direct, wrapped] = pages;
    expect(direct).toBeInstanceOf(ConnectionArgs);
    expect(Object.keys(direct)).toEqual(Object.keys(wrapped));
    expect(direct).toEqual(wrapped);
    expect({ ...direct }).toEqual({ first: 5 });
  });

  it("goes through the wrapper when an input-class argument is given: converted and validated as before", async () => {
    const needs = directFields().find((f) => f.typeName === "Query" && f.fieldName === "needs")!;
    const args = { first: 5, filter: { text: "x".repeat(101) } };
    const direct = await outcome(() => needs.direct(undefined, args, recorder("context"), recorder("info")));
    expect(direct).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.text" });
    expect(direct).toEqual(await outcome(() => needs.wrapped(undefined, args, recorder("context"), recorder("info"))));
  });

  it("installs the direct resolver in the schema (under the access policy's guard, for guarded fields)", async () => {
    const schema = await hubSchema();
    for (const field of directFields()) {
      const type = schema.getType(field.typeName) as { getFields(): Record<string, { resolve?: unknown }> };
      expect(unguarded(type.getFields()[field.fieldName].resolve)).toBe(field.direct);
    }
  });

  it("gives what type-graphql's wrapper gives, value or error, for every field it replaced", async () => {
    expect(directFields().length).toBeGreaterThan(40);
    jest.useFakeTimers({ now: new Date("2026-06-01T00:00:00Z"), doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    for (const field of directFields()) {
      const args = { first: 5, supplierKinds: ["EXPERT"], minScore: 0.2 };
      const direct = asJson(await outcome(() => field.direct(ROW, args, recorder("context"), recorder("info"))));
      const wrapped = asJson(await outcome(() => field.wrapped(ROW, args, recorder("context"), recorder("info"))));
      expect({ field: `${field.typeName}.${field.fieldName}`, ...(direct as object) }).toEqual({ field: `${field.typeName}.${field.fieldName}`, ...(wrapped as object) });
    }
    jest.useRealTimers();
  });

  it("refuses text the database cannot keep in any argument, as the validator does", async () => {
    const matches = directFields().find((f) => f.typeName === "TechNeed" && f.fieldName === "matches")!;
    const args = { first: 5, supplierKinds: null, minScore: null, note: "a\u0000b" };
    const direct = await outcome(() => matches.direct(ROW, args, recorder("context"), recorder("info")));
    expect(direct).toEqual(await outcome(() => matches.wrapped(ROW, args, recorder("context"), recorder("info"))));
    expect(direct).toMatchObject({ code: "BAD_USER_INPUT", field: "note" });
  });
});
