import { errorOf } from "../support/client";
import { createEnterprise, createExpert } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import {
  AcceptResponseDocument,
  AwardChallengeDocument,
  CreateWorkstationDocument,
  DealsDocument,
  DeclineResponseDocument,
  LogServiceDocument,
  MoveMatchDocument,
  NeedWorkflowDocument,
  PostWorkflowNeedDocument,
  RecordDealDocument,
  RespondDocument,
  ServiceRecordsDocument,
  ShortlistResponseDocument,
  StaleNeedsDocument,
  WorkstationsDocument,
} from "../generated/operations";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { buildWorld, dbId, matchIn, needIn, responseIn, type World } from "./world";

// Deals, 揭榜挂帅 challenges, volunteer service, workstations, timers and the stale flag.
let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0", HUB_STALE_NEED_DAYS: "3" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;
const proposal = "学会组织专家团队提供完整解决方案和实施计划。";

describe("deals", () => {
  test("come from an accepted response or match only, recorded by the need's side, and move the need along", async () => {
    const need = await needIn(t, w, "OPEN");
    const response = await responseIn(t, w, need.id, "SUBMITTED");
    const responseId = toGlobalId("Response", response.id);
    const input = { responseId, mode: "JOINT_RD" as const, contractSigned: true, signedOn: new Date(Date.now() - 86_400_000).toISOString(), amount: 1_200_000, summary: "联合开发储能液冷系统" };
    expect(errorOf(await w.as.owner.request(RecordDealDocument, { input }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.responseId" });
    await w.as.owner.data(AcceptResponseDocument, { id: responseId });
    expect(errorOf(await w.as.society.request(RecordDealDocument, { input }))?.code).toBe("FORBIDDEN");
    expect(errorOf(await w.as.otherEnterprise.request(RecordDealDocument, { input }))?.code).toBe("NOT_FOUND"); // may not even see the response
    expect(errorOf(await w.as.owner.request(RecordDealDocument, { input: { ...input, matchId: toGlobalId("Match", 1) } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.matchId" });
    expect(errorOf(await w.as.owner.request(RecordDealDocument, { input: { ...input, signedOn: new Date(Date.now() + 3 * 86_400_000).toISOString() } }))).toMatchObject({ field: "input.signedOn" });
    expect(errorOf(await w.as.owner.request(RecordDealDocument, { input: { ...input, amount: -5 } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.amount" });
    expect(await prisma().deal.count({ where: { needId: need.id } })).toBe(0);
    const deal = (await w.as.owner.data(RecordDealDocument, { input: { ...input, resolveNeed: true } })).recordDeal;
    expect(deal).toMatchObject({ mode: "JOINT_RD", contractSigned: true, amount: 1_200_000, need: { status: "RESOLVED" }, response: { id: responseId } });
    const row = await prisma().techNeed.findUniqueOrThrow({ where: { id: need.id } });
    expect(row).toMatchObject({ status: "RESOLVED", dockedAt: expect.any(Date), resolvedAt: expect.any(Date) });
    expect(await prisma().auditEvent.count({ where: { action: "deal.record", entityId: dbId(deal.id) } })).toBe(1);
  });

  test("an accepted match docks when its deal is recorded", async () => {
    const need = await needIn(t, w, "OPEN");
    const match = await matchIn(t, w, need.id, "CONTACTED");
    const matchId = toGlobalId("Match", match.id);
    const input = { matchId, mode: "CONSULTING" as const, summary: "专家提供技术咨询" };
    expect(errorOf(await w.as.owner.request(RecordDealDocument, { input }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.matchId" });
    await w.as.owner.data(MoveMatchDocument, { id: matchId, status: "ACCEPTED" });
    const deal = (await w.as.owner.data(RecordDealDocument, { input })).recordDeal;
    expect(deal).toMatchObject({ match: { status: "DOCKED" }, need: { status: "IN_DOCKING" } });
  });

  test("are seen by the need's enterprise, the supplier side, ADMIN and ANALYST only", async () => {
    const need = await needIn(t, w, "OPEN");
    const response = await responseIn(t, w, need.id, "ACCEPTED");
    const deal = (await w.as.owner.data(RecordDealDocument, { input: { responseId: toGlobalId("Response", response.id), mode: "TECH_TRANSFER", amount: 300_000, summary: "专利转让" } })).recordDeal;
    const filter = { needId: toGlobalId("TechNeed", need.id) };
    for (const role of ["owner", "society", "expert", "admin", "analyst"] as const) {
      expect((await w.as[role].data(DealsDocument, { filter })).deals.edges.map((e) => e.node.id)).toEqual([deal.id]);
    }
    for (const role of ["otherEnterprise", "otherSociety", "platform"] as const) {
      expect((await w.as[role].data(DealsDocument, { filter })).deals.totalCount).toBe(0);
      expect((await w.as[role].data(`query($id: ID!) { node(id: $id) { id } }`, { id: deal.id }) as { node: unknown }).node).toBeNull();
    }
    expect(errorOf(await t.anonymous.request(DealsDocument, { filter }))?.code).toBe("UNAUTHENTICATED");
  });
});

describe("揭榜挂帅 challenges", () => {
  test("take solutions until the submission deadline, are screened by ADMIN, and end with a winner and award", async () => {
    const enterprise = w.gids.owner;
    const submissionDeadline = new Date(Date.now() + 3_600_000).toISOString();
    const posted = (
      await w.as.owner.data(PostWorkflowNeedDocument, {
        input: {
          enterpriseId: enterprise,
          title: "揭榜挂帅：固态电池界面阻抗攻关",
          description: "面向全社会征集固态电池界面阻抗降低方案，揭榜者获得奖励。",
          industryChainCode: "NEW_ENERGY",
          kind: "TECH_BREAKTHROUGH",
          isChallenge: true,
          challengeAward: 500_000,
          submissionDeadline,
          deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      })
    ).postNeed;
    expect(posted).toMatchObject({ isChallenge: true, submissionDeadline, acceptingResponses: true });
    const respond = (client: typeof w.as.society, societyId: string) =>
      client.data(RespondDocument, { input: { needId: posted.id, societyId, proposal } }).then((r) => r.respondToNeed);
    const first = await respond(w.as.society, w.gids.society);
    const second = await respond(w.as.otherSociety, w.gids.otherSociety);
    // Screening waits for the submissions to close; the enterprise does not screen a challenge.
    expect(errorOf(await t.admin.request(ShortlistResponseDocument, { id: first.id }))).toMatchObject({ code: "BAD_USER_INPUT", field: "status" });
    expect(errorOf(await w.as.owner.request(ShortlistResponseDocument, { id: first.id }))?.code).toBe("FORBIDDEN");
    // Time passes: the submission deadline is now behind us (written directly, the clock is not under test).
    await prisma().techNeed.update({ where: { id: dbId(posted.id) }, data: { submissionDeadline: new Date(Date.now() - 1000) } });
    const third = await t.admin.request(RespondDocument, { input: { needId: posted.id, societyId: (await t.admin.data<{ createSociety: { id: string } }>(`mutation { createSociety(input: { name: "迟到学会", level: MUNICIPAL, disciplines: ["电池"] }) { id } }`)).createSociety.id, proposal } });
    expect(errorOf(third)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.needId" });
    expect((await w.as.owner.data(NeedWorkflowDocument, { id: posted.id })).node).toMatchObject({ acceptingResponses: false });
    expect(errorOf(await t.admin.request(AwardChallengeDocument, { input: { responseId: first.id, summary: "固态电池界面方案揭榜" } }))).toMatchObject({ field: "input.responseId" });
    await t.admin.data(ShortlistResponseDocument, { id: first.id });
    expect(errorOf(await t.admin.request(AcceptResponseDocument, { id: first.id }))).toMatchObject({ code: "BAD_USER_INPUT" });
    // Shortlisted is not enough: the award waits for a panel's review and its public notice (challenge-review.test.ts).
    expect(errorOf(await t.admin.request(AwardChallengeDocument, { input: { responseId: first.id, summary: "固态电池界面方案揭榜" } }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.responseId",
      message: expect.stringContaining("notice"),
    });
    expect((await w.as.owner.data(NeedWorkflowDocument, { id: posted.id })).node).toMatchObject({ challengeWinner: null });
    expect(errorOf(await w.as.owner.request(AwardChallengeDocument, { input: { responseId: first.id, summary: "再次颁奖" } }))?.code).toBe("FORBIDDEN");
    void second;
  }, 60_000);

  test("a submission deadline is for challenges only, in the future, not after the deadline", async () => {
    const base = { enterpriseId: w.gids.owner, title: "揭榜挂帅测试需求", description: "揭榜挂帅测试需求的详细描述内容。", industryChainCode: "NEW_ENERGY", kind: "TECH_BREAKTHROUGH" as const };
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    for (const input of [
      { ...base, submissionDeadline: soon },
      { ...base, isChallenge: true, submissionDeadline: "2020-01-01T00:00:00Z" },
      { ...base, isChallenge: true, submissionDeadline: later, deadline: soon },
    ]) {
      expect(errorOf(await w.as.owner.request(PostWorkflowNeedDocument, { input }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.submissionDeadline" });
    }
  });
});

describe("volunteer service and workstations", () => {
  test("a society sets up a workstation with its own experts and logs service there; only the parties see the records", async () => {
    const stranger = await createExpert(t.admin, { societyIds: [w.gids.otherSociety] });
    const base = { name: "储能热管理学会专家工作站", societyId: w.gids.society, enterpriseId: w.gids.owner, startsOn: new Date(Date.now() - 86_400_000).toISOString() };
    expect(errorOf(await w.as.society.request(CreateWorkstationDocument, { input: { ...base, expertIds: [stranger.id] } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.expertIds" });
    expect(errorOf(await w.as.otherSociety.request(CreateWorkstationDocument, { input: { ...base, expertIds: [w.gids.expert] } }))?.code).toBe("FORBIDDEN");
    expect(errorOf(await w.as.society.request(CreateWorkstationDocument, { input: { ...base, expertIds: [w.gids.expert], endsOn: base.startsOn } }))).toMatchObject({ field: "input.endsOn" });
    const ws = (await w.as.society.data(CreateWorkstationDocument, { input: { ...base, expertIds: [w.gids.expert] } })).createWorkstation;
    expect(ws).toMatchObject({ active: true, society: { id: w.gids.society }, enterprise: { id: w.gids.owner }, experts: [{ id: w.gids.expert }] });
    expect((await w.as.otherEnterprise.data(WorkstationsDocument, { filter: { societyId: w.gids.society } })).workstations.totalCount).toBeGreaterThanOrEqual(1);

    const need = await needIn(t, w, "OPEN");
    const servedOn = new Date(Date.now() - 3_600_000).toISOString();
    const service = { societyId: w.gids.society, enterpriseId: w.gids.owner, kind: "GUIDANCE" as const, servedOn, summary: "工作站专家现场技术指导电池簇液冷改造" };
    const logged = (await w.as.society.data(LogServiceDocument, { input: { ...service, needId: toGlobalId("TechNeed", need.id), workstationId: ws.id } })).logService;
    expect(logged).toMatchObject({ kind: "GUIDANCE", need: { id: toGlobalId("TechNeed", need.id) }, workstation: { id: ws.id } });
    const otherNeed = await createEnterprise(t.admin).then((e) => needIn(t, { ...w, ids: { ...w.ids, owner: dbId(e.id) } }, "OPEN"));
    expect(errorOf(await w.as.society.request(LogServiceDocument, { input: { ...service, needId: toGlobalId("TechNeed", otherNeed.id) } }))).toMatchObject({ field: "input.needId" });
    expect(errorOf(await w.as.society.request(LogServiceDocument, { input: { ...service, servedOn: new Date(Date.now() + 3 * 86_400_000).toISOString() } }))).toMatchObject({ field: "input.servedOn" });
    expect(errorOf(await w.as.otherSociety.request(LogServiceDocument, { input: service }))?.code).toBe("FORBIDDEN");
    expect(errorOf(await w.as.owner.request(LogServiceDocument, { input: service }))?.code).toBe("FORBIDDEN");
    const filter = { workstationId: ws.id };
    for (const role of ["society", "owner", "admin", "analyst"] as const) expect((await w.as[role].data(ServiceRecordsDocument, { filter })).serviceRecords.totalCount).toBe(1);
    for (const role of ["otherSociety", "otherEnterprise", "expert"] as const) expect((await w.as[role].data(ServiceRecordsDocument, { filter })).serviceRecords.totalCount).toBe(0);
  });
});

describe("timers and the stale flag", () => {
  test("time to first response, to decision and to docking are recorded per need", async () => {
    const need = await needIn(t, w, "OPEN", { openedAt: new Date(Date.now() - 2 * 3_600_000) });
    const needId = toGlobalId("TechNeed", need.id);
    const response = (await w.as.society.data(RespondDocument, { input: { needId, societyId: w.gids.society, proposal } })).respondToNeed;
    await w.as.owner.data(ShortlistResponseDocument, { id: response.id });
    await w.as.owner.data(AcceptResponseDocument, { id: response.id });
    const view = (await w.as.owner.data(NeedWorkflowDocument, { id: needId })).node!;
    if (!("timers" in view)) throw new Error("not a need");
    const timers = view.timers!;
    for (const key of ["secondsToFirstResponse", "secondsToDecision", "secondsToDocking"] as const) {
      expect(timers[key]).toBeGreaterThanOrEqual(7200);
      expect(timers[key]).toBeLessThan(7300);
    }
    expect(Date.parse(timers.firstResponseAt!)).toBeLessThanOrEqual(Date.parse(timers.firstDecisionAt!));
    expect(view.status).toBe("IN_DOCKING");
    // Others may see the need but not its timers or history.
    const other = (await w.as.otherEnterprise.data(NeedWorkflowDocument, { id: needId })).node!;
    expect(other).toMatchObject({ timers: null, history: [] });
  });

  test("an OPEN need without response for HUB_STALE_NEED_DAYS is flagged, until someone responds", async () => {
    const stale = await needIn(t, w, "OPEN", { openedAt: new Date(Date.now() - 4 * 86_400_000) });
    const fresh = await needIn(t, w, "OPEN", { openedAt: new Date(Date.now() - 2 * 86_400_000) });
    const staleId = toGlobalId("TechNeed", stale.id);
    const ids = async (value: boolean) => (await t.admin.data(StaleNeedsDocument, { stale: value })).needs.edges.map((e) => e.node.id);
    expect(await ids(true)).toContain(staleId);
    expect(await ids(true)).not.toContain(toGlobalId("TechNeed", fresh.id));
    expect(await ids(false)).toContain(toGlobalId("TechNeed", fresh.id));
    expect((await w.as.otherEnterprise.data(NeedWorkflowDocument, { id: staleId })).node).toMatchObject({ isStale: true });
    await w.as.society.data(RespondDocument, { input: { needId: staleId, societyId: w.gids.society, proposal } });
    expect((await w.as.owner.data(NeedWorkflowDocument, { id: staleId })).node).toMatchObject({ isStale: false });
    expect(await ids(true)).not.toContain(staleId);
  });

  test("a need someone is working on (an accepted or docked match, an accepted response) is never stale", async () => {
    const old = { openedAt: new Date(Date.now() - 4 * 86_400_000) };
    const ids = async () => (await t.admin.data(StaleNeedsDocument, { stale: true })).needs.edges.map((e) => e.node.id);
    const notStale = async (id: number) => (await t.admin.data(NeedWorkflowDocument, { id: toGlobalId("TechNeed", id) })).node;
    // Back to OPEN (IN_DOCKING → OPEN is allowed) while the work goes on: each is OPEN, old and without a response.
    const accepted = await needIn(t, w, "OPEN", old);
    await matchIn(t, w, accepted.id, "ACCEPTED");
    const docked = await needIn(t, w, "OPEN", old);
    await matchIn(t, w, docked.id, "DOCKED");
    const closed = await needIn(t, w, "OPEN", old);
    await matchIn(t, w, closed.id, "CLOSED");
    const listed = await ids();
    for (const need of [accepted, docked]) {
      expect(listed).not.toContain(toGlobalId("TechNeed", need.id));
      expect(await notStale(need.id)).toMatchObject({ isStale: false });
    }
    // The work ended: the need is stale again.
    expect(listed).toContain(toGlobalId("TechNeed", closed.id));
    expect(await notStale(closed.id)).toMatchObject({ isStale: true });
  });

  test("an ACCEPTED invitation is work on the need (never stale, nor NEED_STALE); a PENDING one is not yet", async () => {
    const old = { openedAt: new Date(Date.now() - 4 * 86_400_000) };
    const ids = async () => (await t.admin.data(StaleNeedsDocument, { stale: true })).needs.edges.map((e) => e.node.id);
    const invitedWith = async (status: "ACCEPTED" | "PENDING") => {
      // OPEN on purpose (as if moved back from IN_DOCKING), the match left SUGGESTED: only the invitation says who works.
      const need = await needIn(t, w, "OPEN", old);
      const match = await matchIn(t, w, need.id, "SUGGESTED");
      await prisma().invitation.create({ data: { needId: need.id, matchId: match.id, supplierKind: "EXPERT", supplierId: w.ids.expert, status } });
      return need;
    };
    const accepted = await invitedWith("ACCEPTED");
    const pending = await invitedWith("PENDING");
    const listed = await ids();
    expect(listed).not.toContain(toGlobalId("TechNeed", accepted.id));
    expect((await w.as.owner.data(NeedWorkflowDocument, { id: toGlobalId("TechNeed", accepted.id) })).node).toMatchObject({ isStale: false });
    expect(listed).toContain(toGlobalId("TechNeed", pending.id));
    expect((await w.as.owner.data(NeedWorkflowDocument, { id: toGlobalId("TechNeed", pending.id) })).node).toMatchObject({ isStale: true });
    // The sweep's NEED_STALE follows the same rule.
    await t.hub.services.notificationSweep.run();
    const staleNotes = await prisma().notification.findMany({ where: { kind: "NEED_STALE", subjectType: "TechNeed", subjectId: { in: [accepted.id, pending.id] } }, select: { subjectId: true } });
    expect([...new Set(staleNotes.map((n) => n.subjectId))]).toEqual([pending.id]);
  });

  test("accepting a match moves an OPEN need to IN_DOCKING, as accepting a response does, and starts its docking timer", async () => {
    const need = await needIn(t, w, "OPEN", { openedAt: new Date(Date.now() - 4 * 86_400_000) });
    const match = await matchIn(t, w, need.id, "CONTACTED");
    await w.as.owner.data(MoveMatchDocument, { id: toGlobalId("Match", match.id), status: "ACCEPTED" });
    const after = await prisma().techNeed.findUniqueOrThrow({ where: { id: need.id } });
    expect(after).toMatchObject({ status: "IN_DOCKING", dockedAt: expect.any(Date), firstDecisionAt: expect.any(Date) });
    const view = (await w.as.owner.data(NeedWorkflowDocument, { id: toGlobalId("TechNeed", need.id) })).node!;
    expect(view).toMatchObject({ status: "IN_DOCKING", isStale: false });
    if (!("history" in view)) throw new Error("not a need");
    expect(view.history).toContainEqual(expect.objectContaining({ from: "OPEN", status: "IN_DOCKING" }));
  });
});

test("a declined response tells its society why over the API; the decline is audited", async () => {
  const need = await needIn(t, w, "OPEN");
  const response = await responseIn(t, w, need.id, "SUBMITTED");
  const id = toGlobalId("Response", response.id);
  await w.as.owner.data(DeclineResponseDocument, { id, reasonCode: "OUT_OF_SCOPE", reason: "需求已调整方向" });
  const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "response.status", entityId: response.id } });
  expect(audit.summary).toMatchObject({ from: "SUBMITTED", to: "DECLINED", reasonCode: "OUT_OF_SCOPE" });
});

test("on a closed need, responses can still be declined (every responder hears back) but not accepted; matches not docked", async () => {
  const need = await needIn(t, w, "CLOSED");
  const a = toGlobalId("Response", (await responseIn(t, w, need.id, "SUBMITTED")).id);
  expect(errorOf(await w.as.owner.request(AcceptResponseDocument, { id: a }))).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("CLOSED") });
  expect((await w.as.owner.data(DeclineResponseDocument, { id: a, reasonCode: "ALREADY_SOLVED" })).declineResponse.status).toBe("DECLINED");
  const m = toGlobalId("Match", (await matchIn(t, w, need.id, "ACCEPTED")).id);
  expect(errorOf(await w.as.owner.request(MoveMatchDocument, { id: m, status: "DOCKED" }))).toMatchObject({ code: "BAD_USER_INPUT" });
  expect((await w.as.owner.data(MoveMatchDocument, { id: m, status: "REJECTED", reasonCode: "ALREADY_SOLVED" })).setMatchStatus.status).toBe("REJECTED");
});
