import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The hub's Prometheus metrics, on a registry of its own (not prom-client's global one): tests start several
 * hubs in one process, and each must count only its own traffic. Labels are bounded (routes and operation
 * names come from fixed or capped sets) so that no client can grow the series without limit.
 */
export interface HubMetrics {
  registry: Registry;
  httpRequests: Counter<"route" | "status">;
  operations: Counter<"operation" | "type" | "outcome">;
  operationSeconds: Histogram<"operation" | "type">;
  errors: Counter<"code">;
  activeSubscriptions: Gauge;
  subscriptionExecutions: Counter;
  matchingSeconds: Histogram<"direction">;
}

export function createHubMetrics(): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: "hub_http_requests_total", help: "HTTP requests answered, by route and status", labelNames: ["route", "status"], registers }),
    operations: new Counter({
      name: "hub_graphql_operations_total",
      help: "GraphQL operations over HTTP, by operation name, type and outcome (ok or error)",
      labelNames: ["operation", "type", "outcome"],
      registers,
    }),
    operationSeconds: new Histogram({
      name: "hub_graphql_operation_duration_seconds",
      help: "Time from receiving a GraphQL operation over HTTP to sending its answer",
      labelNames: ["operation", "type"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    errors: new Counter({ name: "hub_graphql_errors_total", help: "Errors sent to clients, by extensions.code (HTTP and WebSocket)", labelNames: ["code"], registers }),
    activeSubscriptions: new Gauge({ name: "hub_subscriptions_active", help: "GraphQL subscriptions currently open over WebSocket", registers }),
    subscriptionExecutions: new Counter({
      name: "hub_subscription_executions_total",
      help: "Subscription documents executed for an event: once per class of subscribers (same document, variables and rights), not per socket",
      registers,
    }),
    matchingSeconds: new Histogram({
      name: "hub_matching_duration_seconds",
      help: "Time to match a new or changed need against suppliers, or a supplier against open needs (inside the write)",
      labelNames: ["direction"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
}

const ROUTES = new Set(["/graphql", "/healthz", "/readyz", "/metrics", "/export.csv", "/explorer", "/dashboard", "/workbench", "/join", "/review", "/"]);

/** The route label of a request path: a known route, "/web" for the pages' assets, else "other". */
export function routeLabel(pathname: string): string {
  const path = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  if (ROUTES.has(path)) return path;
  return path.startsWith("/web/") ? "/web" : "other";
}
