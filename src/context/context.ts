import type { Logger } from "../infra/logger";
import type { Viewer } from "../infra/auth/viewer";
import type { Loaders } from "./loaders";
import type { Services } from "./services";
import type { Deadline } from "../infra/db/deadline";

/** What every resolver receives: who asks, this request's loaders, and the hub's services. */
export interface Context {
  viewer: Viewer;
  loaders: Loaders;
  services: Services;
  requestId: string;
  /** The client's network address (the socket's peer), for per-address login limits; null when unknown. */
  clientAddress?: string | null;
  log: Logger;
  /** The operation's time limit (armed for queries): see infra/http/execution-timeout.ts. */
  deadline?: Deadline;
  /** HUB_EXECUTION_TIMEOUT_MS: every query runs under it, at every door (HTTP, WebSocket, /export.csv, saved-query runs). */
  executionTimeoutMs?: number;
}
