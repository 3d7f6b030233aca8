import { currentScope, runInScope } from "../request-scope";

// Apollo's formatError is not given the request's context, and some errors (a bad token while building the
// context, an unparsable body) are shaped before any context exists: the request id travels with the request's
// async work instead (request-scope.ts), so that every error a client receives can name it.

/** Runs `work` (and everything it awaits) as the request `requestId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return runInScope({ requestId }, work);
}

/** The request id of the work in progress, if it runs inside `withRequestId`. */
export function currentRequestId(): string | undefined {
  return currentScope().requestId;
}
