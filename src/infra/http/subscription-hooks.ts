import { randomUUID } from "node:crypto";
import type { ExecutionResult, GraphQLError } from "graphql";
import type { Logger } from "../logger";
import type { HubMetrics } from "../metrics/metrics";
import { formatError } from "./format-error";
import { withRequestId } from "./request-id";

type Socket = object;

/**
 * graphql-ws hooks that give operations over WebSocket what HTTP ones have: a request id per subscribe (in the
 * context, the logs and every error's `extensions.requestId`), errors shaped and masked by the same
 * `formatError`, and the count of open subscriptions.
 */
export function subscriptionHooks(log: Logger, metrics: HubMetrics) {
  const format = formatError(log, (code) => metrics.errors.inc({ code }));
  // Per socket: operation id → its request id, and the ids that are open subscriptions (gone with the socket).
  const requestIds = new WeakMap<Socket, Map<string, string>>();
  const open = new WeakMap<Socket, Set<string>>();
  const idsOf = (ctx: Socket) => requestIds.get(ctx) ?? requestIds.set(ctx, new Map()).get(ctx)!;
  // GraphQL's own errors (validation, variable coercion: no path, since no resolver threw them) get the code Apollo
  // gives them over HTTP; without one they would be masked as internal.
  const shape = (ctx: Socket, id: string, errors: readonly GraphQLError[], ownCode: string) =>
    withRequestId(requestIdOf(ctx, id), () =>
      errors.map((error) => {
        const json = error.toJSON();
        const own = !json.path && !json.extensions?.code;
        return format(own ? { ...json, extensions: { ...json.extensions, code: ownCode } } : json, error);
      }),
    );
  const requestIdOf = (ctx: Socket, id: string): string => {
    const ids = idsOf(ctx);
    return ids.get(id) ?? ids.set(id, randomUUID()).get(id)!;
  };
  const hooks = {
    onSubscribe: (ctx: Socket, id: string): void => void requestIdOf(ctx, id),
    onOperation: (ctx: Socket, id: string, _payload: unknown, _args: unknown, result: unknown): void => {
      if (!result || typeof result !== "object" || !(Symbol.asyncIterator in result)) return;
      (open.get(ctx) ?? open.set(ctx, new Set()).get(ctx)!).add(id);
      metrics.activeSubscriptions.inc();
    },
    onNext: (ctx: Socket, id: string, _payload: unknown, _args: unknown, result: ExecutionResult) =>
      result.errors?.length ? { ...result, errors: shape(ctx, id, result.errors, "BAD_USER_INPUT") } : undefined,
    // Validation errors end an operation without onComplete: forget its id here.
    onError: (ctx: Socket, id: string, _payload: unknown, errors: readonly GraphQLError[]) => {
      const shaped = shape(ctx, id, errors, "GRAPHQL_VALIDATION_FAILED");
      idsOf(ctx).delete(id);
      return shaped;
    },
    // Also called when the client completes or the socket closes (graphql-ws completes every open stream).
    onComplete: (ctx: Socket, id: string): void => {
      if (open.get(ctx)?.delete(id)) metrics.activeSubscriptions.dec();
      idsOf(ctx).delete(id);
    },
  };
  return { requestIdOf, hooks };
}
