import { errorOf } from "../support/client";
import { PASSWORD } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";
import { ChangePasswordDocument, CreateUserDocument, LoginDocument, MeDocument } from "../generated/operations";

// Issue 22, 3.4: 25 parallel logins to one account were all checked (the limiter only read the count before
// verifying), and changePassword's current password was not limited at all.
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ HUB_LOGIN_MAX_FAILURES: "5", HUB_LOGIN_MAX_FAILURES_PER_ADDRESS: "100000" });
});
afterAll(() => t?.stop());

let sequence = 0;
async function newUser() {
  const email = `limited${++sequence}-${Date.now()}@hub.test`;
  await t.admin.data(CreateUserDocument, { input: { email, password: PASSWORD, role: "ANALYST", organizationId: null } });
  return email;
}
const code = (result: Parameters<typeof errorOf>[0]) => (errorOf(result)?.code as string | undefined) ?? "ok";

test("25 parallel logins to one account: at most the limit are checked, the rest RATE_LIMITED, and the right password does not get through", async () => {
  const email = await newUser();
  const attempts = Array.from({ length: 25 }, (_, i) => (i === 24 ? PASSWORD : `Wrong-${i}-Passw0rd!`));
  const codes = await Promise.all(attempts.map(async (password) => code(await t.anonymous.request(LoginDocument, { email, password }))));
  const checked = codes.filter((c) => c !== "RATE_LIMITED");
  expect(checked.length).toBeLessThanOrEqual(5);
  expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(20);
  // Unless the right password happened to be among the first five checked, the account is locked for it too.
  if (!codes.includes("ok")) expect(code(await t.anonymous.request(LoginDocument, { email, password: PASSWORD }))).toBe("RATE_LIMITED");
});

test("24 parallel wrong logins, then the right password: RATE_LIMITED", async () => {
  const email = await newUser();
  const codes = await Promise.all(Array.from({ length: 24 }, async (_, i) => code(await t.anonymous.request(LoginDocument, { email, password: `Wrong-${i}-Passw0rd!` }))));
  expect(codes.filter((c) => c === "UNAUTHENTICATED").length).toBe(5);
  expect(codes.filter((c) => c === "RATE_LIMITED").length).toBe(19);
  expect(code(await t.anonymous.request(LoginDocument, { email, password: PASSWORD }))).toBe("RATE_LIMITED");
});

test("changePassword's current password is limited like a login: 8 wrong tries, 5 checked; then even the right one is refused and nothing changes", async () => {
  const email = await newUser();
  const user = await t.signIn(email, PASSWORD);
  const results = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => errorOf(await user.request(ChangePasswordDocument, { currentPassword: `Wrong-${i}-Passw0rd!`, newPassword: "An0ther-Str0ng-Pass!" }))),
  );
  expect(results.filter((e) => e?.code === "BAD_USER_INPUT" && e.field === "currentPassword").length).toBe(5);
  expect(results.filter((e) => e?.code === "RATE_LIMITED").length).toBe(3);
  const right = await user.request(ChangePasswordDocument, { currentPassword: PASSWORD, newPassword: "An0ther-Str0ng-Pass!" });
  expect(errorOf(right)?.code).toBe("RATE_LIMITED");
  // Nothing written: the token from before still holds (a changed password would have bumped tokenVersion).
  expect((await user.data(MeDocument)).me?.email).toBe(email);
});

test("a right password within the limit still signs in and clears the account's count", async () => {
  const email = await newUser();
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 4; i++) expect(code(await t.anonymous.request(LoginDocument, { email, password: "Wrong-Passw0rd!" }))).toBe("UNAUTHENTICATED");
    expect(code(await t.anonymous.request(LoginDocument, { email, password: PASSWORD }))).toBe("ok");
  }
});
