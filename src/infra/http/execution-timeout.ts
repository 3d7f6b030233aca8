import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, getOperationAST, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { RequestContext } from "./request-context";
import { Deadline, raceDeadline, TIMED_OUT } from "../db/deadline";

/** Arms the request's deadline (infra/db/deadline.ts) once Apollo knows the operation is a query. */
export function executionTimeoutPlugin(timeoutMs: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === "query") contextValue.deadline?.arm(timeoutMs);
        },
      };
    },
  };
}

export function timeoutBody(timeoutMs: number, requestId: string) {
  return {
    errors: [
      {
        message: `The query did not finish within ${timeoutMs} ms and was stopped: ask for less, or narrow it with filters`,
        extensions: { code: "TIMEOUT", limitMs: timeoutMs, requestId },
      },
    ],
  };
}

/** The TIMEOUT error as a GraphQL error, for doors that answer in GraphQL results (WebSocket, saved-query runs). */
export function timeoutError(timeoutMs: number): GraphQLError {
  const [error] = timeoutBody(timeoutMs, "").errors;
  return new GraphQLError(error!.message, { extensions: { code: "TIMEOUT", limitMs: timeoutMs } });
}

/**
 * graphql-ws's `execute` (queries and mutations over WebSocket) under the deadline HTTP has: a query still running
 * after the context's executionTimeoutMs is answered TIMEOUT and its further statements refused; a mutation is
 * never cut short.
 */
export function executeWithinDeadline(execute: (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult) {
  return async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const context = args.contextValue as RequestContext;
    const limitMs = context.executionTimeoutMs;
    if (!limitMs || getOperationAST(args.document, args.operationName)?.operation !== "query") return execute(args);
    const deadline = new Deadline();
    deadline.arm(limitMs);
    const result = await raceDeadline(deadline, async () => execute({ ...args, contextValue: { ...context, deadline } }));
    return result === TIMED_OUT ? { errors: [timeoutError(limitMs)] } : result;
  };
}
