import type { ApolloServerPlugin } from "@apollo/server";
import type { HubMetrics } from "./metrics";

/** Distinct operation names a hub labels before it counts the rest as "other" (clients choose the names). */
export const MAX_OPERATION_NAMES = 200;
const MAX_NAME_LENGTH = 64;

/**
 * Counts GraphQL operations over HTTP and times them, labelled by operation name and type. Operations that
 * never resolved to one (unparsable, invalid) are labelled "invalid"; unnamed ones "anonymous".
 */
export function operationMetricsPlugin(metrics: HubMetrics): ApolloServerPlugin {
  const label = operationLabeller();
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, response }) {
          const labels = { operation: operation ? label(operationName) : "invalid", type: operation?.operation ?? "unknown" };
          const failed = response.body.kind === "single" && Boolean(response.body.singleResult.errors?.length);
          metrics.operations.inc({ ...labels, outcome: failed ? "error" : "ok" });
          metrics.operationSeconds.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}

/** Names as they come until MAX_OPERATION_NAMES are known; later new names, and overlong ones, become "other". */
export function operationLabeller(max = MAX_OPERATION_NAMES): (name: string | null | undefined) => string {
  const known = new Set<string>();
  return (name) => {
    if (!name) return "anonymous";
    if (known.has(name)) return name;
    if (name.length > MAX_NAME_LENGTH || known.size >= max) return "other";
    known.add(name);
    return name;
  };
}
