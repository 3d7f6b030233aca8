import { errorOf, type GqlClient } from "../support/client";
import { createExpert, userClient } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { PostWorkflowNeedDocument, RespondDocument } from "../generated/operations";
import { buildWorld, dbId, type World } from "./world";

// 揭榜挂帅 to its end (issue 27 §6): criteria → solutions → panel (conflicts refused) → scores → notice (公示) →
// objection → award → milestone → acceptance (验收) → programmeStats counts the award as paid; and the refusals.
let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;

const REVIEW = `query($id: ID!) { node(id: $id) { ... on TechNeed { challengeReview {
  stage paid acceptedAt criteria { id name weight }
  panel { expert { id } scoredSolutions }
  ranking { rank weightedTotal panelistsScored society { id } solution { id } }
  notice { weightedTotal workingDays startsAt endsAt withdrawnAt openObjections proposedSociety { id } proposedWinner { id } objections { id status } }
  milestones { id title doneAt overdue } acceptances { passed note }
} } } }`;
const SET_CRITERIA = `mutation($needId: ID!, $criteria: [ChallengeCriterionInput!]!) { setChallengeCriteria(needId: $needId, criteria: $criteria) { id } }`;
const APPOINT = `mutation($needId: ID!, $expertId: ID!) { appointChallengePanelist(needId: $needId, expertId: $expertId) { expert { id } scoredSolutions } }`;
const SCORE = `mutation($input: ScoreSolutionInput!) { scoreSolution(input: $input) { score panelist { id } criterion { name } } }`;
const SCORES = `query($id: ID!) { node(id: $id) { ... on Response { id scores { score panelist { id } criterion { name } } } } }`;
const PUBLISH = `mutation($needId: ID!, $responseId: ID, $workingDays: Int) { publishChallengeNotice(needId: $needId, responseId: $responseId, workingDays: $workingDays) { weightedTotal workingDays startsAt endsAt proposedSociety { id } } }`;
const LODGE = `mutation($needId: ID!, $text: String!) { lodgeChallengeObjection(needId: $needId, text: $text) { id status } }`;
const RESOLVE = `mutation($id: ID!, $uphold: Boolean!, $resolution: String!) { resolveChallengeObjection(id: $id, uphold: $uphold, resolution: $resolution) { id status resolution } }`;
const AWARD = `mutation($responseId: ID!) { awardChallenge(input: { responseId: $responseId, summary: "固态电池界面方案揭榜" }) { id mode awardValue } }`;
const MILESTONE = `mutation($needId: ID!, $title: String!, $dueOn: DateTime!) { addChallengeMilestone(needId: $needId, title: $title, dueOn: $dueOn) { id title dueOn doneAt overdue } }`;
const COMPLETE = `mutation($id: ID!, $note: String!) { completeChallengeMilestone(id: $id, note: $note) { id doneAt doneNote } }`;
const ACCEPT = `mutation($needId: ID!, $passed: Boolean!, $note: String!) { acceptChallenge(needId: $needId, passed: $passed, note: $note) { stage paid acceptances { passed } } }`;
const STATS = `{ programmeStats { deals { count value awardValue } funnel { stage needs } } }`;

type Review = {
  stage: string;
  paid: boolean;
  criteria: Array<{ id: string; name: string; weight: number }>;
  panel: Array<{ expert: { id: string }; scoredSolutions: number }> | null;
  ranking: Array<{ rank: number; weightedTotal: number; society: { id: string }; solution: { id: string } | null }> | null;
  notice: { weightedTotal: number; endsAt: string; openObjections: number; proposedSociety: { id: string }; proposedWinner: { id: string } | null; objections: Array<{ id: string; status: string }> } | null;
  milestones: Array<{ id: string; doneAt: string | null }> | null;
  acceptances: Array<{ passed: boolean }> | null;
};
const review = async (client: GqlClient, id: string) => ((await client.data(REVIEW, { id })) as { node: { challengeReview: Review } }).node.challengeReview;
const scores = async (client: GqlClient, id: string) =>
  ((await client.data(SCORES, { id })) as { node: { scores: Array<{ score: number; panelist: { id: string } | null; criterion: { name: string } }> | null } | null }).node;
const stats = async () => ((await t.admin.data(STATS)) as { programmeStats: { deals: { count: number; value: string; awardValue: string }; funnel: Array<{ stage: string; needs: number }> } }).programmeStats;
const inbox = (userEmailLike: { expertId?: number; societyId?: number; enterpriseId?: number }) =>
  prisma().notification.count({ where: { kind: "CHALLENGE_PROGRESS", user: userEmailLike } });

