import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HubMetrics } from "./metrics";

/**
 * GET /metrics in Prometheus' text format. Open unless HUB_METRICS_TOKEN is set (then `Authorization: Bearer
 * <token>`): the usual setup scrapes the hub on its internal address, where the figures reveal nothing a
 * client could not see from the outside.
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: HubMetrics, token: string | null): Promise<void> {
  if (token && !sameSecret(req.headers.authorization ?? "", `Bearer ${token}`)) {
    res.writeHead(401, { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' }).end("metrics need the bearer token\n");
    return;
  }
  const body = await metrics.registry.metrics();
  res.writeHead(200, { "content-type": metrics.registry.contentType }).end(body);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
