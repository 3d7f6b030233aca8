import type { Logger } from "../logger";
import type { Viewer } from "../auth/viewer";
import type { Deadline } from "../db/deadline";

/**
 * What the HTTP and WebSocket doors know of an operation's context: who asks and under which limits. The feature
 * layer's Context (context/context.ts) adds the loaders and services; infra sees only this part.
 */
export interface RequestContext {
  viewer: Viewer;
  requestId: string;
  /** The client's network address (the socket's peer), for per-address login limits; null when unknown. */
  clientAddress?: string | null;
  log: Logger;
  /** The operation's time limit (armed for queries): see infra/http/execution-timeout.ts. */
  deadline?: Deadline;
  /** HUB_EXECUTION_TIMEOUT_MS: every query runs under it, at every door (HTTP, WebSocket, /export.csv, saved-query runs). */
  executionTimeoutMs?: number;
}