async function postChallenge(title: string) {
  const submissionDeadline = new Date(Date.now() + 86_400_000).toISOString();
  const posted = (
    await w.as.owner.data(PostWorkflowNeedDocument, {
      input: {
        enterpriseId: w.gids.owner,
        title,
        description: "面向全社会征集固态电池界面阻抗降低方案，揭榜者获得奖励。",
        industryChainCode: "NEW_ENERGY",
        kind: "TECH_BREAKTHROUGH",
        isChallenge: true,
        challengeAward: 500_000,
        submissionDeadline,
        deadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
      },
    })
  ).postNeed;
  return posted.id;
}

const closeSubmissions = (needId: string) => prisma().techNeed.update({ where: { id: dbId(needId) }, data: { submissionDeadline: new Date(Date.now() - 1000) } });
const respond = async (client: GqlClient, societyId: string, needId: string) =>
  (await client.data(RespondDocument, { input: { needId, societyId, proposal: "学会组织专家团队提供完整解决方案和实施计划。" } })).respondToNeed.id;

test("the whole path: criteria, solutions, a panel without conflicts, scores, notice, objection, award, milestone, acceptance, counted as paid", async () => {
  const needId = await postChallenge("揭榜挂帅：固态电池界面阻抗攻关");
  const criteria = [
    { name: "技术先进性", weight: 50 },
    { name: "实施可行性", weight: 30 },
    { name: "成本", weight: 20 },
  ];
  // Criteria: weights sum to 100; the enterprise's own challenge only.
  expect(errorOf(await w.as.owner.request(SET_CRITERIA, { needId, criteria: [{ name: "技术先进性", weight: 60 }, { name: "成本", weight: 30 }] }))).toMatchObject({ code: "BAD_USER_INPUT", field: "criteria" });
  expect(errorOf(await w.as.owner.request(SET_CRITERIA, { needId, criteria: [{ name: "成本", weight: 50 }, { name: "成本", weight: 50 }] }))).toMatchObject({ code: "BAD_USER_INPUT", field: "criteria.1.name" });
  expect(errorOf(await w.as.otherEnterprise.request(SET_CRITERIA, { needId, criteria }))?.code).toBe("FORBIDDEN");
  await w.as.owner.data(SET_CRITERIA, { needId, criteria });
  const [advanced, feasible, cost] = (await review(w.as.owner, needId)).criteria;
  expect([advanced!.weight, feasible!.weight, cost!.weight]).toEqual([50, 30, 20]);

  const first = await respond(w.as.society, w.gids.society, needId);
  const second = await respond(w.as.otherSociety, w.gids.otherSociety, needId);

  // The panel: only once submissions close, ADMIN only, nobody in conflict of interest.
  const panelA = await createExpert(t.admin, { name: "评审专家甲" });
  const panelB = await createExpert(t.admin, { name: "评审专家乙" });
  const employed = await createExpert(t.admin, { name: "企业自有专家", employerId: w.gids.owner });
  const declaring = await createExpert(t.admin, { name: "申报回避专家" });
  const asA = await userClient(t, "EXPERT", panelA.id);
  const asB = await userClient(t, "EXPERT", panelB.id);
  const asEmployed = await userClient(t, "EXPERT", employed.id);
  await t.admin.data(`mutation($s: ID!, $e: ID!) { declareConflict(supplierId: $s, enterpriseId: $e, reason: "曾任该企业技术顾问") }`, { s: declaring.id, e: w.gids.owner });
  expect(errorOf(await t.admin.request(APPOINT, { needId, expertId: panelA.id }))).toMatchObject({ code: "BAD_USER_INPUT", field: "needId" });
  await closeSubmissions(needId);
  expect(errorOf(await w.as.owner.request(APPOINT, { needId, expertId: panelA.id }))?.code).toBe("FORBIDDEN");
  const refused = async (expertId: string) => errorOf(await t.admin.request(APPOINT, { needId, expertId }));
  expect(await refused(w.gids.expert)).toMatchObject({ code: "BAD_USER_INPUT", field: "expertId", message: expect.stringMatching(/conflict of interest: a member of .*which submitted a solution/) });
  expect(await refused(employed.id)).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("employed by the challenge's enterprise") });
  expect(await refused(declaring.id)).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("曾任该企业技术顾问") });
  expect(await prisma().challengePanelist.count({ where: { needId: dbId(needId) } })).toBe(0);
  await t.admin.data(APPOINT, { needId, expertId: panelA.id });
  await t.admin.data(APPOINT, { needId, expertId: panelB.id });
  expect(errorOf(await t.admin.request(APPOINT, { needId, expertId: panelA.id }))?.code).toBe("CONFLICT");
  expect(await inbox({ expertId: dbId(panelA.id) })).toBe(1);

  // A panelist sees the solutions of the challenges they review; solvers see neither each other's solutions nor the review.
  expect(await review(asA, needId)).toMatchObject({ stage: "REVIEW", panel: [{ expert: { id: panelA.id } }, { expert: { id: panelB.id } }] });
  expect((await asA.data(`query($id: ID!) { node(id: $id) { id } }`, { id: second }) as { node: unknown }).node).toEqual({ id: second });
  expect((await w.as.society.data(`query($id: ID!) { node(id: $id) { id } }`, { id: second }) as { node: unknown }).node).toBeNull();
  expect(await review(w.as.society, needId)).toMatchObject({ stage: "REVIEW", panel: null, ranking: null, notice: null });

  // Scores: panelists only, every criterion once, 0–10.
  const input = (responseId: string, a: number, f: number, c: number) => ({ responseId, scores: [{ criterionId: advanced!.id, score: a }, { criterionId: feasible!.id, score: f }, { criterionId: cost!.id, score: c }] });
  expect(errorOf(await asEmployed.request(SCORE, { input: input(first, 9, 9, 9) }))?.code).toBe("NOT_FOUND");
  expect(errorOf(await t.admin.request(SCORE, { input: input(first, 9, 9, 9) }))?.code).toBe("FORBIDDEN");
  expect(errorOf(await asA.request(SCORE, { input: input(first, 11, 8, 7) }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.scores.0.score" });
  expect(errorOf(await asA.request(SCORE, { input: { responseId: first, scores: input(first, 9, 8, 7).scores.slice(0, 2) } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.scores" });
  expect(await prisma().solutionScore.count()).toBe(0);
  await asA.data(SCORE, { input: input(first, 9, 8, 7) }); // 45 + 24 + 14 = 83
  await asA.data(SCORE, { input: input(second, 6, 6, 6) }); // 60
  await asB.data(SCORE, { input: input(first, 8, 8, 8) }); // 80
  expect(errorOf(await t.admin.request(PUBLISH, { needId }))).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("scored 1 of 2") });
  await asB.data(SCORE, { input: input(second, 7, 7, 7) }); // 70
  // Criteria are fixed once scoring began; a panelist reads their own scores only, a solver none before the notice.
  expect(errorOf(await w.as.owner.request(SET_CRITERIA, { needId, criteria }))).toMatchObject({ code: "BAD_USER_INPUT", field: "criteria" });
  const seenByA = await scores(asA, first);
  expect(seenByA!.scores).toHaveLength(3);
  expect(seenByA!.scores!.every((s) => s.panelist?.id === panelA.id)).toBe(true);
  expect((await scores(w.as.society, first))!.scores).toBeNull();
  expect((await scores(t.admin, first))!.scores).toHaveLength(6);
  expect((await review(asA, needId)).ranking).toMatchObject([
    { rank: 1, weightedTotal: 81.5, solution: { id: first } },
    { rank: 2, weightedTotal: 65, solution: { id: second } },
  ]);

  // No award before a notice; the notice proposes the top-ranked solution.
  expect(errorOf(await t.admin.request(AWARD, { responseId: first }))).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("notice") });
  expect(errorOf(await t.admin.request(PUBLISH, { needId, responseId: second }))).toMatchObject({ code: "BAD_USER_INPUT", field: "responseId" });
  const notice = ((await t.admin.data(PUBLISH, { needId, workingDays: 5 })) as { publishChallengeNotice: { weightedTotal: number; startsAt: string; endsAt: string; proposedSociety: { id: string } } }).publishChallengeNotice;
  expect(notice).toMatchObject({ weightedTotal: 81.5, proposedSociety: { id: w.gids.society } });
  expect(new Date(notice.endsAt).getTime() - new Date(notice.startsAt).getTime()).toBeGreaterThanOrEqual(5 * 86_400_000);
  expect(await inbox({ societyId: w.ids.otherSociety })).toBeGreaterThanOrEqual(1);
  // From the notice on, the ranking is public with the challenge; a solver sees its own scores without names, not another's solution.
  const bySolver = await review(w.as.otherSociety, needId);
  expect(bySolver).toMatchObject({ stage: "NOTICE", panel: null, notice: { proposedSociety: { id: w.gids.society }, proposedWinner: null, openObjections: 0 } });
  expect(bySolver.ranking).toEqual([
    { rank: 1, weightedTotal: 81.5, panelistsScored: 2, society: { id: w.gids.society }, solution: null },
    { rank: 2, weightedTotal: 65, panelistsScored: 2, society: { id: w.gids.otherSociety }, solution: { id: second } },
  ]);
  const own = (await scores(w.as.otherSociety, second))!.scores!;
  expect(own).toHaveLength(6);
  expect(own.every((s) => s.panelist === null)).toBe(true);
  expect(errorOf(await asA.request(SCORE, { input: input(first, 1, 1, 1) }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.responseId" });

  // During the notice: objections taken, no award.
  expect(errorOf(await t.admin.request(AWARD, { responseId: first }))).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("runs until") });
  expect(errorOf(await t.anonymous.request(LODGE, { needId, text: "评分不公" }))?.code).toBe("UNAUTHENTICATED");
  const objection = ((await w.as.otherSociety.data(LODGE, { needId, text: "拟揭榜方案的中试数据未经第三方验证。" })) as { lodgeChallengeObjection: { id: string; status: string } }).lodgeChallengeObjection;
  expect(objection.status).toBe("OPEN");
  expect((await review(w.as.society, needId)).notice!.objections).toEqual([]); // another's objection is not shown
  expect((await review(t.admin, needId)).notice!.objections).toEqual([objection]);

  // The notice ends (written directly, the clock is not under test): no more objections; the open one holds the award.
  await prisma().challengeNotice.updateMany({ where: { needId: dbId(needId) }, data: { endsAt: new Date(Date.now() - 1000) } });
  expect(errorOf(await w.as.otherSociety.request(LODGE, { needId, text: "再次异议" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "needId" });
  expect(errorOf(await t.admin.request(AWARD, { responseId: first }))).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("objection") });
  expect(errorOf(await w.as.owner.request(RESOLVE, { id: objection.id, uphold: false, resolution: "已核实" }))?.code).toBe("FORBIDDEN");
  const resolved = ((await t.admin.data(RESOLVE, { id: objection.id, uphold: false, resolution: "经核实，中试数据已由检测机构出具报告，异议不成立。" })) as { resolveChallengeObjection: { status: string } }).resolveChallengeObjection;
  expect(resolved.status).toBe("DISMISSED");
  expect(errorOf(await t.admin.request(RESOLVE, { id: objection.id, uphold: true, resolution: "改判" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });

  // The award: the proposed solution only; the others are declined as solved by another.
  expect(errorOf(await t.admin.request(AWARD, { responseId: second }))).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("another solution") });
  const before = await stats();
  const deal = ((await t.admin.data(AWARD, { responseId: first })) as { awardChallenge: { id: string; mode: string; awardValue: string } }).awardChallenge;
  expect(deal).toMatchObject({ mode: "CHALLENGE_AWARD", awardValue: "500000.00" });
  const loser = (await w.as.otherSociety.data(`query($id: ID!) { node(id: $id) { ... on Response { status decline { code } } } }`, { id: second })) as { node: unknown };
  expect(loser.node).toEqual({ status: "DECLINED", decline: { code: "ALREADY_SOLVED" } });
  const awarded = await stats();
  expect(awarded.deals.count).toBe(before.deals.count + 1);
  expect(awarded.deals.awardValue).toBe(before.deals.awardValue); // not paid before acceptance

  // Milestones, then acceptance.
  expect(errorOf(await t.admin.request(ACCEPT, { needId, passed: true, note: "验收" }))).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("no milestones") });
  const dueOn = new Date(Date.now() + 30 * 86_400_000).toISOString();
  expect(errorOf(await w.as.society.request(MILESTONE, { needId, title: "中试验证", dueOn }))?.code).toBe("FORBIDDEN");
  expect(errorOf(await w.as.owner.request(MILESTONE, { needId, title: "中试验证", dueOn: "2020-01-01T00:00:00Z" }))).toMatchObject({ field: "input.dueOn" });
  const milestone = ((await w.as.owner.data(MILESTONE, { needId, title: "中试验证", dueOn })) as { addChallengeMilestone: { id: string; overdue: boolean } }).addChallengeMilestone;
  expect(milestone.overdue).toBe(false);
  expect(errorOf(await t.admin.request(ACCEPT, { needId, passed: true, note: "验收" }))).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("中试验证") });
  expect(errorOf(await w.as.otherSociety.request(COMPLETE, { id: milestone.id, note: "完成" }))?.code).toBe("NOT_FOUND");
  expect((await review(w.as.otherSociety, needId)).milestones).toBeNull();
  await w.as.society.data(COMPLETE, { id: milestone.id, note: "中试线连续运行 500 小时，界面阻抗下降 40%。" });
  expect(errorOf(await w.as.society.request(COMPLETE, { id: milestone.id, note: "再次" }))).toMatchObject({ code: "BAD_USER_INPUT" });
  expect(errorOf(await w.as.owner.request(ACCEPT, { needId, passed: true, note: "验收" }))?.code).toBe("FORBIDDEN");
  const failed = ((await t.admin.data(ACCEPT, { needId, passed: false, note: "循环寿命数据不足，补充后再验收。" })) as { acceptChallenge: { stage: string; paid: boolean } }).acceptChallenge;
  expect(failed).toMatchObject({ stage: "AWARDED", paid: false });
  expect((await stats()).deals.awardValue).toBe(before.deals.awardValue);
  const passed = ((await t.admin.data(ACCEPT, { needId, passed: true, note: "各项指标达到榜单要求，验收通过。" })) as { acceptChallenge: unknown }).acceptChallenge;
  expect(passed).toEqual({ stage: "ACCEPTED", paid: true, acceptances: [{ passed: false }, { passed: true }] });
  const paid = await stats();
  expect(Number(paid.deals.awardValue) - Number(before.deals.awardValue)).toBe(500_000);
  expect(errorOf(await w.as.owner.request(MILESTONE, { needId, title: "追加节点", dueOn }))).toMatchObject({ code: "BAD_USER_INPUT", field: "needId" });
  expect(await review(w.as.society, needId)).toMatchObject({ stage: "ACCEPTED", milestones: [{ id: milestone.id, doneAt: expect.any(String) }] });

  // Every step audited, and told.
  const actions = (await prisma().auditEvent.findMany({ where: { action: { startsWith: "challenge." } }, select: { action: true } })).map((a) => a.action);
  for (const action of ["challenge.criteria", "challenge.panel.appoint", "challenge.score", "challenge.notice.publish", "challenge.objection.lodge", "challenge.objection.resolve", "challenge.award", "challenge.milestone.add", "challenge.milestone.done", "challenge.accept"]) {
    expect(actions).toContain(action);
  }
  expect(await inbox({ societyId: w.ids.society })).toBeGreaterThanOrEqual(3); // notice, milestone, acceptance
  expect(await inbox({ enterpriseId: w.ids.owner })).toBeGreaterThanOrEqual(3);
}, 180_000);

