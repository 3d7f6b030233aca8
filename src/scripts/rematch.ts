import { openHubServices } from "../app";
import { ConfigError, loadConfig } from "../config";
import { createLogger } from "../infra/logger";
import { rebuildMatching } from "../modules/match/matching-rebuild";

/**
 * `npm run rematch [-- --match-limit N]`: after an upgrade of the matching engine, re-analyses every supplier and
 * matches the needs again (newest first; all, or the newest N), on the database the configuration names. A hub
 * re-analyses the suppliers on its own when it starts, but leaves needs' matches alone: they carry users' decisions.
 * This replaces each need's suggestions; matches that progressed (viewed, contacted, …) stay; nobody is notified.
 * PostgreSQL: the hubs may keep running. Embedded database: stop the hub first (one process owns its folder).
 */
async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--match-limit");
  const needLimit = at >= 0 ? Number(args[at + 1]) : undefined;
  if (needLimit !== undefined && !(needLimit > 0)) throw new ConfigError("--match-limit must be a number above 0");
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const { services, close } = await openHubServices(config, log);
  try {
    const result = await rebuildMatching(services.prisma, services.matching, { needLimit, onProgress: (done, total, phase) => log.info({ phase, done, total }, "rematch progress") });
    log.info(result, "rematch finished");
  } finally {
    await close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
