import { errorOf } from "../support/client";
import { createEnterprise, createSociety } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

// Issue 26, item 5: each joining mutation answers bad input with BAD_USER_INPUT naming the field, and writes
// nothing (no registration, no user, no audit row, the stored row unchanged). Cases not already in
// registration.test.ts and corrections.test.ts.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ HUB_REGISTRATIONS_PER_ADDRESS_PER_HOUR: "100" });
}, 120_000);
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;
const PASSWORD = "Reg1stered-Pass!";
const REGISTER_SOCIETY = `mutation($input: RegisterSocietyInput!) { registerSociety(input: $input) { id } }`;
const REGISTER_EXPERT = `mutation($input: RegisterExpertInput!) { registerExpert(input: $input) { id } }`;
const UPDATE_SOCIETY = `mutation($id: ID!, $input: UpdateSocietyInput!) { updateSociety(id: $id, input: $input) { id } }`;
const UPDATE_ENTERPRISE = `mutation($id: ID!, $input: UpdateEnterpriseInput!) { updateEnterprise(id: $id, input: $input) { id } }`;
const REVIEW = `mutation($id: ID!, $approve: Boolean!) { reviewRegistration(id: $id, approve: $approve) { id } }`;

const society = { name: "南阳市坏输入测试学会", level: "MUNICIPAL", disciplines: ["材料"], contact: { person: "孙秘书" }, email: "society@bad-input.test", password: PASSWORD };
const expert = { name: "坏输入专家", expertise: "从事储能电池热管理与液冷系统设计研究。", industryChainCodes: ["NEW_ENERGY"], email: "expert@bad-input.test", password: PASSWORD };

/** Nothing written: the counts that any of these mutations would change. */
const written = async () => [await prisma().registration.count(), await prisma().user.count(), await prisma().auditEvent.count()];

test.each([
  ["registerSociety: an empty name", REGISTER_SOCIETY, { ...society, name: "  " }, "input.name"],
  ["registerSociety: a contact without a person", REGISTER_SOCIETY, { ...society, contact: { person: "", phone: "13800001111" } }, "input.contact.person"],
  ["registerSociety: not an email", REGISTER_SOCIETY, { ...society, email: "not-an-email" }, "input.email"],
  ["registerExpert: an empty expertise", REGISTER_EXPERT, { ...expert, expertise: "" }, "input.expertise"],
  ["registerExpert: a society id that is not one", REGISTER_EXPERT, { ...expert, societyIds: ["bm90LWFuLWlk"] }, "input.societyIds.0"],
  ["registerExpert: a contact phone that is not one", REGISTER_EXPERT, { ...expert, contact: { person: "王", phone: "abc" } }, "input.contact.phone"],
])("%s: BAD_USER_INPUT on its field, nothing written", async (_name, mutation, input, field) => {
  const before = await written();
  const error = errorOf(await t.anonymous.request(mutation, { input }));
  expect(error).toMatchObject({ code: "BAD_USER_INPUT", field });
  expect(await written()).toEqual(before);
});

test("updateSociety and updateEnterprise: the field named, the stored row and the audit unchanged", async () => {
  const s = await createSociety(t.admin, { name: "南阳市坏输入更新学会" });
  const e = await createEnterprise(t.admin);
  const rows = async () => [await prisma().society.findMany({ orderBy: { id: "asc" } }), await prisma().enterprise.findMany({ orderBy: { id: "asc" } }), await prisma().auditEvent.count()];
  const before = await rows();
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    [UPDATE_SOCIETY, s.id, { name: "" }, "input.name"],
    [UPDATE_SOCIETY, s.id, { contact: { person: "李", email: "not-an-email" } }, "input.contact.email"],
    [UPDATE_ENTERPRISE, e.id, { industryChainCodes: ["NOPE"] }, "input.industryChainCodes"],
    [UPDATE_ENTERPRISE, e.id, { industryChainCodes: [] }, "input.industryChainCodes"],
  ];
  for (const [mutation, id, input, field] of cases) {
    expect({ input, error: errorOf(await t.admin.request(mutation, { id, input })) }).toMatchObject({ input, error: { code: "BAD_USER_INPUT", field } });
  }
  expect(await rows()).toEqual(before);
});

test("reviewRegistration: an id of another kind finds no registration (NOT_FOUND, as wrong ids are answered everywhere)", async () => {
  const s = await createSociety(t.admin, { name: "南阳市坏输入审核学会" });
  const before = await written();
  expect(errorOf(await t.admin.request(REVIEW, { id: s.id, approve: true }))?.code).toBe("NOT_FOUND");
  expect(await written()).toEqual(before);
});
