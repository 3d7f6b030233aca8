import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { DomainError } from "../errors";
import type { Logger } from "../logger";
import { currentRequestId } from "./request-id";
import { isDatabaseUnavailable } from "../db/unavailable";
import { wasCutShort } from "../db/deadline";
import { unavailableError } from "./service-unavailable";

/**
 * Apollo's `formatError` (and the WebSocket hooks'): shapes each error, names the request it belongs to in
 * `extensions.requestId` (the same id as the `x-request-id` header and the log lines), and tells `onError`
 * the code it went out with (the metrics' errors by code).
 */
export function formatError(log: Logger, onError: (code: string) => void = () => {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestId = currentRequestId();
    const shaped = shapeError(requestId ? log.child({ requestId }) : log)(formatted, error);
    onError(String(shaped.extensions?.code ?? "UNKNOWN"));
    return requestId ? { ...shaped, extensions: { ...shaped.extensions, requestId } } : shaped;
  };
}

/**
 * The one place where errors become what clients see: domain errors keep their code and field, input
 * validation becomes BAD_USER_INPUT naming the field, GraphQL's own errors pass, and everything else is
 * logged and masked (no stack traces, SQL or file paths reach clients).
 */
function shapeError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...(original.field ? { field: original.field } : {}), ...original.extra } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") {
      const { http: _http, stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...base, extensions: { ...extensions, code, ...fieldOf(formatted) } };
    }
    // An operation past its deadline (HUB_EXECUTION_TIMEOUT_MS): its answer is replaced by TIMEOUT anyway.
    if (wasCutShort(error)) return { ...base, message: "The operation ran out of time", extensions: { code: "TIMEOUT" } };
    if (isDatabaseUnavailable(error)) {
      log.warn({ err: original, path: formatted.path }, "database unavailable");
      return unavailableError(formatted);
    }
    log.error({ err: original, path: formatted.path }, "unexpected error");
    return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}

// Variable coercion errors say `Variable "$input" got invalid value … at "input.deadline"`: keep that path as the field.
function fieldOf(formatted: GraphQLFormattedError): { field?: string } {
  const match = /at "([^"]+)"/.exec(formatted.message) ?? /^Variable "\$([^"]+)"/.exec(formatted.message);
  return match ? { field: match[1] } : {};
}
