import { errorOf, GqlClient } from "../support/client";
import { createSociety, freshCreditCode } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { decodeGlobalId } from "../../src/infra/relay/global-id";
import type { AccountMail, RegistrationNotice } from "../../src/modules/registration/account-mail";

// Registration → review → sign-in, account states at sign-in, reactivation, and the password reset with its link
// read through the AccountMail port (what the mail module connects to).
const sent = { resets: [] as Array<{ email: string; link: string }>, submitted: [] as RegistrationNotice[], reviewed: [] as RegistrationNotice[] };
const mail: AccountMail = {
  passwordReset: async (_tx, email, link) => void sent.resets.push({ email, link }),
  registrationSubmitted: async (_tx, r) => void sent.submitted.push(r),
  registrationReviewed: async (_tx, r) => void sent.reviewed.push(r),
};

let t: TestHub;
// Account care reads this clock: a link's hour passes by moving it, not by waiting.
let clockOffsetMs = 0;
beforeAll(async () => {
  t = await startTestHub({ HUB_REGISTRATIONS_PER_ADDRESS_PER_HOUR: "12", HUB_PUBLIC_URL: "https://hub.example.cn" }, { accountMail: mail, clock: () => Date.now() + clockOffsetMs });
}, 120_000);
afterAll(() => t?.stop());

