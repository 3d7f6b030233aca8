import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from "graphql";
import type { SubscribePayload } from "graphql-ws";
import type { RequestContext } from "./request-context";
import type { QueryBudget } from "./query-budget";
import { chargeOperation, QUERY_LIMITS, shapeRules } from "./query-limits";
import type { TrustedDocuments } from "./trusted-documents";

/**
 * What Apollo's plugins do for HTTP, done for operations over WebSocket (graphql-ws's onSubscribe): trusted
 * documents, the token and shape limits, the cost limit and the caller's budget, all before anything runs.
 * Returns the execution arguments, or the errors that refuse the operation.
 */
export function wsOperationGuard(deps: { schema: GraphQLSchema; trusted: TrustedDocuments; budget: QueryBudget }) {
  const rules = [...specifiedRules, ...shapeRules()];
  return async (contextValue: RequestContext, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    try {
      const text = await deps.trusted.admit(contextValue.viewer, payload as SubscribePayload & { documentId?: unknown });
      if (!text) return [refusal("BAD_REQUEST", "Send a query (or the documentId of a trusted document)")];
      const document = parseLimited(text);
      if (document instanceof GraphQLError) return [document];
      const problems = validate(deps.schema, document, rules);
      if (problems.length) return problems.map((p) => coded(p, "GRAPHQL_VALIDATION_FAILED"));
      if (!getOperationAST(document, payload.operationName ?? undefined)) return [refusal("BAD_REQUEST", "Name the operation to run (operationName)")];
      const variables = payload.variables ?? undefined;
      await chargeOperation(deps.schema, deps.budget, contextValue, { document, variables, operationName: payload.operationName });
      return { schema: deps.schema, document, variableValues: variables, operationName: payload.operationName ?? undefined, contextValue };
    } catch (err) {
      if (err instanceof GraphQLError) return [withoutHttp(err)];
      throw err;
    }
  };
}

function parseLimited(text: string): DocumentNode | GraphQLError {
  try {
    return parse(text, { maxTokens: QUERY_LIMITS.maxTokens });
  } catch (err) {
    return err instanceof GraphQLError ? coded(err, "GRAPHQL_PARSE_FAILED") : refusal("GRAPHQL_PARSE_FAILED", String(err));
  }
}

// HTTP status hints mean nothing on a socket.
function withoutHttp(error: GraphQLError): GraphQLError {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  return new GraphQLError(error.message, { extensions });
}

// The codes Apollo gives the same errors over HTTP (it overrides graphql-armor's; uncoded errors would be masked).
function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

function refusal(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