test("an upheld objection withdraws the notice: the review resumes and the award waits for a new notice", async () => {
  const needId = await postChallenge("揭榜挂帅：储能电池簇热失控预警");
  await w.as.owner.data(SET_CRITERIA, { needId, criteria: [{ name: "技术先进性", weight: 100 }] });
  const [criterion] = (await review(w.as.owner, needId)).criteria;
  const first = await respond(w.as.society, w.gids.society, needId);
  const second = await respond(w.as.otherSociety, w.gids.otherSociety, needId);
  await closeSubmissions(needId);
  const panelist = await createExpert(t.admin, { name: "评审专家丙" });
  await t.admin.data(APPOINT, { needId, expertId: panelist.id });
  const asPanelist = await userClient(t, "EXPERT", panelist.id);
  for (const responseId of [first, second]) await asPanelist.data(SCORE, { input: { responseId, scores: [{ criterionId: criterion!.id, score: 8 }] } });
  // A tie at the top: ADMIN names the solution proposed.
  expect(errorOf(await t.admin.request(PUBLISH, { needId }))).toMatchObject({ code: "BAD_USER_INPUT", field: "responseId" });
  await t.admin.data(PUBLISH, { needId, responseId: second, workingDays: 1 });
  const objection = ((await w.as.society.data(LODGE, { needId, text: "两方案得分相同，应说明选择理由。" })) as { lodgeChallengeObjection: { id: string } }).lodgeChallengeObjection;
  await t.admin.data(RESOLVE, { id: objection.id, uphold: true, resolution: "异议成立，重新评审。" });
  const after = await review(t.admin, needId);
  expect(after).toMatchObject({ stage: "REVIEW", notice: null });
  expect(errorOf(await t.admin.request(AWARD, { responseId: second }))).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringContaining("notice") });
  // The panel scores again, and a new notice can be published.
  await asPanelist.data(SCORE, { input: { responseId: first, scores: [{ criterionId: criterion!.id, score: 9 }] } });
  const renewed = ((await t.admin.data(PUBLISH, { needId })) as { publishChallengeNotice: { proposedSociety: { id: string } } }).publishChallengeNotice;
  expect(renewed.proposedSociety.id).toBe(w.gids.society);
  expect(await prisma().challengeNotice.count({ where: { needId: dbId(needId) } })).toBe(2);
}, 120_000);