const prisma = () => t.hub.database.prisma;
const PASSWORD = "Reg1stered-Pass!";
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { organization { __typename ... on Enterprise { id name contact { person } } } } } }`;
const REGISTER_ENTERPRISE = `mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { id kind status email name organization { id } } }`;
const REGISTER_SOCIETY = `mutation($input: RegisterSocietyInput!) { registerSociety(input: $input) { id status } }`;
const REGISTER_EXPERT = `mutation($input: RegisterExpertInput!) { registerExpert(input: $input) { id status } }`;
const REVIEW = `mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewRegistration(id: $id, approve: $approve, reason: $reason) { id status reason reviewedAt organization { __typename id } } }`;
const REGISTRATIONS = `query($status: [RegistrationStatus!]) { registrations(status: $status) { totalCount edges { node { id name status } } } }`;
const login = (email: string, password = PASSWORD) => t.anonymous.request<{ login: { token: string; user: { organization: { __typename: string; id: string; contact: unknown } | null } } }>(LOGIN, { email, password });

const enterpriseInput = (email: string) => ({
  name: "南阳自助注册企业有限公司",
  creditCode: freshCreditCode("411321"),
  regionCode: "411321",
  industryChainCodes: ["NEW_ENERGY"],
  contact: { person: "刘经理", phone: "13900001111" },
  email,
  password: PASSWORD,
});

describe("registration → review → sign-in", () => {
  test("an enterprise registers, waits (ACCOUNT_PENDING, nothing created), is approved and signs in as its enterprise", async () => {
    const input = enterpriseInput("Owner@Registered.test");
    const badCheck = input.creditCode.slice(0, 17) + (input.creditCode[17] === "0" ? "1" : "0");
    const users = await prisma().user.count();
    expect(errorOf(await t.anonymous.request(REGISTER_ENTERPRISE, { input: { ...input, creditCode: badCheck } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.creditCode" });
    expect(errorOf(await t.anonymous.request(REGISTER_ENTERPRISE, { input: { ...input, contact: { person: "刘", phone: "abc" } } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.contact.phone" });
    expect(errorOf(await t.anonymous.request(REGISTER_ENTERPRISE, { input: { ...input, password: "weakweakweak" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.password" });
    expect(errorOf(await t.anonymous.request(REGISTER_ENTERPRISE, { input: { ...input, regionCode: "999999" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.regionCode" });
    expect(await prisma().user.count()).toBe(users);
    expect(await prisma().registration.count()).toBe(0);

    const registration = (await t.anonymous.data<{ registerEnterprise: Record<string, unknown> }>(REGISTER_ENTERPRISE, { input })).registerEnterprise;
    expect(registration).toMatchObject({ kind: "ENTERPRISE", status: "PENDING", email: "owner@registered.test", organization: null });
    expect(sent.submitted.map((r) => r.name)).toContain(input.name);
    expect(await prisma().enterprise.count({ where: { creditCode: input.creditCode } })).toBe(0);
    expect(errorOf(await login("owner@registered.test"))?.code).toBe("ACCOUNT_PENDING");
    expect(errorOf(await login("owner@registered.test", "Wrong-Passw0rd!"))?.code).toBe("UNAUTHENTICATED");
    // The same email in another case, and the same enterprise again, are refused while it waits.
    expect(errorOf(await t.anonymous.request(REGISTER_ENTERPRISE, { input: { ...input, creditCode: freshCreditCode("411321"), email: "OWNER@registered.TEST" } }))).toMatchObject({ code: "CONFLICT", field: "input.email" });
    expect(errorOf(await t.anonymous.request(REGISTER_ENTERPRISE, { input: { ...input, email: "second@registered.test" } }))).toMatchObject({ code: "CONFLICT", field: "input.creditCode" });

    expect(errorOf(await t.anonymous.request(REGISTRATIONS, {}))?.code).toBe("UNAUTHENTICATED");
    const pending = (await t.admin.data<{ registrations: { edges: Array<{ node: { id: string } }> } }>(REGISTRATIONS, { status: ["PENDING"] })).registrations;
    expect(pending.edges.map((e) => e.node.id)).toContain(registration.id);
    const reviewed = (await t.admin.data<{ reviewRegistration: Record<string, unknown> & { organization: { id: string } } }>(REVIEW, { id: registration.id, approve: true })).reviewRegistration;
    expect(reviewed).toMatchObject({ status: "APPROVED", reviewedAt: expect.any(String), organization: { __typename: "Enterprise" } });
    expect(sent.reviewed.find((r) => r.email === "owner@registered.test")).toMatchObject({ status: "APPROVED" });
    expect(errorOf(await t.admin.request(REVIEW, { id: registration.id, approve: false }))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });

    const signedIn = await login("owner@registered.test");
    expect(signedIn.data?.login.user.organization).toMatchObject({ __typename: "Enterprise", id: reviewed.organization.id, name: input.name });
    const owner = new GqlClient(t.anonymous.url, signedIn.data!.login.token);
    const me = await owner.data<{ me: { organization: { contact: unknown } } }>(`{ me { organization { ... on Enterprise { contact { person phone } } } } }`);
    expect(me.me.organization.contact).toEqual({ person: "刘经理", phone: "13900001111" });
    expect(await prisma().auditEvent.count({ where: { action: "registration.approve", entityId: decodeGlobalId(registration.id as string)!.id } })).toBe(1);
  });

  test("a rejected society answers ACCOUNT_REJECTED; an approved expert is created with its societies and matched", async () => {
    const society = await t.anonymous.data<{ registerSociety: { id: string } }>(REGISTER_SOCIETY, {
      input: { name: "南阳市自助注册学会", level: "MUNICIPAL", disciplines: ["材料"], contact: { person: "孙秘书" }, email: "society@registered.test", password: PASSWORD },
    });
    await t.admin.data(REVIEW, { id: society.registerSociety.id, approve: false, reason: "资料不全" });
    expect(errorOf(await login("society@registered.test"))?.code).toBe("ACCOUNT_REJECTED");
    expect(await prisma().society.count({ where: { name: "南阳市自助注册学会" } })).toBe(0);

    const existing = await createSociety(t.admin);
    const input = {
      name: "自助注册专家",
      expertise: "从事储能电池热管理与液冷系统设计，开展热失控预警研究。",
      keywords: ["储能", "热管理"],
      industryChainCodes: ["NEW_ENERGY"],
      societyIds: [existing.id],
      email: "expert@registered.test",
      password: PASSWORD,
    };
    expect(errorOf(await t.anonymous.request(REGISTER_EXPERT, { input: { ...input, industryChainCodes: ["NOPE"] } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.industryChainCodes" });
    const expert = await t.anonymous.data<{ registerExpert: { id: string } }>(REGISTER_EXPERT, { input });
    expect(await prisma().expert.count({ where: { name: input.name } })).toBe(0);
    // What the reviewer reads of it (the /review page): the input as sent, societies by global ID, no sign-in.
    const SUBMITTED = `query($id: ID!) { node(id: $id) { ... on Registration { submitted } } }`;
    const { submitted } = (await t.admin.data<{ node: { submitted: Record<string, unknown> } }>(SUBMITTED, { id: expert.registerExpert.id })).node;
    expect(submitted).toMatchObject({ name: input.name, expertise: input.expertise, keywords: input.keywords, societyIds: [existing.id] });
    expect(submitted).not.toHaveProperty("password");
    expect(submitted).not.toHaveProperty("email");
    const approved = (await t.admin.data<{ reviewRegistration: { organization: { __typename: string; id: string } } }>(REVIEW, { id: expert.registerExpert.id, approve: true })).reviewRegistration;
    expect(approved.organization.__typename).toBe("Expert");
    const expertId = decodeGlobalId(approved.organization.id)!.id;
    expect(await prisma().societyMembership.count({ where: { expertId, societyId: decodeGlobalId(existing.id)!.id } })).toBe(1);
    expect(await prisma().supplierProfile.count({ where: { supplierKind: "EXPERT", supplierId: expertId } })).toBe(1);
    expect((await login("expert@registered.test")).data?.login.token).toEqual(expect.any(String));
  });
});

describe("account care", () => {
  const DEACTIVATE = `mutation($id: ID!) { deactivateUser(id: $id) { id active } }`;
  const REACTIVATE = `mutation($id: ID!) { reactivateUser(id: $id) { id active } }`;
  const USERS = `query($filter: UserFilter) { users(filter: $filter) { totalCount edges { node { id email active role } } } }`;

  test("a deactivated user answers ACCOUNT_DISABLED until an ADMIN reactivates them; users lists with filters (ADMIN)", async () => {
    const found = (await t.admin.data<{ users: { totalCount: number; edges: Array<{ node: { id: string; email: string } }> } }>(USERS, { filter: { email: "OWNER@REGISTERED" } })).users;
    expect(found.edges.map((e) => e.node.email)).toEqual(["owner@registered.test"]);
    const id = found.edges[0].node.id;
    const owner = new GqlClient(t.anonymous.url, (await login("owner@registered.test")).data!.login.token);
    expect(errorOf(await owner.request(USERS, {}))?.code).toBe("FORBIDDEN");
    expect(errorOf(await owner.request(REACTIVATE, { id }))?.code).toBe("FORBIDDEN");
    await t.admin.data(DEACTIVATE, { id });
    expect(errorOf(await login("owner@registered.test"))?.code).toBe("ACCOUNT_DISABLED");
    const inactive = (await t.admin.data<{ users: { edges: Array<{ node: { id: string } }> } }>(USERS, { filter: { active: false, role: ["ENTERPRISE"] } })).users;
    expect(inactive.edges.map((e) => e.node.id)).toContain(id);
    expect((await t.admin.data<{ reactivateUser: { active: boolean } }>(REACTIVATE, { id })).reactivateUser.active).toBe(true);
    expect((await login("owner@registered.test")).data?.login.token).toEqual(expect.any(String));
    // A rejected registration's user is not reactivated by this door.
    const rejected = await prisma().user.findUniqueOrThrow({ where: { email: "society@registered.test" } });
    expect(errorOf(await t.admin.request(REACTIVATE, { id: Buffer.from(`User:${rejected.id}`).toString("base64url") }))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  test("a password reset through the mailed link: once, under the policy, and older tokens stop working", async () => {
    const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
    const RESET = `mutation($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }`;
    const ME = `{ me { id } }`;
    expect((await t.anonymous.data<{ requestPasswordReset: boolean }>(REQUEST, { email: "nobody@registered.test" })).requestPasswordReset).toBe(true);
    expect(sent.resets).toHaveLength(0);
    const before = new GqlClient(t.anonymous.url, (await login("expert@registered.test")).data!.login.token);
    expect((await t.anonymous.data<{ requestPasswordReset: boolean }>(REQUEST, { email: "Expert@Registered.test" })).requestPasswordReset).toBe(true);
    expect(sent.resets).toHaveLength(1);
    const { email, link } = sent.resets[0];
    expect(email).toBe("expert@registered.test");
    expect(link).toMatch(/^https:\/\/hub\.example\.cn\/reset-password\?token=[\w-]{40,}$/);
    const token = new URL(link).searchParams.get("token")!;
    const stored = await prisma().passwordReset.findFirstOrThrow({ where: { user: { email } } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeLessThanOrEqual(3600_000 + 1000);

    expect(errorOf(await t.anonymous.request(RESET, { token: "not-a-token", newPassword: "N3w-Password!" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "token" });
    expect(errorOf(await t.anonymous.request(RESET, { token, newPassword: "short" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "newPassword" });
    expect((await t.anonymous.data<{ resetPassword: boolean }>(RESET, { token, newPassword: "N3w-Password!" })).resetPassword).toBe(true);
    expect(errorOf(await before.request(ME))?.code).toBe("UNAUTHENTICATED");
    expect(errorOf(await t.anonymous.request(RESET, { token, newPassword: "An0ther-Password!" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "token" });
    expect(errorOf(await login(email))?.code).toBe("UNAUTHENTICATED");
    expect((await login(email, "N3w-Password!")).data?.login.token).toEqual(expect.any(String));

    const page = await fetch(new URL("/reset-password?token=x", t.anonymous.url));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('type="password"');
    expect(html).toContain('src="/reset-password.js"');
    expect(await (await fetch(new URL("/reset-password.js", t.anonymous.url))).text()).toContain("resetPassword(token: $token, newPassword: $newPassword)");
  });

  test("a reset link works for an hour: at 59 minutes it does, past 60 it is refused", async () => {
    const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
    const RESET = `mutation($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }`;
    const email = "clock@registered.test";
    await t.admin.data(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: PASSWORD, role: "ANALYST" } });
    const linkFor = async () => {
      const before = sent.resets.length;
      await t.anonymous.data(REQUEST, { email });
      expect(sent.resets).toHaveLength(before + 1);
      return new URL(sent.resets[before].link).searchParams.get("token")!;
    };
    try {
      const late = await linkFor();
      clockOffsetMs = 60 * 60_000 + 1000;
      expect(errorOf(await t.anonymous.request(RESET, { token: late, newPassword: "Expired-Passw0rd!" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "token" });
      expect((await login(email)).data?.login.token).toEqual(expect.any(String));
      const timely = await linkFor();
      clockOffsetMs += 59 * 60_000;
      expect((await t.anonymous.data<{ resetPassword: boolean }>(RESET, { token: timely, newPassword: "Timely-Passw0rd!" })).resetPassword).toBe(true);
      expect((await login(email, "Timely-Passw0rd!")).data?.login.token).toEqual(expect.any(String));
    } finally {
      clockOffsetMs = 0;
    }
  });
});

test("registrations per client address are rate-limited", async () => {
  let code: unknown = null;
  for (let i = 0; i < 10 && code !== "RATE_LIMITED"; i++) {
    const result = await t.anonymous.request(REGISTER_ENTERPRISE, { input: enterpriseInput(`flood${i}@registered.test`) });
    code = errorOf(result)?.code ?? null;
  }
  expect(code).toBe("RATE_LIMITED");
});
