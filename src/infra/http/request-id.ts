import { AsyncLocalStorage } from "node:async_hooks";

// Apollo's formatError is not given the request's context, and some errors (a bad token while building the
// context, an unparsable body) are shaped before any context exists: the request id travels with the request's
// async work instead, so that every error a client receives can name it.
const scope = new AsyncLocalStorage<string>();

/** Runs `work` (and everything it awaits) as the request `requestId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return scope.run(requestId, work);
}

/** The request id of the work in progress, if it runs inside `withRequestId`. */
export function currentRequestId(): string | undefined {
  return scope.getStore();
}
