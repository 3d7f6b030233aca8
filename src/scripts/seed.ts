import { openHubServices } from "../app";
import { ConfigError, loadConfig } from "../config";
import { createLogger } from "../infra/logger";
import { demoProgressBar } from "../demo/progress";
import { seedDemo } from "../demo/seed-demo";

/**
 * `npm run seed [-- --scale N] [-- --match-limit M]`: fills the database the configuration names (HUB_DATA_DIR
 * or DATABASE_URL) with the full demo, migrating first; the server need not run. Matching every need is the
 * slow part at large scales, so above scale 1 only the newest 3,000 needs are matched unless --match-limit says otherwise.
 */
async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const scale = option("scale") ?? 1;
  if (!(scale > 0 && scale <= 1000)) throw new ConfigError("--scale must be a number above 0 and at most 1000");
  const needLimit = option("match-limit") ?? (scale > 1 ? 3000 : undefined);
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const { services, close } = await openHubServices(config, log);
  const progress = demoProgressBar();
  try {
    if ((await services.prisma.enterprise.count()) > 0) log.warn("the database holds data already; the demo is added beside it");
    await seedDemo(services, log, { scale, needLimit, onProgress: progress.onProgress });
  } finally {
    progress.stop();
    await close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
