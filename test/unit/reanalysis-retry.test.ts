// A re-analysis of the stored vectors that fails (the database gone mid-run) is tried again while the hub runs, not only
// on its next start; a hub stopping between attempts stops at once.
import { createLogger } from "../../src/infra/logger";
import type { Prisma } from "../../src/infra/db/database";
import type { MatchingService } from "../../src/modules/match/matching.service";
import { Reanalysis, type TryExclusive } from "../../src/modules/match/reanalysis";

/** The few calls a re-analysis of an empty index makes, over a database whose first `failures` reads throw. */
function flakyDatabase(failures: number) {
  const settings = new Map<string, string>();
  let reads = 0;
  const prisma = {
    setting: {
      findUnique: async ({ where: { key } }: { where: { key: string } }) => {
        if (reads++ < failures) throw new Error("Connection terminated unexpectedly");
        return settings.has(key) ? { key, value: settings.get(key)! } : null;
      },
      upsert: async ({ where: { key }, create }: { where: { key: string }; create: { value: string } }) => void settings.set(key, create.value),
    },
    $queryRawUnsafe: async () => [],
    $queryRaw: async () => [],
  };
  return { prisma: prisma as unknown as Prisma, settings };
}

const alone: TryExclusive = async (_key, work) => (await work(), true);
const log = createLogger("silent");
const matching = { reading: "v1-this-reading" } as MatchingService;

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

test("a failed re-analysis says so, then is tried again and claims its reading", async () => {
  const { prisma, settings } = flakyDatabase(2);
  const reanalysis = new Reanalysis(prisma, matching, log, { retry: { first: 10, max: 20 }, sweepSeconds: 0 });
  reanalysis.start(alone);
  await reanalysis.settled();
  expect(reanalysis.current()).toEqual({ supplierVectors: { state: "failed" }, needVectors: { state: "failed" } });
  await until(() => reanalysis.current().needVectors.state === "current");
  expect(reanalysis.current().supplierVectors).toEqual({ state: "current" });
  expect([...settings.values()]).toEqual(["v1-this-reading"]);
  await reanalysis.stop();
});

test("a hub stopping while a failed re-analysis waits to be tried again stops at once", async () => {
  const { prisma, settings } = flakyDatabase(1);
  // An hour between attempts: stop() returning within the test's time means it cut the pause short.
  const reanalysis = new Reanalysis(prisma, matching, log, { retry: { first: 3_600_000, max: 3_600_000 } });
  reanalysis.start(alone);
  await reanalysis.settled();
  await reanalysis.stop();
  expect(settings.size).toBe(0);
});
