import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import { GraphQLError, isScalarType, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import type { CompiledQuery } from "graphql-jit";
import { replaceGatewayRequestBuilder } from "../library-patches/gateway-request";

// Operations over HTTP run as JavaScript compiled from their document (graphql-jit) instead of graphql-js's
// interpreter, which walks the syntax tree and builds a resolve info for every field of every row: on the home page
// (about 1,100 fields) that walk was the largest cost left after the statements. Apollo still parses, validates and
// runs every plugin; only execution is swapped, through Apollo's documented gateway interface (the one place it
// takes an executor). Parsed documents come from Apollo's own bounded cache, so a compiled operation lives as long
// as its document does there. Subscriptions (graphql-ws) and saved queries keep graphql-js.

type Compiled = CompiledQuery | ExecutionResult;
type Gateway = ApolloServerOptionsWithGateway<object>["gateway"];
type Executor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;

type Compiler = typeof import("graphql-jit");
let compiler: Compiler | undefined;

/**
 * graphql-jit with what it loads (fast-json-stringify and ajv, some 80 modules; (measured: docs/benchmarks.md, "Design decisions measured")) is read on first use:
 * start-up calls this while the database opens (app.ts), so the time is spent while PGlite compiles WebAssembly.
 */
export function loadCompiler(): Compiler {
  // require, not import(): the ES build would bring graphql's ES build, whose GraphQLError is another class.
  return (compiler ??= require("graphql-jit") as Compiler);
}

/** An Apollo gateway that serves `schema` as it is and executes compiled operations. */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  const { compileQuery, isCompiledQuery } = loadCompiler();
  replaceGatewayRequestBuilder(); // what Apollo hands the executor, without closures that outlive the request
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const options = { customSerializers: dateTimeAsText(schema) };
  const compiledFor = (document: DocumentNode, operationName: string | null): Compiled => {
    const byName = compiled.get(document) ?? compiled.set(document, new Map()).get(document)!;
    const key = operationName ?? "";
    let query = byName.get(key);
    if (!query) byName.set(key, (query = compileQuery(schema, document, operationName ?? undefined, options)));
    return query;
  };
  const executor: Executor = async ({ document, operation, operationName, context, request }) => {
    const query = compiledFor(document, operationName);
    // Apollo validated the document already; a compile error (an operation it cannot run) is returned as graphql-js would.
    if (!isCompiledQuery(query)) return query;
    // Variables are checked by graphql-js first, as its `execute` would: the same errors (naming the variable and
    // the path inside it), which Apollo answers with 400 and format-error.ts turns into BAD_USER_INPUT with a field.
    const variables = request.variables ?? {};
    const checked = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (checked.errors) return { errors: checked.errors };
    const result = await query.query(undefined, context, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors look like graphql-js's but leave `extensions` undefined when the thrown error has none, and
 * Apollo reads `extensions.code` from every error: each becomes a graphql-js error with the same message, locations,
 * path and original error (which format-error.ts unwraps).
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  (converted as { locations?: GraphQLError["locations"] }).locations = error.locations;
  return converted;
}

/** Distinct instants whose ISO text is kept (a map cleared when full: a page shows the same rows again and again). */
const KEPT_INSTANTS = 10_000;

/**
 * The DateTime scalar serializes to a Date, which JSON.stringify writes through the Date's toJSON, called from V8's
 * C++ and formatting with snprintf: about 11,000 instructions a date (callgrind), some 200,000 per home page. The
 * compiled operation keeps the scalar's own checks and errors, then holds the Date's ISO text, the text
 * JSON.stringify would write for it, kept per instant. Answers are the same bytes; only a compiled answer's data
 * in the process holds text where it held a Date (the CSV export writes both alike).
 */
export function dateTimeAsText(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  const scalar = schema.getType("DateTime");
  if (!isScalarType(scalar)) return {};
  const texts = new Map<number, string>();
  return {
    DateTime(value) {
      const date: unknown = scalar.serialize(value);
      if (!(date instanceof Date) || date.toJSON !== Date.prototype.toJSON) return date;
      const time = date.getTime();
      let text = texts.get(time);
      if (text === undefined) {
        if (texts.size >= KEPT_INSTANTS) texts.clear();
        texts.set(time, (text = date.toJSON()));
      }
      return text;
    },
  };
}
