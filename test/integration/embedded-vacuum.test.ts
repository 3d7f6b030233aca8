import { ANALYZE_EVERY, EmbeddedVacuum, startEmbeddedVacuum } from "../../src/infra/db/embedded-vacuum";
import { PGLITE_STATISTICS_TARGET } from "../../src/infra/db/embedded";
import { createLogger } from "../../src/infra/logger";
import { createEnterprise, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

// PGlite has no autovacuum: the hub vacuums it itself (HUB_PGLITE_VACUUM_MINUTES). PostgreSQL keeps its own.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
}, 120_000);
afterAll(() => t?.stop());

const counts = async () => {
  const [row] = await t.hub.database.withSession((s) =>
    s.query(`SELECT vacuum_count::int AS vacuums, analyze_count::int AS analyzes, n_dead_tup::int AS dead FROM pg_stat_user_tables WHERE relname = 'Match'`),
  );
  return row as { vacuums: number; analyzes: number; dead: number };
};

test("the embedded database is vacuumed, with ANALYZE on the first run and every few runs after; PostgreSQL is left alone", async () => {
  const vacuum = new EmbeddedVacuum(t.hub.database, createLogger("silent"));
  if (t.hub.database.kind !== "pglite") {
    expect(await vacuum.run()).toBeNull();
    return;
  }
  // Rows left behind: posting needs re-ranks and rewrites matches.
  const enterprise = await createEnterprise(t.admin);
  await postNeed(t.admin, enterprise.id);
  await t.hub.database.prisma.match.updateMany({ data: { reason: "改写" } });

  const before = await counts();
  const runs = [];
  for (let i = 0; i <= ANALYZE_EVERY; i++) runs.push(await vacuum.run());
  const after = await counts();
  expect(runs.map((r) => r!.analyzed)).toEqual([true, ...Array(ANALYZE_EVERY - 1).fill(false), true]);
  expect(after.vacuums - before.vacuums).toBe(ANALYZE_EVERY + 1);
  expect(after.analyzes - before.analyzes).toBe(2);
  expect(after.dead).toBe(0);
});

test("on a timer, the first vacuum waits a whole interval and then runs", async () => {
  if (t.hub.database.kind !== "pglite") return; // PostgreSQL: each run does nothing (tested above)
  const before = await counts();
  const timer = startEmbeddedVacuum(t.hub.database, 0.002, createLogger("silent")); // a 120 ms interval
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect((await counts()).vacuums).toBe(before.vacuums);
  await new Promise((resolve) => setTimeout(resolve, 400));
  await timer.stop();
  expect((await counts()).vacuums).toBeGreaterThan(before.vacuums);
});

test("the embedded database samples fewer rows for its statistics than PostgreSQL's default (PGlite keeps the sample's memory)", async () => {
  const [row] = await t.hub.database.withSession((s) => s.query("SHOW default_statistics_target"));
  expect(Number(row.default_statistics_target)).toBe(t.hub.database.kind === "pglite" ? PGLITE_STATISTICS_TARGET : 100);
});
