/// <reference lib="dom" />
// The pages for joining the programme in Chromium, against a production-mode hub: /join (an enterprise applies,
// anonymous) and /review (an ADMIN approves; other roles see no registrations).
// Skipped, with a message, where /usr/bin/chromium is absent (apt-get install -y chromium fonts-wqy-microhei).
import type { Page } from "playwright-core";
import { GqlClient, errorOf } from "../support/client";
import { freshCreditCode } from "../support/fixtures";
import { ANALYST, E2E_ADMIN, hasChromium, pagesSuite, scrollWidth, signIn, until } from "./pages-support";

const describeBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) it.skip("browser tests need /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei)", () => {});

const REGISTRATIONS = `query($status: [RegistrationStatus!]) { registrations(status: $status, first: 100) { edges { node { id name email status submitted } } } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;

describeBrowser("the joining pages in Chromium on a production-mode hub", () => {
  const suite = pagesSuite();
  const open = suite.open;
  const applicant = { email: `join-${Date.now()}@example.test`, password: "Join-Passw0rd-2026" };
  const name = `南阳申请测试${Date.now() % 100000}有限公司`;

  async function registrationsNamed(status: string[] | null) {
    const data = await suite.hub.admin.data<{ registrations: { edges: Array<{ node: { name: string; email: string; status: string; submitted: Record<string, unknown> } }> } }>(REGISTRATIONS, { status });
    return data.registrations.edges.map((e) => e.node).filter((r) => r.name === name);
  }

  const loginCode = async () => errorOf(await new GqlClient(suite.hub.server.graphqlUrl).request(LOGIN, { e: applicant.email, p: applicant.password }))?.code ?? "SIGNED_IN";

  async function fieldError(page: Page, field: string) {
    return page.textContent(`.join-field[data-field="${field}"] .join-field-error`);
  }

  it("an enterprise applies at 390 px: a wrong credit code shows beside its field and writes nothing; a right one is PENDING", async () => {
    const w = await open("/join", 390, 844);
    const { page } = w;
    await page.waitForSelector("body[data-state='ready']");
    expect(await page.getAttribute('.join-kind[data-kind="ENTERPRISE"]', "aria-selected")).toBe("true");
    const good = freshCreditCode("411303");
    // The last character is the check character: any other one is wrong.
    const wrong = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    await page.fill("#f-name", name);
    await page.fill("#f-creditCode", wrong);
    await page.selectOption("#f-regionCode", "411303");
    await page.check('input[name="industryChainCodes"][value="NEW_ENERGY"]');
    await page.fill('[id="f-contact.person"]', "张经理");
    await page.fill('[id="f-contact.phone"]', "0377-12345678");
    await page.fill("#f-email", applicant.email);
    await page.fill("#f-password", applicant.password);
    await page.click(".join-submit");
    await page.waitForSelector('.join-field[data-field="creditCode"].bad');
    expect(await fieldError(page, "creditCode")).toContain("统一社会信用代码有误");
    for (const other of ["name", "regionCode", "email", "password"]) expect(await fieldError(page, other)).toBe("");
    expect(await page.textContent(".join-form-error")).toBe("");
    // Nothing written: no registration, no user (the sign-in knows no such account).
    expect(await registrationsNamed(null)).toEqual([]);
    expect(await loginCode()).toBe("UNAUTHENTICATED");

    await page.fill("#f-creditCode", good);
    await page.click(".join-submit");
    await page.waitForSelector("body[data-state='submitted']");
    expect(await page.textContent("#done")).toContain("已提交，等待审核");
    expect(await page.textContent("#done")).toContain(applicant.email);
    const [pending] = await registrationsNamed(["PENDING"]);
    expect(pending).toMatchObject({ status: "PENDING", email: applicant.email, submitted: { creditCode: good, regionCode: "411303", industryChainCodes: ["NEW_ENERGY"] } });
    expect(await loginCode()).toBe("ACCOUNT_PENDING");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    expect(w.foreign).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  }, 120_000);

  it("before approval the sign-in form says the account is waiting for review; it links to /join", async () => {
    const w = await open("/dashboard");
    const { page } = w;
    await page.waitForSelector(".hub-signin form");
    expect(await page.getAttribute(".hub-signin a.hub-signin-join", "href")).toBe("/join");
    await page.fill('.hub-signin input[name="email"]', applicant.email);
    await page.fill('.hub-signin input[name="password"]', applicant.password);
    await page.click('.hub-signin button[type="submit"]');
    await page.waitForSelector(".hub-signin-error:not(:empty)");
    expect(await page.textContent(".hub-signin-error")).toContain("审核中");
  }, 60_000);

  it("an ANALYST on /review is told it is for admins and is shown no registration", async () => {
    const w = await open("/review");
    const { page } = w;
    const asked: string[] = [];
    page.on("request", (req) => {
      if ((req.postData() ?? "").includes("ReviewRegistrations")) asked.push(req.url());
    });
    await signIn(page, ANALYST);
    await page.waitForSelector("body[data-state='forbidden']");
    expect(await page.textContent("#notice")).toContain("仅供管理员");
    expect(await page.isVisible("#list-card")).toBe(false);
    expect(await page.locator(".review-item").count()).toBe(0);
    expect(asked).toEqual([]);
  }, 60_000);

  it("the ADMIN sees it pending with what was submitted, approves it, the list refreshes; the applicant then signs in", async () => {
    const w = await open("/review", 390, 844);
    const { page } = w;
    await page.waitForSelector("body[data-state='signed-out']");
    await signIn(page, E2E_ADMIN);
    await page.waitForSelector("body[data-state='ready']");
    const item = page.locator(".review-item", { hasText: name });
    await item.waitFor();
    expect(await item.getAttribute("data-status")).toBe("PENDING");
    const shown = await item.innerText();
    expect(shown).toContain("卧龙区"); // the region's name, not its code
    expect(shown).toContain(applicant.email);
    expect(shown).not.toContain(applicant.password);
    const loads = await page.evaluate(() => (window as unknown as { hubReview: { loads: number } }).hubReview.loads);
    await item.locator(".review-approve").click();
    await page.waitForFunction((n) => (window as unknown as { hubReview: { loads: number } }).hubReview.loads > n, loads);
    expect(await page.textContent("#status")).toContain(`已通过：${name}`);
    // The pending list no longer holds it; under 已通过 it is APPROVED.
    expect(await page.locator(".review-item", { hasText: name }).count()).toBe(0);
    await page.selectOption("#filter", "APPROVED");
    await until(async () => (await page.locator(".review-item", { hasText: name }).count()) === 1, 30_000, "approved item listed");
    expect(await page.locator(".review-item", { hasText: name }).getAttribute("data-status")).toBe("APPROVED");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    expect((await registrationsNamed(null)).map((r) => r.status)).toEqual(["APPROVED"]);
    expect(w.foreign).toEqual([]);
    expect(w.pageErrors).toEqual([]);

    const applicantPage = await open("/dashboard");
    await signIn(applicantPage.page, applicant);
    expect(await applicantPage.page.textContent(".hub-signin-user")).toContain(applicant.email);
  }, 120_000);

  it("a society applies and the ADMIN rejects it with a reason (asked for first); the applicant's sign-in says so", async () => {
    const society = { name: `南阳市申请测试学会${Date.now() % 100000}`, email: `society-${Date.now()}@example.test`, password: "Soc1ety-Passw0rd" };
    const join = await open("/join?kind=society");
    await join.page.waitForSelector('#join-form[data-kind="SOCIETY"]');
    await join.page.fill("#f-name", society.name);
    await join.page.selectOption("#f-level", "MUNICIPAL");
    await join.page.fill("#f-disciplines", "机械工程、材料科学");
    await join.page.fill('[id="f-contact.person"]', "李秘书长");
    await join.page.fill("#f-email", society.email);
    await join.page.fill("#f-password", society.password);
    await join.page.click(".join-submit");
    await join.page.waitForSelector("body[data-state='submitted']");

    const { page } = await open("/review");
    await signIn(page, E2E_ADMIN);
    const item = page.locator(".review-item", { hasText: society.name });
    await item.waitFor();
    expect(await item.innerText()).toContain("机械工程、材料科学");
    await item.locator(".review-reject").click();
    await item.locator(".review-reject-confirm").click();
    expect(await item.locator(".join-field-error").textContent()).toContain("请填写驳回原因");
    await item.locator(".review-reason-input").fill("请补充学会登记证书");
    await item.locator(".review-reject-confirm").click();
    await until(async () => ((await page.textContent("#status")) ?? "").includes(`已驳回：${society.name}`), 30_000, "rejected");
    await page.selectOption("#filter", "REJECTED");
    const rejected = page.locator(".review-item", { hasText: society.name });
    await rejected.waitFor();
    expect(await rejected.getAttribute("data-status")).toBe("REJECTED");
    expect(await rejected.innerText()).toContain("请补充学会登记证书");

    const signin = await open("/dashboard");
    await signin.page.fill('.hub-signin input[name="email"]', society.email);
    await signin.page.fill('.hub-signin input[name="password"]', society.password);
    await signin.page.click('.hub-signin button[type="submit"]');
    await signin.page.waitForSelector(".hub-signin-error:not(:empty)");
    expect(await signin.page.textContent(".hub-signin-error")).toContain("未通过");
  }, 120_000);

  it("an expert finds a society by name and asks to join it; the registration names that society", async () => {
    const societies = await suite.hub.admin.data<{ societies: { edges: Array<{ node: { id: string; name: string } }> } }>(`{ societies(first: 1) { edges { node { id name } } } }`);
    const wanted = societies.societies.edges[0]!.node;
    const expert = { name: `申请专家${Date.now() % 100000}`, email: `expert-${Date.now()}@example.test` };
    const { page } = await open("/join?kind=expert", 390, 844);
    await page.waitForSelector('#join-form[data-kind="EXPERT"]');
    await page.fill("#f-name", expert.name);
    await page.fill("#f-expertise", "从事储能电池热管理与液冷系统设计。");
    await page.fill("#f-societyIds", wanted.name);
    await page.check(`input[name="societyIds"][value="${wanted.id}"]`);
    await page.fill("#f-email", expert.email);
    await page.fill("#f-password", "short");
    await page.click(".join-submit");
    await page.waitForSelector('.join-field[data-field="password"].bad');
    expect(await fieldError(page, "password")).toContain("密码有误");
    await page.fill("#f-password", "Expert-Passw0rd-2026");
    await page.click(".join-submit");
    await page.waitForSelector("body[data-state='submitted']");
    const data = await suite.hub.admin.data<{ registrations: { edges: Array<{ node: { name: string; kind: string; submitted: { societyIds?: string[] } } }> } }>(REGISTRATIONS, { status: ["PENDING"] });
    const mine = data.registrations.edges.map((e) => e.node).find((r) => r.name === expert.name);
    expect(mine?.submitted.societyIds).toEqual([wanted.id]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  }, 120_000);
});
