/**
 * Whether an error means "the database cannot be reached right now" (PostgreSQL restarting, network cut, pool
 * exhausted) rather than a bug: such errors become SERVICE_UNAVAILABLE (HTTP 503, retry later) instead of a masked
 * INTERNAL_SERVER_ERROR. Errors arrive wrapped in several layers (GraphQL, Prisma, the pg adapter, pg), so the
 * whole chain is searched.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some(looksUnavailable);
}

// Prisma: P1001 unreachable, P1002 timed out, P1008 socket timeout, P1017 server closed the connection,
// P2024 pool timeout, P2037 too many connections.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
// Node sockets.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);
// SQLSTATE: class 08 connection exception; 57P01–57P03 shutdown / crash / cannot connect now; 53300 too many connections.
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
// Prisma's driver adapters name the reason in `meta.driverAdapterError.cause.kind`: for a raw query that is all
// there is (its own code is P2010, "raw query failed", whatever the reason).
const DRIVER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// pg's own errors carry no code: a connection dropped mid-query, or no pooled connection in time.
const PG_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Unable to start a transaction in the given time/i;

function looksUnavailable(error: Record<string, unknown>): boolean {
  for (const key of ["code", "originalCode", "errorCode"]) {
    const code = error[key];
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
  }
  if (typeof error.kind === "string" && DRIVER_KINDS.has(error.kind)) return true;
  return typeof error.message === "string" && PG_MESSAGES.test(error.message);
}

/** The error and everything it wraps: `originalError` (GraphQL), `cause`, Prisma's `meta.driverAdapterError`. */
export function causes(error: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  let pending: unknown[] = [error];
  while (pending.length && found.length < 20) {
    const next: unknown[] = [];
    for (const item of pending) {
      if (!item || typeof item !== "object" || found.includes(item as Record<string, unknown>)) continue;
      const record = item as Record<string, unknown>;
      found.push(record);
      const meta = record.meta as Record<string, unknown> | undefined;
      next.push(record.originalError, record.cause, meta?.driverAdapterError);
    }
    pending = next;
  }
  return found;
}
