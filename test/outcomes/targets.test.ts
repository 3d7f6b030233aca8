// Issue 27, point 4: the plan's targets are data (IndicatorTarget), set by ADMIN, per county too.
import { IndicatorsDocument, SetIndicatorTargetDocument } from "../generated/operations";
import { errorOf } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";
import { buildWorld, type World } from "../workflow/world";

let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;

test("the three targets the code held are seeded, and past their deadline they are overdue", async () => {
  const { programmeStats } = await t.admin.data(IndicatorsDocument, {});
  expect(programmeStats.indicators.map(({ key, target, targetDate, regionCode, targetRegionCode }) => ({ key, target, targetDate, regionCode, targetRegionCode }))).toEqual([
    { key: "KCZG_ENTITIES", target: 100, targetDate: "2025-12-31T15:59:59.000Z", regionCode: null, targetRegionCode: null },
    { key: "SOCIETIES_ENGAGED", target: 100, targetDate: "2025-12-31T15:59:59.000Z", regionCode: null, targetRegionCode: null },
    { key: "ENTERPRISES_LINKED", target: 1000, targetDate: "2025-12-31T15:59:59.000Z", regionCode: null, targetRegionCode: null },
  ]);
  expect(programmeStats.indicators.every((i) => i.overdue && !i.achieved)).toBe(true);
  const before = (await t.admin.data(IndicatorsDocument, { to: "2025-06-01T00:00:00Z" })).programmeStats;
  expect(before.indicators.every((i) => !i.overdue)).toBe(true);
});

test("only ADMIN sets a target, a known indicator, a positive target, a known county; nothing is written otherwise", async () => {
  const good = { key: "KCZG_ENTITIES", target: 150, targetDate: "2027-12-31T15:59:59Z" };
  expect(errorOf(await w.as.analyst.request(SetIndicatorTargetDocument, good))?.code).toBe("FORBIDDEN");
  expect(errorOf(await w.as.owner.request(SetIndicatorTargetDocument, good))?.code).toBe("FORBIDDEN");
  expect(errorOf(await t.admin.request(SetIndicatorTargetDocument, { ...good, key: "NEEDS_POSTED" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "key" });
  expect(errorOf(await t.admin.request(SetIndicatorTargetDocument, { ...good, target: 0 }))).toMatchObject({ code: "BAD_USER_INPUT", field: "target" });
  expect(errorOf(await t.admin.request(SetIndicatorTargetDocument, { ...good, regionCode: "999999" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "regionCode" });
  expect(await prisma().indicatorTarget.count()).toBe(3);
  expect(await prisma().auditEvent.count({ where: { action: "indicator.target" } })).toBe(0);

  const set = (await t.admin.data(SetIndicatorTargetDocument, good)).setIndicatorTarget;
  expect(set).toMatchObject({ key: "KCZG_ENTITIES", target: 150, targetDate: "2027-12-31T15:59:59.000Z", overdue: false, targetRegionCode: null });
  const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "indicator.target" } });
  expect(JSON.stringify(audit)).toContain("150");
  expect(await prisma().indicatorTarget.count()).toBe(3);
});

test("a county is counted on its own, against its own target where it has one", async () => {
  const make = (i: number, regionCode: string) =>
    prisma().enterprise.create({ data: { name: `指标测试企业${i}`, creditCode: `TARGET-TEST-${i}`, regionCode, onKczg: true, kczgSince: new Date("2026-03-01T00:00:00Z") } });
  await make(1, "411302");
  await make(2, "411302");
  await make(3, "411303");
  await t.admin.data(SetIndicatorTargetDocument, { key: "KCZG_ENTITIES", target: 4, targetDate: "2026-06-30T15:59:59Z", regionCode: "411302" });
  const county = (await t.admin.data(IndicatorsDocument, { regionCode: "411302" })).programmeStats.indicators;
  expect(county.find((i) => i.key === "KCZG_ENTITIES")).toMatchObject({ regionCode: "411302", targetRegionCode: "411302", target: 4, current: 2, progress: 0.5, overdue: true });
  // No target of its own: the programme's applies.
  expect(county.find((i) => i.key === "ENTERPRISES_LINKED")).toMatchObject({ regionCode: "411302", targetRegionCode: null, target: 1000 });
  const all = (await t.admin.data(IndicatorsDocument, {})).programmeStats.indicators;
  const onKczg = (await prisma().enterprise.count({ where: { onKczg: true } })) + (await prisma().innovationPlatform.count({ where: { onKczg: true, active: true } }));
  expect(onKczg).toBeGreaterThanOrEqual(3);
  expect(all.find((i) => i.key === "KCZG_ENTITIES")).toMatchObject({ target: 150, current: onKczg, targetRegionCode: null });
});
