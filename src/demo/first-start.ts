import type { HubConfig } from "../config";
import type { Services } from "../context/services";
import type { Database } from "../infra/db/database";
import type { Logger } from "../infra/logger";
import { DEMO_EMAIL_DOMAIN } from "./generator";
import { DEMO_PASSWORD } from "./loader";
import { seedDemo } from "./seed-demo";

const DEMO_MARK = "demo-loaded";

/**
 * On a new embedded data folder, load a tenth of the demo so that a newcomer has something to query
 * (HUB_DEMO=off skips it; with DATABASE_URL only HUB_DEMO=on loads it). A Setting row marks it done, so an
 * interrupted load is not mistaken for a finished one and a later start does not load it twice.
 */
export async function loadFirstStartDemo(config: HubConfig, services: Services, database: Database, log: Logger): Promise<void> {
  const wanted = config.demo === "on" || (config.demo === "auto" && database.kind === "pglite");
  if (!wanted) {
    log.info({ HUB_DEMO: config.demo, database: database.kind }, "demo data not loaded");
    return;
  }
  if (await services.prisma.setting.findUnique({ where: { key: DEMO_MARK } })) return;
  if ((await services.prisma.enterprise.count()) > 0) {
    log.info("database has data already: demo not loaded");
    return;
  }
  log.info("new database: loading the small demo (a tenth of `npm run seed`); HUB_DEMO=off skips this");
  await seedDemo(services, log, { fraction: 0.1 });
  await services.prisma.setting.create({ data: { key: DEMO_MARK, value: new Date().toISOString() } });
  log.info({ users: `society1@${DEMO_EMAIL_DOMAIN}, enterprise1@${DEMO_EMAIL_DOMAIN}, analyst1@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD }, "demo loaded: sign in as");
}
