// A subscription group (src/infra/pubsub/multiplex.ts): members that each receive their own values of an event share
// one stream; values of members alike in their facet are executed together, each member sent only its own result, in
// order; a group's stream that does not split its values per member reaches nobody.
import { GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionArgs } from "graphql";
import { createMultiplexer, memberEvent, SLICE, type Subscriber } from "../../src/infra/pubsub/multiplex";
import { listExecution } from "../../src/infra/pubsub/list-execution";
import { createLogger } from "../../src/infra/logger";
import type { Viewer } from "../../src/infra/auth/viewer";

interface Row {
  to: string;
  text: string;
}

/** A hand-driven event source: `push` makes an event, as pubsub would. */
function source<T>() {
  const waiting: Array<(value: IteratorResult<T>) => void> = [];
  const queued: T[] = [];
  return {
    push(value: T) {
      const take = waiting.shift();
      if (take) take({ done: false, value });
      else queued.push(value);
    },
    iterable: {
      [Symbol.asyncIterator]: () => ({
        next: () => (queued.length ? Promise.resolve({ done: false, value: queued.shift()! }) : new Promise<IteratorResult<T>>((r) => waiting.push(r))),
        return: async () => ({ done: true as const, value: undefined }),
      }),
    },
  };
}

// Each test's group listens to a source of its own (the schema's subscribe reads the current one).
let events = source<unknown>();
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: "Subscription",
    fields: {
      note: {
        type: new GraphQLNonNull(new GraphQLObjectType<Row, { executedAs: string }>({
          name: "Note",
          fields: { text: { type: GraphQLString }, executedAs: { type: GraphQLString, resolve: (_row, _args, ctx) => ctx.executedAs } },
        })),
        subscribe: () => events.iterable,
        resolve: (row: Row) => row,
      },
    },
  }),
});

const viewer = (name: string) => ({ kind: "user", userId: name.length, name }) as unknown as Viewer;
const nameOf = (v: Viewer) => (v as unknown as { name: string }).name;

function setUp(perMember: boolean, refused: string[] = []) {
  events = source<unknown>();
  const asked: string[][] = [];
  let executions = 0;
  const multiplex = createMultiplexer({
    classOf: () => ({ key: "one group", perMember }),
    executeEach: listExecution(schema),
    // One question per event for all the members it concerns, answered in their order.
    mayReceive: (viewers) => (asked.push(viewers.map(nameOf)), viewers.map((v) => !refused.includes(nameOf(v)))),
    executed: () => void executions++,
    log: createLogger("silent"),
  });
  const received = new Map<string, unknown[]>();
  const join = async (name: string) => {
    const contextValue = { executedAs: name };
    const member: Subscriber = {
      socket: { readyState: 1, send: (data: string) => void (received.get(name) ?? received.set(name, []).get(name)!).push(JSON.parse(data).payload.data.note) },
      id: name,
      viewer: viewer(name),
      context: contextValue,
      shape: (result) => result,
    };
    multiplex.bind(contextValue, member);
    const args: ExecutionArgs = { schema, document: parse("subscription { note { text executedAs } }"), contextValue };
    await multiplex.subscribe(args);
  };
  return { join, received, asked, executions: () => executions };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

test("each member gets only its own values, in order; members alike in their facet are executed together", async () => {
  const group = setUp(true);
  for (const name of ["ann", "bob", "cy"]) await group.join(name);
  const own: Record<string, Array<{ text: string; facet: string }>> = {
    ann: [{ text: "ann 1", facet: "org A" }, { text: "ann 2", facet: "ann alone" }],
    bob: [{ text: "bob 1", facet: "org A" }],
    cy: [{ text: "cy 1", facet: "org B" }],
  };
  events.push(
    memberEvent({
      concerns: (v) => nameOf(v) in own,
      valuesFor: async (v) => own[nameOf(v)].map(({ text, facet }) => ({ value: { to: nameOf(v), text }, facet })),
      contextFor: (base) => base,
    }),
  );
  await settle();
  // ann and bob (org A) together, executed with the first one's context; cy alone; ann's second value in a second round
  expect(group.received.get("ann")).toEqual([{ text: "ann 1", executedAs: "ann" }, { text: "ann 2", executedAs: "ann" }]);
  expect(group.received.get("bob")).toEqual([{ text: "bob 1", executedAs: "ann" }]);
  expect(group.received.get("cy")).toEqual([{ text: "cy 1", executedAs: "cy" }]);
  expect(group.executions()).toBe(3);
});

test("a group whose stream yields a value not split per member sends it to nobody", async () => {
  const group = setUp(true);
  await group.join("dee");
  events.push({ to: "someone", text: "not split" });
  await settle();
  expect(group.received.get("dee")).toBeUndefined();
  expect(group.executions()).toBe(0);
});

test("the tokens of the members an event concerns are checked together; a member refused gets nothing, the others theirs", async () => {
  const group = setUp(true, ["bob"]);
  for (const name of ["ann", "bob", "cy", "dee"]) await group.join(name);
  const own: Record<string, string[]> = { ann: ["ann 1"], bob: ["bob 1"], cy: ["cy 1"] };
  events.push(
    memberEvent({
      concerns: (v) => nameOf(v) in own,
      // values the event carries: no promise
      valuesFor: (v) => own[nameOf(v)].map((text) => ({ value: { to: nameOf(v), text }, facet: "org A" })),
      contextFor: (base) => base,
    }),
  );
  await settle();
  expect(group.asked).toEqual([["ann", "bob", "cy"]]);
  expect(group.received.get("ann")).toEqual([{ text: "ann 1", executedAs: "ann" }]);
  expect(group.received.get("cy")).toEqual([{ text: "cy 1", executedAs: "ann" }]);
  expect(group.received.get("bob")).toBeUndefined();
  expect(group.received.get("dee")).toBeUndefined();
  expect(group.executions()).toBe(1);
});

test("a facet of more members than a slice: executed slice by slice, each member still sent its own values, in order", async () => {
  const group = setUp(true);
  const names = Array.from({ length: 2 * SLICE + 1 }, (_, i) => `m${i}`);
  for (const name of names) await group.join(name);
  events.push(
    memberEvent({
      concerns: () => true,
      valuesFor: (v) => [1, 2].map((k) => ({ value: { to: nameOf(v), text: `${nameOf(v)} ${k}` }, facet: "org A" })),
      contextFor: (base) => base,
    }),
  );
  await settle();
  for (const name of names) expect(group.received.get(name)).toEqual([{ text: `${name} 1`, executedAs: "m0" }, { text: `${name} 2`, executedAs: "m0" }]);
  // two rounds of three slices each
  expect(group.executions()).toBe(6);
});
