// Issue 27, point 2: money is a Decimal (strings of yuan, NUMERIC(16,2)); programmeStats sums deals by dimension.
import { AcceptResponseDocument, ProgrammeDealsDocument, RecordDealDocument } from "../generated/operations";
import { errorOf } from "../support/client";
import { startTestHub, type TestHub } from "../support/hub";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { buildWorld, matchIn, needIn, responseIn, type World } from "../workflow/world";

let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0", HUB_TIME_ZONE: "Asia/Shanghai" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;

async function acceptedResponse() {
  const need = await needIn(t, w, "OPEN", { openedAt: new Date("2026-11-20T00:00:00Z") });
  const response = await responseIn(t, w, need.id, "SUBMITTED");
  const responseId = toGlobalId("Response", response.id);
  await w.as.owner.data(AcceptResponseDocument, { id: responseId });
  return { need, responseId };
}

test("a contract of 3,000,000,000 yuan is recorded exactly; amount stays for what fits in 32 bits", async () => {
  const { responseId } = await acceptedResponse();
  const base = { responseId, mode: "JOINT_RD" as const, summary: "联合开发储能液冷系统" };
  // 32 bits refused it before (issue 27); an Int still does.
  expect(errorOf(await w.as.owner.request(RecordDealDocument, { input: { ...base, amount: 3_000_000_000 } }))?.code).toBe("BAD_USER_INPUT");
  for (const bad of ["12.345", "abc", "-1", "1e9", "100000000000000.00", ""]) {
    expect(errorOf(await w.as.owner.request(RecordDealDocument, { input: { ...base, value: bad } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.value" });
  }
  expect(errorOf(await w.as.owner.request(RecordDealDocument, { input: { ...base, value: "10.00", amount: 11 } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.amount" });
  expect(await prisma().deal.count()).toBe(0);

  const big = (await w.as.owner.data(RecordDealDocument, { input: { ...base, value: "3000000000.1", awardValue: "0.5" } })).recordDeal;
  expect(big).toMatchObject({ value: "3000000000.10", amount: null, awardValue: "0.50", awardAmount: 1 });
  const row = await prisma().deal.findFirstOrThrow({ orderBy: { id: "desc" } });
  expect(row.value?.toFixed(2)).toBe("3000000000.10");

  const { responseId: second } = await acceptedResponse();
  const old = (await w.as.owner.data(RecordDealDocument, { input: { ...base, responseId: second, amount: 1_200_000 } })).recordDeal;
  expect(old).toMatchObject({ value: "1200000.00", amount: 1_200_000 });
});

test("programmeStats gives the deals' value and count by chain, county, designation, society and local month", async () => {
  const before = (await t.admin.data(ProgrammeDealsDocument, { from: "2026-11-01T00:00:00+08:00", to: "2027-01-01T00:00:00+08:00" })).programmeStats.deals;
  // Signed at 00:30 on 1 December in Nanyang: still 30 November in UTC.
  const { responseId } = await acceptedResponse();
  await w.as.owner.data(RecordDealDocument, {
    input: { responseId, mode: "JOINT_RD", contractSigned: true, signedOn: "2026-11-30T16:30:00Z", value: "2500000000.25", summary: "跨月签约的合同" },
  });
  const need = await needIn(t, w, "OPEN", { openedAt: new Date("2026-11-20T00:00:00Z") });
  const match = await matchIn(t, w, need.id, "ACCEPTED");
  await w.as.owner.data(RecordDealDocument, { input: { matchId: toGlobalId("Match", match.id), mode: "CONSULTING", contractSigned: true, signedOn: "2026-11-10T02:00:00Z", value: "99.99", summary: "专家技术服务" } });

  const { programmeStats: ps } = await t.admin.data(ProgrammeDealsDocument, { from: "2026-11-01T00:00:00+08:00", to: "2027-01-01T00:00:00+08:00" });
  const d = ps.deals;
  const rows = await prisma().deal.findMany({ where: { OR: [{ signedOn: { gte: new Date("2026-10-31T16:00:00Z") } }, { signedOn: null, createdAt: { gte: new Date("2026-10-31T16:00:00Z") } }] } });
  expect(d.count).toBe(rows.length);
  expect(d.count).toBe(before.count + 2);
  const sum = rows.reduce((a, r) => a + BigInt(Math.round(Number(r.value ?? 0) * 100)), 0n);
  expect(d.value).toBe(`${sum / 100n}.${String(sum % 100n).padStart(2, "0")}`);
  expect(ps.funnel.find((f) => f.stage === "DEAL")!.needs).toBe(new Set((await prisma().deal.findMany()).map((r) => r.needId)).size);
  const chain = d.byIndustryChain.find((r) => r.key === "NEW_ENERGY")!;
  expect(chain.deals).toBe(d.count);
  expect(chain.value).toBe(d.value);
  expect(d.byIndustryChain.filter((r) => r.key !== "NEW_ENERGY").every((r) => r.deals === 0 && r.value === "0.00")).toBe(true);
  expect(d.byRegion.reduce((a, r) => a + r.deals, 0)).toBe(d.count);
  // Only the society's response deals count for it; the expert's match deal has no society.
  const society = d.bySociety.find((r) => r.key === w.gids.society)!;
  expect(society.deals).toBe(d.count - 1);
  expect(d.byMonth.map((m) => m.key)).toEqual(["2026-11", "2026-12"]);
  const dec = d.byMonth.find((m) => m.key === "2026-12")!;
  expect(dec.deals).toBe(before.byMonth.find((m) => m.key === "2026-12")!.deals + 1);
  expect(BigInt(dec.value.replace(".", "")) - BigInt(before.byMonth.find((m) => m.key === "2026-12")!.value.replace(".", ""))).toBe(250000000025n);
  expect(d.timeToDeal.count).toBe(new Set((await prisma().deal.findMany()).map((r) => r.needId)).size);
  expect(d.timeToDeal.medianHours).toBeGreaterThan(0);
});
