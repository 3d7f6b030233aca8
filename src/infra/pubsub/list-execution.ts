import {
  defaultFieldResolver,
  execute,
  getNullableType,
  GraphQLError,
  GraphQLList,
  GraphQLObjectType,
  GraphQLSchema,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldConfig,
} from "graphql";
import type { CompiledQuery } from "graphql-jit";

/** Executes a subscription document once for several payloads; one result per payload, as executing each would give. */
export type ExecuteEach = (args: ExecutionArgs, payloads: readonly unknown[]) => Promise<ExecutionResult[]>;

/**
 * One execution of a subscription document over many payloads (the rows of an event for many members of a
 * subscription group, multiplex.ts), instead of one execution per payload: a copy of the schema whose Subscription
 * fields each return the list of their payloads' values (items nullable, so that an error in one item nulls that
 * item only, as it would null that member's own result), and the result split back item by item. The other types
 * are the schema's own objects, resolvers and all: only the root changes. With `jit` (graphql-jit, as HTTP runs
 * operations: compiled-executor.ts) the document is compiled once per class's document, and each item costs
 * generated code instead of graphql-js's walk (measured: docs/benchmarks.md, "Fan-out").
 */
export function listExecution(schema: GraphQLSchema, jit?: typeof import("graphql-jit")): ExecuteEach {
  const root = schema.getSubscriptionType();
  if (!root) return async () => [];
  const config = root.toConfig();
  const fields: Record<string, GraphQLFieldConfig<unknown[], unknown>> = {};
  for (const [name, field] of Object.entries(config.fields)) {
    const resolve = field.resolve ?? defaultFieldResolver;
    fields[name] = {
      ...field,
      type: new GraphQLList(getNullableType(field.type)),
      resolve: (payloads, args, context, info) => payloads.map((payload) => resolve(payload, args, context, info)),
    } as GraphQLFieldConfig<unknown[], unknown>;
  }
  const listRoot = new GraphQLObjectType({ ...config, fields });
  const schemaConfig = schema.toConfig();
  const listSchema = new GraphQLSchema({ ...schemaConfig, subscription: listRoot, types: schemaConfig.types.map((t) => (t === root ? listRoot : t)) });

  if (!jit) {
    return async (args, payloads) => {
      const result = await execute({ ...args, schema: listSchema, rootValue: payloads });
      return payloads.map((_, i) => itemOf(result, i));
    };
  }
  // A class keeps the document its first member's operation was parsed into: compiled once per class.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  return async (args, payloads) => {
    const byName = compiled.get(args.document) ?? compiled.set(args.document, new Map()).get(args.document)!;
    const name = args.operationName ?? "";
    let query = byName.get(name);
    if (!query) byName.set(name, (query = jit.compileQuery(listSchema, args.document, args.operationName ?? undefined)));
    // A document graphql-jit cannot compile (none that passed validation is known) runs interpreted.
    const result = jit.isCompiledQuery(query)
      ? await query.query(payloads, args.contextValue, (args.variableValues ?? {}) as Record<string, unknown>)
      : await execute({ ...args, schema: listSchema, rootValue: payloads });
    return payloads.map((_, i) => itemOf(result, i));
  };
}

/** The i-th payload's result: its item of each root list, and the errors on its path (or on none: every item's). */
function itemOf(result: ExecutionResult, i: number): ExecutionResult {
  // Without errors (every event of a fan-out), the item of each root list and nothing to filter: one object per
  // member, not the arrays the general case below makes (a 10,000-member group runs this 10,000 times an event).
  if (!result.errors?.length) {
    let data: Record<string, unknown> | null = null;
    for (const key in result.data) {
      const list = result.data[key];
      (data ??= {})[key] = Array.isArray(list) ? (list[i] ?? null) : null;
    }
    return { data };
  }
  const errors = (result.errors ?? []).filter((e) => !e.path || e.path.length < 2 || e.path[1] === i).map((e) => withoutIndex(e));
  const items = result.data ? Object.entries(result.data).map(([key, list]) => [key, Array.isArray(list) ? (list[i] ?? null) : null] as const) : [];
  // The root field is non-null for a member executed alone: an error that nulled its item nulls its data.
  const data = !items.length || (errors.length && items.some(([, item]) => item === null)) ? null : Object.fromEntries(items);
  return errors.length ? { data, errors } : { data };
}

/** The error as executing its payload alone would have raised it: its path without the list's index. */
function withoutIndex(error: GraphQLError): GraphQLError {
  const path = error.path && error.path.length >= 2 && typeof error.path[1] === "number" ? [error.path[0], ...error.path.slice(2)] : error.path;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path, originalError: error.originalError, extensions: error.extensions });
}
