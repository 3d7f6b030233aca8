import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../../context/context";

/** Arms the request's deadline (infra/db/deadline.ts) once Apollo knows the operation is a query. */
export function executionTimeoutPlugin(timeoutMs: number): ApolloServerPlugin<Context> {
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
