import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, getNamedType, isListType, getNullableType, type GraphQLSchema } from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Context } from "../../context/context";

/**
 * The declared limits on what one GraphQL request may ask (README "Query limits"). Shape limits are checked by
 * graphql-armor as validation rules, before execution; the cost by graphql-query-complexity once the operation is
 * resolved, also before execution, so a rejected query costs the server almost nothing.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  // Aliases multiply work, but the cost below counts every aliased field too; this only stops absurd documents.
  maxAliases: 200,
  maxDirectives: 10,
  maxTokens: 2_000,
  /** Estimated objects a request may touch: each field costs 1, times `first` on paginated fields. */
  maxCost: 50_000,
  /** Cost a user (or, anonymous, an address) may spend per minute on one instance (HUB_QUERY_BUDGET_PER_MINUTE). */
  costPerMinute: Number(process.env.HUB_QUERY_BUDGET_PER_MINUTE) || 1_000_000,
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

// A field costs 1 plus its children, times `first` where the field takes it (connections, matches …); other
// lists are bounded by the schema (a need's responses, an expert's societies) and count once.
const estimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const first = typeof args.first === "number" && args.first > 0 ? args.first : null;
  const list = isListType(getNullableType(field.type)) || getNamedType(field.type).name.endsWith("Connection");
  return 1 + childComplexity * (first && list ? first : 1);
};

/** Rejects a request above the cost limit or the caller's budget, and reports the cost in `extensions.cost`. */
export function costPlugin(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  const budget = new RateLimiterMemory({ points: QUERY_LIMITS.costPerMinute, duration: 60, keyPrefix: "query-cost" });
  return {
    async requestDidStart() {
      let cost: number | null = null;
      return {
        async didResolveOperation({ request, document, contextValue }) {
          try {
            cost = getComplexity({ schema, query: document, variables: request.variables ?? {}, operationName: request.operationName, estimators: [estimator] });
          } catch {
            return; // variables that do not fit the operation: execution answers with the precise BAD_USER_INPUT
          }
          if (cost > QUERY_LIMITS.maxCost) {
            throw new GraphQLError(`This query would cost ${cost}, above the limit of ${QUERY_LIMITS.maxCost}: ask for fewer items (first) or fewer fields`, {
              extensions: { code: "QUERY_TOO_COSTLY", cost, limit: QUERY_LIMITS.maxCost, http: { status: 400 } },
            });
          }
          const who = contextValue.viewer.kind === "user" ? `user:${contextValue.viewer.userId}` : `address:${contextValue.clientAddress ?? "unknown"}`;
          try {
            await budget.consume(who, Math.max(1, cost));
          } catch (err) {
            if (!(err instanceof RateLimiterRes)) throw err;
            const retryAfter = Math.ceil(err.msBeforeNext / 1000);
            throw new GraphQLError(`Query budget of ${QUERY_LIMITS.costPerMinute} per minute used up: retry in ${retryAfter} s`, {
              extensions: { code: "RATE_LIMITED", retryAfter, http: { status: 429, headers: new Map([["retry-after", String(retryAfter)]]) } },
            });
          }
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
