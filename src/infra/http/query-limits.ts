import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, getNamedType, isListType, getNullableType, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import type { RequestContext } from "./request-context";
import { DEFAULT_PAGE_SIZE } from "../relay/pagination";
import { payerOf, type QueryBudget } from "./query-budget";

/**
 * The declared limits on what one GraphQL request may ask (README "Query limits"). Shape limits are checked by
 * graphql-armor as validation rules, before execution; the cost by graphql-query-complexity once the operation is
 * resolved, also before execution, so a rejected query costs the server almost nothing. The same checks guard
 * HTTP (Apollo plugins), WebSocket operations (operation-guard.ts) and saved queries.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  // Aliases multiply work, but the cost below counts every aliased field too; this only stops absurd documents.
  maxAliases: 200,
  maxDirectives: 10,
  maxTokens: 2_000,
  /** Estimated objects a request may touch: each field costs 1, times its page size on paginated fields, plus what aggregating fields declare. */
  maxCost: 50_000,
};

export function shapeLimits() {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { enabled: false }, // graphql-js's parser counts tokens itself (parseOptions in app.ts): a 400, not a 500
    costLimit: { enabled: false }, // the cost below understands `first`
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

let rules: ValidationRule[] | undefined;
/** The shape limits as plain validation rules, for documents that do not pass through Apollo (built once). */
export function shapeRules(): ValidationRule[] {
  return (rules ??= shapeLimits().validationRules as ValidationRule[]);
}

// A field costs 1 plus its children, times its page size where it takes `first` (connections, matches …): the
// `first` given, else its declared default, else (a connection) the default page it returns; other lists are
// bounded by the schema (a need's responses, an expert's societies) and count once. A field that aggregates over
// whole tables (programmeStats) declares what it costs (`complexity` in its decorator), added to that.
const estimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const declared = typeof field.extensions?.complexity === "number" ? field.extensions.complexity : 0;
  const connection = getNamedType(field.type).name.endsWith("Connection");
  const list = connection || isListType(getNullableType(field.type));
  const first = typeof args.first === "number" && args.first > 0 ? args.first : connection && field.args.some((a) => a.name === "first") ? DEFAULT_PAGE_SIZE : null;
  return 1 + declared + childComplexity * (first && list ? first : 1);
};

/** The estimated cost of an operation, or null when its variables do not fit it (execution then says precisely why). */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number | null {
  // Apollo hands over the same parsed document for every request with the same text, and a page sends the same
  // few variables again and again: the walk over the document (a visible share of a small query's CPU) runs once.
  const key = JSON.stringify([operationName ?? null, variables ?? {}]);
  const bySchema = costs.get(schema) ?? costs.set(schema, new WeakMap()).get(schema)!;
  const known = bySchema.get(document);
  if (known?.has(key)) return known.get(key)!;
  let cost: number | null;
  try {
    cost = getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [estimator] });
  } catch {
    cost = null;
  }
  if (key.length <= MAX_COST_KEY) {
    const byVariables = known ?? new Map<string, number | null>();
    if (byVariables.size >= COSTS_PER_DOCUMENT) byVariables.clear(); // variables that never repeat keep no memory
    byVariables.set(key, cost);
    if (!known) bySchema.set(document, byVariables);
  }
  return cost;
}
// Per schema and document (dropped with them), then per operation name and variables; long variables (a
// mutation's texts) are not kept.
const costs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number | null>>>();
const MAX_COST_KEY = 1_000;
const COSTS_PER_DOCUMENT = 100;

/** Throws QUERY_TOO_COSTLY above the cost limit. */
export function assertAffordable(cost: number): void {
  if (cost <= QUERY_LIMITS.maxCost) return;
  throw new GraphQLError(`This query would cost ${cost}, above the limit of ${QUERY_LIMITS.maxCost}: ask for fewer items (first) or fewer fields`, {
    extensions: { code: "QUERY_TOO_COSTLY", cost, limit: QUERY_LIMITS.maxCost, http: { status: 400 } },
  });
}

/** Checks cost and budget for one operation and returns its cost (0 when it cannot be estimated). */
export async function chargeOperation(
  schema: GraphQLSchema,
  budget: QueryBudget,
  ctx: Pick<RequestContext, "viewer" | "clientAddress">,
  op: { document: DocumentNode; variables?: Record<string, unknown>; operationName?: string | null },
): Promise<number | null> {
  const cost = operationCost(schema, op.document, op.variables, op.operationName);
  if (cost === null) return null;
  assertAffordable(cost);
  await budget.spend(payerOf(ctx.viewer, ctx.clientAddress), cost);
  return cost;
}

/** Rejects a request above the cost limit or the caller's budget, and reports the cost in `extensions.cost`. */
export function costPlugin(schema: GraphQLSchema, budget: QueryBudget): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost: number | null = null;
      return {
        async didResolveOperation({ request, document, contextValue }) {
          cost = await chargeOperation(schema, budget, contextValue, { document, variables: request.variables, operationName: request.operationName });
        },
        async willSendResponse({ response }) {
          if (cost === null || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: cost, limit: QUERY_LIMITS.maxCost } };
        },
      };
    },
  };
}
