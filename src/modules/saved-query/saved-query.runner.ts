import { execute, GraphQLError, parse, type DocumentNode, type GraphQLSchema } from "graphql";
import type { Context } from "../../context/context";
import { formatError } from "../../infra/http/format-error";
import { chargeOperation, QUERY_LIMITS } from "../../infra/http/query-limits";
import type { QueryBudget } from "../../infra/http/query-budget";
import { Deadline, currentDeadline, raceDeadline, TIMED_OUT } from "../../infra/db/deadline";
import { timeoutError } from "../../infra/http/execution-timeout";
import { savedQueryRuns, type SavedQueryRow } from "./saved-query.service";

export interface SavedQueryRunResult {
  savedQuery: SavedQueryRow;
  data: Record<string, unknown> | null;
  errors: Array<{ message: string; code: string; path: string[] | null }>;
  cost: number | null;
  ranAt: Date;
}

// Saved documents were validated when saved and do not change without a new hash: parse each once.
const parsed = new Map<string, DocumentNode>();
export function documentOf(row: SavedQueryRow): DocumentNode {
  let document = parsed.get(row.documentHash);
  if (!document) {
    if (parsed.size >= 1_000) parsed.clear();
    parsed.set(row.documentHash, (document = parse(row.document, { maxTokens: QUERY_LIMITS.maxTokens })));
  }
  return document;
}

/**
 * Runs a saved query exactly as /graphql would for this caller: the caller's rights (not the owner's), fresh
 * loaders, the cost limit and budget, and errors shaped by the same formatError (nothing internal leaks).
 */
export async function runSavedQuery(
  ctx: Context,
  schema: GraphQLSchema,
  budget: QueryBudget,
  row: SavedQueryRow,
  variables: Record<string, unknown> = {},
): Promise<SavedQueryRunResult> {
  const document = documentOf(row);
  const ranAt = new Date();
  let cost: number | null = null;
  try {
    cost = await chargeOperation(schema, budget, ctx, { document, variables, operationName: row.operationName });
  } catch (err) {
    return { savedQuery: row, data: null, errors: [shape(ctx, err as GraphQLError)], cost, ranAt };
  }
  // Saved before saved queries were refused in saved queries (saveQuery): a run that runs runs would never end.
  const nested = savedQueryRuns(document);
  if (nested) return { savedQuery: row, data: null, errors: [shape(ctx, new GraphQLError(nested, { extensions: { code: "BAD_USER_INPUT" } }))], cost, ranAt };
  const contextValue: Context = { ...ctx, loaders: ctx.services.loaderSets.forViewer(ctx.viewer) };
  const run = () => Promise.resolve(execute({ schema, document, variableValues: variables, operationName: row.operationName, contextValue }));
  const result = await withinDeadline(ctx.executionTimeoutMs, run);
  if (result === TIMED_OUT) return { savedQuery: row, data: null, errors: [shape(ctx, timeoutError(ctx.executionTimeoutMs!))], cost, ranAt };
  // Without `data`, execution never started: the variables did not fit (Apollo calls that BAD_USER_INPUT too).
  const requestErrors = !("data" in result);
  const errors = (result.errors ?? []).map((e) => shape(ctx, requestErrors ? withCode(e, "BAD_USER_INPUT") : e));
  return { savedQuery: row, data: (result.data as Record<string, unknown> | null | undefined) ?? null, errors, cost, ranAt };
}

/**
 * Inside an operation (runSavedQuery over HTTP or WebSocket, an export) the run shares that operation's deadline;
 * run on its own (savedQueryResult, re-run after writes) it gets one of its own.
 */
async function withinDeadline<T>(limitMs: number | undefined, run: () => Promise<T>): Promise<T | typeof TIMED_OUT> {
  if (currentDeadline() || !limitMs) return run();
  const deadline = new Deadline();
  deadline.arm(limitMs);
  return raceDeadline(deadline, run);
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return error.extensions.code ? error : new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });
}

function shape(ctx: Context, error: GraphQLError): SavedQueryRunResult["errors"][number] {
  const formatted = formatError(ctx.log)(error.toJSON(), error);
  return { message: formatted.message, code: String(formatted.extensions?.code ?? "INTERNAL_SERVER_ERROR"), path: formatted.path?.map(String) ?? null };
}
