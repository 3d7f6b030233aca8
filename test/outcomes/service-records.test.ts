// Issue 27, point 5: service records with hours and participants count only once the enterprise served confirms
// them; the same society, enterprise, local day and kind is refused twice.
import { ConfirmServiceRecordDocument, LogServiceDocument, SocietyRankingDocument } from "../generated/operations";
import { errorOf } from "../support/client";
import { createExpert } from "../support/fixtures";
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

async function figures() {
  const { programmeStats } = await t.admin.data(SocietyRankingDocument, {});
  const society = programmeStats.societies.find((s) => s.societyId === w.gids.society)!;
  const indicator = (key: string) => programmeStats.indicators.find((i) => i.key === key)!.current;
  return { records: society.serviceRecords, hours: society.serviceHours, linked: indicator("ENTERPRISES_LINKED"), engaged: indicator("SOCIETIES_ENGAGED") };
}

const input = () => ({
  societyId: w.gids.society,
  enterpriseId: w.gids.otherEnterprise,
  kind: "GUIDANCE" as const,
  servedOn: "2026-12-02T01:00:00+08:00",
  summary: "现场指导储能系统调试",
  hours: 3.5,
  participantIds: [w.gids.expert],
});

test("a logged service counts nowhere until the enterprise served confirms it", async () => {
  const before = await figures();
  expect(before).toEqual({ records: 0, hours: 0, linked: 0, engaged: 0 });
  const record = (await w.as.society.data(LogServiceDocument, { input: input() })).logService;
  expect(record).toMatchObject({ hours: 3.5, confirmedAt: null, participants: [{ id: w.gids.expert }] });
  expect(await figures()).toEqual(before);

  expect(errorOf(await w.as.society.request(ConfirmServiceRecordDocument, { id: record.id }))?.code).toBe("FORBIDDEN");
  expect(errorOf(await w.as.owner.request(ConfirmServiceRecordDocument, { id: record.id }))?.code).toBe("NOT_FOUND"); // not the enterprise served
  expect(await prisma().serviceRecord.count({ where: { confirmedAt: { not: null } } })).toBe(0);
  const confirmed = (await w.as.otherEnterprise.data(ConfirmServiceRecordDocument, { id: record.id })).confirmServiceRecord;
  expect(confirmed.confirmedAt).toEqual(expect.any(String));
  expect(await figures()).toEqual({ records: 1, hours: 3.5, linked: 1, engaged: 1 });
  // Confirming again is refused (a success writes an audit row; this one would change nothing) and changes nothing.
  expect(errorOf(await t.admin.request(ConfirmServiceRecordDocument, { id: record.id }))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  const row = await t.hub.database.prisma.serviceRecord.findFirstOrThrow({ orderBy: { id: "desc" }, where: { confirmedAt: { not: null } } });
  expect(row.confirmedAt?.toISOString()).toBe(confirmed.confirmedAt);
  expect(await prisma().auditEvent.count({ where: { action: "service.confirm" } })).toBe(1);
});

test("the same society, enterprise, local day and kind is refused twice (CONFLICT); another kind that day is fine", async () => {
  const count = await prisma().serviceRecord.count();
  // 23:00 on 2 December in Nanyang is another UTC day than 01:00, the same local one.
  const again = await w.as.society.request(LogServiceDocument, { input: { ...input(), servedOn: "2026-12-02T23:00:00+08:00" } });
  expect(errorOf(again)).toMatchObject({ code: "CONFLICT", field: "input.servedOn" });
  expect(await prisma().serviceRecord.count()).toBe(count);
  await w.as.society.data(LogServiceDocument, { input: { ...input(), kind: "CONSULTING" } });
  await w.as.society.data(LogServiceDocument, { input: { ...input(), servedOn: "2026-12-03T01:00:00+08:00" } });
  expect(await prisma().serviceRecord.count()).toBe(count + 2);
});

test("hours from 0 to 24; participants are the society's experts; nothing is written otherwise", async () => {
  const outsider = await createExpert(t.admin);
  const count = await prisma().serviceRecord.count();
  const day = { servedOn: "2026-11-20T10:00:00+08:00" };
  expect(errorOf(await w.as.society.request(LogServiceDocument, { input: { ...input(), ...day, hours: 25 } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.hours" });
  expect(errorOf(await w.as.society.request(LogServiceDocument, { input: { ...input(), ...day, hours: -1 } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.hours" });
  expect(errorOf(await w.as.society.request(LogServiceDocument, { input: { ...input(), ...day, participantIds: [outsider.id] } }))).toMatchObject({
    code: "BAD_USER_INPUT",
    field: "input.participantIds",
  });
  expect(await prisma().serviceRecord.count()).toBe(count);
});
