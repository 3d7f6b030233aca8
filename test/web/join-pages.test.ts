/// <reference lib="dom" />
// The pages for joining the programme in Chromium, against a production-mode hub: /join (an enterprise applies,
// anonymous) and /review (an ADMIN approves; other roles see no registrations).
// Skipped, with a message, where /usr/bin/chromium is absent (apt-get install -y chromium fonts-wqy-microhei).
import type { Browser, Page } from "playwright-core";
import { GqlClient, errorOf } from "../support/client";
import { freshCreditCode } from "../support/fixtures";
import { ANALYST, E2E_ADMIN, hasChromium, launchChromium, openPage, scrollWidth, signIn, startPagesHub, until, type PagesHub, type Watched } from "./pages-support";

const describeBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) it.skip("browser tests need /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei)", () => {});

const REGISTRATIONS = `query($status: [RegistrationStatus!]) { registrations(status: $status, first: 100) { edges { node { id name email status submitted } } } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;

describeBrowser("the joining pages in Chromium on a production-mode hub", () => {
  let hub: PagesHub;
  let browser: Browser;
  const opened: Watched[] = [];
  const applicant = { email: `join-${Date.now()}@example.test`, password: "Join-Passw0rd-2026" };
  const name = `南阳申请测试${Date.now() % 100000}有限公司`;

  beforeAll(async () => {
    hub = await startPagesHub();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => {});
    await browser?.close();
    await hub?.close();
  });

  async function open(url: string, width = 1440, height = 900): Promise<Watched> {
    const w = await openPage(browser, width, height);
    opened.push(w);
    await w.page.goto(`${hub.base}${url}`);
    return w;
  }

  async function registrationsNamed(status: string[] | null) {
    const data = await hub.admin.data<{ registrations: { edges: Array<{ node: { name: string; email: string; status: string; submitted: Record<string, unknown> } }> } }>(REGISTRATIONS, { status });
    return data.registrations.edges.map((e) => e.node).filter((r) => r.name === name);
  }

  const loginCode = async () => errorOf(await new GqlClient(hub.server.graphqlUrl).request(LOGIN, { e: applicant.email, p: applicant.password }))?.code ?? "SIGNED_IN";

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
});
