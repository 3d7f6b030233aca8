// A group's values executed together (src/infra/pubsub/list-execution.ts) give each payload the result executing it
// alone would give: its own data, and only its own errors (with the path it would have), interpreted or compiled.
import { execute, GraphQLError, GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from "graphql";
import { listExecution } from "../../src/infra/pubsub/list-execution";
import { loadCompiler } from "../../src/infra/http/compiled-executor";

interface Row {
  id: number;
  owner: string;
}

const Note = new GraphQLObjectType<Row, { viewer: string }>({
  name: "Note",
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    // Fails for row 2, as a resolver of one member's row may.
    title: { type: new GraphQLNonNull(GraphQLString), resolve: (row) => (row.id === 2 ? Promise.reject(new Error("row 2 cannot be read")) : `note ${row.id}`) },
    // Nullable and failing for row 3: that row's item keeps its other fields.
    extra: { type: GraphQLString, resolve: (row) => (row.id === 3 ? Promise.reject(new Error("no extra for 3")) : "extra") },
    seenBy: { type: GraphQLString, resolve: (_row, _args, ctx) => ctx.viewer },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({ name: "Subscription", fields: { note: { type: new GraphQLNonNull(Note), resolve: (row: Row) => row } } }),
});
const document = parse("subscription { note { id title extra seenBy } }");
const rows: Row[] = [1, 2, 3, 4].map((id) => ({ id, owner: `user ${id}` }));
const contextValue = { viewer: "one of the group" };

/** What executing each payload alone gives (graphql-js), errors as message and path. */
async function alone(row: Row): Promise<unknown> {
  return plain((await execute({ schema, document, rootValue: row, contextValue })) as ExecutionResult);
}

const plain = (result: ExecutionResult) => ({ data: result.data ?? null, errors: result.errors?.map((e) => ({ message: e.message, path: e.path })) });

describe.each([
  ["interpreted", undefined],
  ["compiled", loadCompiler()],
])("list execution (%s)", (_name, jit) => {
  test("each payload gets what executing it alone gives: its own data, its own errors, nobody else's", async () => {
    const results = await listExecution(schema, jit)({ schema, document, contextValue }, rows);
    expect(results).toHaveLength(4);
    expect(results.map(plain)).toEqual(await Promise.all(rows.map(alone)));
    expect(results[0]).toEqual({ data: { note: { id: "1", title: "note 1", extra: "extra", seenBy: "one of the group" } } });
    expect(results[1].data).toBeNull();
    expect(results[1].errors?.map((e) => [e.message, e.path])).toEqual([["row 2 cannot be read", ["note", "title"]]]);
    expect(results[1].errors?.[0]).toBeInstanceOf(GraphQLError);
    expect(results[2].data).toEqual({ note: { id: "3", title: "note 3", extra: null, seenBy: "one of the group" } });
    expect(results[2].errors?.map((e) => e.path)).toEqual([["note", "extra"]]);
    expect(results[3].errors).toBeUndefined();
  });

  test("one payload, or none", async () => {
    const execute1 = listExecution(schema, jit);
    expect(await execute1({ schema, document, contextValue }, [rows[3]])).toEqual([{ data: { note: { id: "4", title: "note 4", extra: "extra", seenBy: "one of the group" } } }]);
    expect(await execute1({ schema, document, contextValue }, [])).toEqual([]);
  });
});
