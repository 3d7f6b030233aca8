import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

/**
 * The database being unreachable (a PostgreSQL restart, a cut network) is not a bug: clients get
 * SERVICE_UNAVAILABLE with HTTP 503 and Retry-After, so they retry, instead of a masked INTERNAL_SERVER_ERROR.
 */
export const SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
const RETRY_AFTER_SECONDS = "5";
const MESSAGE = "The database is unavailable right now; try again in a few seconds";

export function unavailableError(formatted: Pick<GraphQLFormattedError, "locations" | "path">): GraphQLFormattedError {
  return { message: MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: SERVICE_UNAVAILABLE } };
}

/** For errors raised before execution (building the context), where Apollo takes the status from the error. */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError(MESSAGE, {
    extensions: { code: SERVICE_UNAVAILABLE, http: { status: 503, headers: new Map([["retry-after", RETRY_AFTER_SECONDS]]) } },
  });
}

/** During execution errors are formatted after Apollo picked the status: set 503 when any of them is SERVICE_UNAVAILABLE. */
export function serviceUnavailableStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          if (!errors?.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", RETRY_AFTER_SECONDS);
        },
      };
    },
  };
}
