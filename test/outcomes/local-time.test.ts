// Issue 27, point 3: months and windows are counted in HUB_TIME_ZONE (default Asia/Shanghai), whatever the
// process's TZ: run with TZ=UTC and TZ=Asia/Shanghai.
import { ConfirmServiceRecordDocument, IndicatorTrendDocument, LogServiceDocument } from "../generated/operations";
import { startTestHub, type TestHub } from "../support/hub";
import { buildWorld, type World } from "../workflow/world";

let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" }); // HUB_TIME_ZONE left to its default
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

const window = { from: "2026-10-01T00:00:00+08:00", to: "2027-01-01T00:00:00+08:00" };

test("programmeStats(from: 1 October, Nanyang) starts its trend at 2026-10", async () => {
  const { programmeStats } = await t.admin.data(IndicatorTrendDocument, window);
  for (const i of programmeStats.indicators) expect(i.trend.map((m) => m.month)).toEqual(["2026-10", "2026-11", "2026-12"]);
});

test("a service on 1 December in Nanyang counts in 2026-12, not in 2026-11", async () => {
  const logged = await w.as.society.data(LogServiceDocument, {
    input: { societyId: w.gids.society, enterpriseId: w.gids.owner, kind: "CONSULTING", servedOn: "2026-12-01T00:00:00+08:00", summary: "储能热管理现场咨询" },
  });
  await confirm(logged.logService.id);
  const { programmeStats } = await t.admin.data(IndicatorTrendDocument, window);
  for (const key of ["SOCIETIES_ENGAGED", "ENTERPRISES_LINKED"]) {
    const trend = programmeStats.indicators.find((i) => i.key === key)!.trend;
    expect(trend).toEqual([
      { month: "2026-10", value: 0 },
      { month: "2026-11", value: 0 },
      { month: "2026-12", value: 1 },
    ]);
  }
});

/** Service records count once the enterprise served confirms them (point 5). */
async function confirm(id: string): Promise<void> {
  await w.as.owner.data(ConfirmServiceRecordDocument, { id });
}
