import { errorOf } from "../support/client";
import { createExpert, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { toGlobalId } from "../../src/infra/relay/global-id";
import { buildWorld, dbId, needIn, type World } from "../workflow/world";

// Corrections: updateNeed, updateEnterprise, updateSociety, updatePlatform, updateDeal and voidDeal, each with its
// audit row (before and after) written with it, and nothing written for bad input.
let t: TestHub;
let w: World;
beforeAll(async () => {
  t = await startTestHub({ HUB_SWEEP_SECONDS: "0" });
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;
const audits = (action: string, entityId: number) => prisma().auditEvent.findMany({ where: { action, entityId }, orderBy: { id: "asc" } });

const UPDATE_NEED = `mutation($id: ID!, $input: UpdateNeedInput!) { updateNeed(id: $id, input: $input) { id title status deadline keywords } }`;
const UPDATE_ENTERPRISE = `mutation($id: ID!, $input: UpdateEnterpriseInput!) { updateEnterprise(id: $id, input: $input) { id name onKczg contact { person phone email } } }`;
const UPDATE_SOCIETY = `mutation($id: ID!, $input: UpdateSocietyInput!) { updateSociety(id: $id, input: $input) { id name disciplines contact { person } } }`;
const UPDATE_PLATFORM = `mutation($id: ID!, $input: UpdatePlatformInput!) { updatePlatform(id: $id, input: $input) { id name capabilities } }`;
const ENTERPRISE_CONTACT = `query($id: ID!) { node(id: $id) { ... on Enterprise { contact { person phone } } } }`;

describe("updateNeed", () => {
  test("corrects an OPEN need, writes its audit row and matches it again: SUGGESTED matches replaced, progressed ones kept", async () => {
    const posted = await postNeed(w.as.owner, w.gids.owner, { deadline: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    const needId = dbId(posted.id);
    const matches = await prisma().match.findMany({ where: { needId }, orderBy: { rank: "asc" } });
    expect(matches.length).toBeGreaterThan(0);
    const viewed = await prisma().match.update({ where: { id: matches[0].id }, data: { status: "VIEWED" } });
    // A supplier that fits neither text: a suggestion of it is stale and goes with the new matching.
    const textile = await createExpert(t.admin, { expertise: "长期从事纺织印染废水处理与纺织品功能整理研究。", keywords: ["纺织", "印染"], industryChainCodes: ["NEW_ENERGY"] });
    const stale = await prisma().match.create({
      data: { needId, supplierKind: "EXPERT", supplierId: dbId(textile.id), score: 0.99, rank: 99, breakdown: [], matchedTerms: [] },
    });
    const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const input = { title: "动力电池安全测试与中试验证", keywords: ["中试", "电池安全"], deadline };
    const updated = (await w.as.owner.data<{ updateNeed: { title: string; keywords: string[]; deadline: string } }>(UPDATE_NEED, { id: posted.id, input })).updateNeed;
    expect(updated).toMatchObject({ title: input.title, keywords: input.keywords, deadline });
    expect(await prisma().match.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await prisma().match.findUnique({ where: { id: viewed.id } })).toMatchObject({ status: "VIEWED" });
    const profile = await prisma().needProfile.findUniqueOrThrow({ where: { needId } });
    expect(Object.keys(profile.terms as object).some((term) => term.includes("中试"))).toBe(true);
    const [audit] = await audits("need.update", needId);
    expect(audit.summary).toMatchObject({ before: { title: posted.title, keywords: ["热失控", "热管理", "储能"] }, after: { title: input.title, keywords: input.keywords, deadline } });
    expect(audit.actorId).not.toBeNull();
  });

  test("a deadline moves later only; a need past OPEN/DRAFT cannot be corrected; another enterprise may not; nothing written", async () => {
    const need = await needIn(t, w, "OPEN", { deadline: new Date(Date.now() + 30 * 86_400_000) });
    const id = toGlobalId("TechNeed", need.id);
    const earlier = new Date(Date.now() + 5 * 86_400_000).toISOString();
    expect(errorOf(await w.as.owner.request(UPDATE_NEED, { id, input: { title: "新的标题不会写入", deadline: earlier } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.deadline" });
    expect(errorOf(await w.as.owner.request(UPDATE_NEED, { id, input: { budgetMin: 500, budgetMax: 100 } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.budgetMax" });
    expect(errorOf(await w.as.owner.request(UPDATE_NEED, { id, input: { title: " " } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    expect(errorOf(await w.as.owner.request(UPDATE_NEED, { id, input: { industryChainCode: "NO_SUCH_CHAIN" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.industryChainCode" });
    expect(errorOf(await w.as.otherEnterprise.request(UPDATE_NEED, { id, input: { title: "别家企业的修改" } }))?.code).toBe("FORBIDDEN");
    expect(errorOf(await w.as.society.request(UPDATE_NEED, { id, input: { title: "学会的修改" } }))?.code).toBe("FORBIDDEN");
    const docking = await needIn(t, w, "IN_DOCKING");
    expect(errorOf(await w.as.owner.request(UPDATE_NEED, { id: toGlobalId("TechNeed", docking.id), input: { title: "对接中的需求" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(await prisma().techNeed.findUniqueOrThrow({ where: { id: need.id } })).toMatchObject({ title: need.title, deadline: need.deadline });
    expect(await audits("need.update", need.id)).toHaveLength(0);
    // A DRAFT is corrected but not matched.
    const draft = await needIn(t, w, "DRAFT");
    await w.as.admin.data(UPDATE_NEED, { id: toGlobalId("TechNeed", draft.id), input: { description: "草稿需求的描述改写，补充更多技术细节。" } });
    expect(await prisma().match.count({ where: { needId: draft.id } })).toBe(0);
    expect(await audits("need.update", draft.id)).toHaveLength(1);
  });
});

describe("updateEnterprise", () => {
  test("the enterprise corrects its profile: 科创中国 with its date, a contact seen by its own users and ADMIN only", async () => {
    const before = await prisma().enterprise.findUniqueOrThrow({ where: { id: w.ids.owner } });
    const input = { name: "南阳更正后企业有限公司", onKczg: true, contact: { person: "张经理", phone: "0377-63123456", email: "Zhang@Example.com" } };
    const updated = (await w.as.owner.data<{ updateEnterprise: Record<string, unknown> }>(UPDATE_ENTERPRISE, { id: w.gids.owner, input })).updateEnterprise;
    expect(updated).toMatchObject({ name: input.name, onKczg: true, contact: { person: "张经理", phone: "0377-63123456", email: "zhang@example.com" } });
    const row = await prisma().enterprise.findUniqueOrThrow({ where: { id: w.ids.owner } });
    expect(row.kczgSince).toBeInstanceOf(Date);
    const [audit] = await audits("enterprise.update", w.ids.owner);
    expect(audit.summary).toMatchObject({ before: { name: before.name, onKczg: false, kczgSince: null }, after: { name: input.name, onKczg: true } });
    const contactAs = async (client: typeof t.admin) => ((await client.data<{ node: { contact: unknown } }>(ENTERPRISE_CONTACT, { id: w.gids.owner })).node.contact);
    expect(await contactAs(t.admin)).toMatchObject({ person: "张经理" });
    expect(await contactAs(w.as.owner)).toMatchObject({ person: "张经理" });
    expect(await contactAs(w.as.otherEnterprise)).toBeNull();
    expect(await contactAs(w.as.analyst)).toBeNull();
  });

  test("bad input names the field and writes nothing; another enterprise may not", async () => {
    const before = await prisma().enterprise.findUniqueOrThrow({ where: { id: w.ids.otherEnterprise } });
    const id = w.gids.otherEnterprise;
    expect(errorOf(await t.admin.request(UPDATE_ENTERPRISE, { id, input: { name: "改名", contact: { person: "李", phone: "12ab" } } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.contact.phone" });
    expect(errorOf(await t.admin.request(UPDATE_ENTERPRISE, { id, input: { contact: { person: "李", email: "not-an-email" } } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.contact.email" });
    expect(errorOf(await t.admin.request(UPDATE_ENTERPRISE, { id, input: { regionCode: "999999" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.regionCode" });
    expect(errorOf(await t.admin.request(UPDATE_ENTERPRISE, { id, input: { name: "x" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.name" });
    expect(errorOf(await w.as.owner.request(UPDATE_ENTERPRISE, { id, input: { name: "别人的企业" } }))?.code).toBe("FORBIDDEN");
    expect(await prisma().enterprise.findUniqueOrThrow({ where: { id: w.ids.otherEnterprise } })).toEqual(before);
    expect(await audits("enterprise.update", w.ids.otherEnterprise)).toHaveLength(0);
  });
});

describe("updateSociety and updatePlatform", () => {
  test("a changed society text is indexed again; audited; its own users may, others may not", async () => {
    const profile = await prisma().supplierProfile.findUniqueOrThrow({ where: { supplierKind_supplierId: { supplierKind: "SOCIETY", supplierId: w.ids.society } } });
    const input = { disciplines: ["储能", "氢能", "燃料电池"], contact: { person: "王秘书长", phone: "13812345678" } };
    expect(errorOf(await w.as.otherSociety.request(UPDATE_SOCIETY, { id: w.gids.society, input }))?.code).toBe("FORBIDDEN");
    expect(errorOf(await w.as.society.request(UPDATE_SOCIETY, { id: w.gids.society, input: { ...input, contact: { person: "" } } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.contact.person" });
    expect(await audits("society.update", w.ids.society)).toHaveLength(0);
    const updated = (await w.as.society.data<{ updateSociety: Record<string, unknown> }>(UPDATE_SOCIETY, { id: w.gids.society, input })).updateSociety;
    expect(updated).toMatchObject({ disciplines: input.disciplines, contact: { person: "王秘书长" } });
    const after = await prisma().supplierProfile.findUniqueOrThrow({ where: { supplierKind_supplierId: { supplierKind: "SOCIETY", supplierId: w.ids.society } } });
    expect(after.version).toBeGreaterThan(profile.version);
    const [audit] = await audits("society.update", w.ids.society);
    expect(audit.summary).toMatchObject({ before: { disciplines: ["电池材料", "储能"] }, after: { disciplines: input.disciplines } });
  });

  test("a changed platform text re-indexes its profile; a contact-only change does not", async () => {
    const key = { supplierKind_supplierId: { supplierKind: "PLATFORM" as const, supplierId: w.ids.platform } };
    const before = await prisma().supplierProfile.findUniqueOrThrow({ where: key });
    const capabilities = "拥有燃料电池电堆测试台架和氢气安全检测实验室，可开展膜电极耐久性测试。";
    expect(errorOf(await w.as.expert.request(UPDATE_PLATFORM, { id: w.gids.platform, input: { capabilities } }))?.code).toBe("FORBIDDEN");
    expect(errorOf(await t.admin.request(UPDATE_PLATFORM, { id: w.gids.platform, input: { capabilities: "太短" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.capabilities" });
    await w.as.platform.data(UPDATE_PLATFORM, { id: w.gids.platform, input: { capabilities } });
    const after = await prisma().supplierProfile.findUniqueOrThrow({ where: key });
    expect(after.version).toBeGreaterThan(before.version);
    expect(Object.keys(after.terms as object).some((term) => term.includes("燃料电池") || term.includes("膜电极"))).toBe(true);
    await t.admin.data(UPDATE_PLATFORM, { id: w.gids.platform, input: { contact: { person: "赵主任" } } });
    expect((await prisma().supplierProfile.findUniqueOrThrow({ where: key })).version).toBe(after.version);
    const rows = await audits("platform.update", w.ids.platform);
    expect(rows).toHaveLength(2);
    expect(rows[0].summary).toMatchObject({ after: { capabilities } });
    expect(rows[1].summary).toMatchObject({ before: { contact: null }, after: { contact: { person: "赵主任" } } });
  });
});

describe("updateDeal and voidDeal", () => {
  const UPDATE_DEAL = `mutation($id: ID!, $input: UpdateDealInput!) { updateDeal(id: $id, input: $input) { id amount summary contractSigned } }`;
  const VOID_DEAL = `mutation($id: ID!, $reason: String!) { voidDeal(id: $id, reason: $reason) { id voidedAt voidReason } }`;
  const DEALS = `query($needId: ID) { deals(filter: { needId: $needId }) { totalCount edges { node { id } } } }`;

  test("the need's enterprise corrects a deal (audited), then voids it: it leaves the lists", async () => {
    const need = await needIn(t, w, "IN_DOCKING");
    const deal = await prisma().deal.create({ data: { needId: need.id, mode: "JOINT_RD", amount: 100_000, summary: "联合开发储能液冷系统" } });
    const id = toGlobalId("Deal", deal.id);
    expect(errorOf(await w.as.owner.request(UPDATE_DEAL, { id, input: { amount: -1 } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.amount" });
    expect(errorOf(await w.as.owner.request(UPDATE_DEAL, { id, input: { signedOn: new Date(Date.now() - 86_400_000).toISOString() } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.signedOn" });
    expect(errorOf(await w.as.otherEnterprise.request(UPDATE_DEAL, { id, input: { amount: 5 } }))?.code).toBe("NOT_FOUND");
    expect(errorOf(await w.as.society.request(UPDATE_DEAL, { id, input: { amount: 5 } }))?.code).toBe("FORBIDDEN");
    expect(await audits("deal.update", deal.id)).toHaveLength(0);
    const updated = (await w.as.owner.data<{ updateDeal: Record<string, unknown> }>(UPDATE_DEAL, { id, input: { amount: 1_200_000, contractSigned: true } })).updateDeal;
    expect(updated).toMatchObject({ amount: 1_200_000, contractSigned: true, summary: deal.summary });
    const [audit] = await audits("deal.update", deal.id);
    // The Decimal value moves with the deprecated Int amount (the fixture's deal was written with the Int only).
    expect(audit.summary).toEqual({ before: { amount: 100_000, value: null, contractSigned: false }, after: { amount: 1_200_000, value: "1200000.00", contractSigned: true } });
    const listed = async () => (await w.as.owner.data<{ deals: { totalCount: number } }>(DEALS, { needId: toGlobalId("TechNeed", need.id) })).deals.totalCount;
    expect(await listed()).toBe(1);
    expect(errorOf(await w.as.owner.request(VOID_DEAL, { id, reason: "" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const voided = (await w.as.owner.data<{ voidDeal: { voidedAt: string | null; voidReason: string } }>(VOID_DEAL, { id, reason: "重复登记" })).voidDeal;
    expect(voided.voidedAt).not.toBeNull();
    expect(await listed()).toBe(0);
    expect(await audits("deal.void", deal.id)).toHaveLength(1);
    expect(errorOf(await w.as.owner.request(VOID_DEAL, { id, reason: "再次作废" }))?.code).toBe("NOT_FOUND");
  });
});
