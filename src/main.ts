import v8 from "node:v8";
import { startHub } from "./app";
import { ConfigError, heapFlags, loadConfig } from "./config";
import { readBackup } from "./infra/db/backup-archive";
import { createLogger } from "./infra/logger";
import { startAllocatorTrim } from "./infra/memory/allocator-trim";
import { loadFirstStartDemo } from "./demo/first-start";

const SHUTDOWN_BOUND_MS = 10_000;

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  // Before the database and the schema allocate: V8's heap growth for RSS under load (config.ts, heapFlags).
  for (const flag of heapFlags(config)) v8.setFlagsFromString(flag);
  const log = createLogger(config.logLevel);
  // A process concern, like the heap flags: one per process, not one per hub (tests start several in one process).
  const trim = startAllocatorTrim(config.memoryTrimSeconds, log);
  // An in-memory hub from a backup: to look at a backup without touching any folder (and the tests' migrated template).
  const embeddedTemplate = config.memoryFrom ? new Blob([new Uint8Array(readBackup(config.memoryFrom))]) : undefined;
  const hub = await startHub({ config, log, embeddedTemplate, beforeListen: (services, database) => loadFirstStartDemo(config, services, database, log) });
  trim.soon();
  log.info({ graphql: hub.url, subscriptions: hub.wsUrl }, "try it: open the URL with a GraphQL client");
  // SIGTERM/SIGINT: stop accepting, finish in-flight requests, close sockets, database and Redis, exit 0.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      log.info({ signal }, "shutting down");
      const timer = setTimeout(() => {
        log.error({ boundMs: SHUTDOWN_BOUND_MS }, "shutdown took too long; exiting");
        process.exit(1);
      }, SHUTDOWN_BOUND_MS);
      timer.unref();
      hub.stop().then(() => process.exit(0), (err) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      });
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
