// The hub under test, in its own process: startHub with the configuration from the environment; prints
// READY <url> once it is at rest; answers "statements" (SQL statements sent so far), "memory" and "memory-after-gc" over IPC.
import { startHub } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/infra/logger";
import { startAllocatorTrim } from "../../src/infra/memory/allocator-trim";

async function main() {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const trim = startAllocatorTrim(config.memoryTrimSeconds, log); // as main.ts does
  const hub = await startHub({ config, log });
  trim.soon();
  // A hub at rest is what is measured: after an upgrade of the matching engine it re-analyses the stored vectors in the
  // background (match/reanalysis.ts), which would be measured beside the requests. READY waits for it to end.
  await hub.services.reanalysis.settled();
  process.on("message", (message) => {
    if (message === "statements") process.send?.(hub.database.statements());
    else if (message === "memory") process.send?.(process.memoryUsage());
    // The soak's leak check: memory after a full collection (the child runs with --expose-gc).
    else if (message === "memory-after-gc") {
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.(process.memoryUsage());
    }
  });
  process.once("SIGTERM", () => void hub.stop().then(() => process.exit(0)));
  process.stdout.write(`READY ${hub.url}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
