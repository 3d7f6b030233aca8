// Issue 27, point 1: the funnel's 成交 stage and the dashboard's 成交 bars count Deal records only.
import { AcceptResponseDocument, ProgrammeStatsDocument, RecordDealDocument } from "../generated/operations";
import { startTestHub, type TestHub } from "../support/hub";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { buildWorld, needIn, responseIn, type World } from "../workflow/world";

let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

async function dealFigures() {
  const { programmeStats: ps } = await t.admin.data(ProgrammeStatsDocument, {});
  const deal = ps.funnel.find((f) => f.stage === "DEAL")!.needs;
  const sum = (rows: Array<{ deals: number }>) => rows.reduce((a, r) => a + r.deals, 0);
  return { funnel: deal, chains: sum(ps.byIndustryChain), regions: sum(ps.byRegion), rows: await t.hub.database.prisma.deal.count() };
}

test("accepting a response is no deal; recording one is, in the funnel and in the dashboard's bars alike", async () => {
  const need = await needIn(t, w, "OPEN");
  const response = await responseIn(t, w, need.id, "SUBMITTED");
  const responseId = toGlobalId("Response", response.id);
  expect(await dealFigures()).toEqual({ funnel: 0, chains: 0, regions: 0, rows: 0 });

  await w.as.owner.data(AcceptResponseDocument, { id: responseId });
  const afterAccept = await dealFigures();
  expect(afterAccept).toEqual({ funnel: 0, chains: 0, regions: 0, rows: 0 });
  const { programmeStats: ps } = await t.admin.data(ProgrammeStatsDocument, {});
  expect(ps.funnel.find((f) => f.stage === "DOCKING")!.needs).toBe(1);

  await w.as.owner.data(RecordDealDocument, { input: { responseId, mode: "JOINT_RD", summary: "联合开发储能液冷系统" } });
  expect(await dealFigures()).toEqual({ funnel: 1, chains: 1, regions: 1, rows: 1 });
});
