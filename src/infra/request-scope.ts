import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What an operation's async work carries with it: the request's id (format-error.ts) and its deadline
 * (db/deadline.ts). One AsyncLocalStorage for both, not one each: on Node 20 an async hook copies every storage onto
 * every promise made while any is in use, and a home page makes some 230 promises (measured: docs/benchmarks.md, read
 * path, "Issue 30 §2, the home page's remaining cost").
 */
export interface RequestScope {
  readonly requestId?: string;
  // db/deadline.ts adds its `deadline` (declaration merging: this file imports no user of the scope).
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `work` (and everything it awaits) with `changes` over the scope it is called in. */
export function runInScope<T>(changes: RequestScope, work: () => T): T {
  const outer = scope.getStore();
  return scope.run(outer ? { ...outer, ...changes } : changes, work);
}

/** The scope of the work in progress (empty outside any `runInScope`). */
export function currentScope(): RequestScope {
  return scope.getStore() ?? NO_SCOPE;
}

const NO_SCOPE: RequestScope = Object.freeze({});
