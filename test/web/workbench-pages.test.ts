/// <reference lib="dom" />
// The workbench (/workbench) in Chromium against a production-mode hub: an enterprise's need, its ranked matches
// with why, an invitation, the supplier accepting it, the enterprise then reading the supplier's contact; a mail's
// link landing on the workbench; a CONFIDENTIAL need kept from another enterprise by the API, not by the page.
// Skipped, with a message, where /usr/bin/chromium is absent (apt-get install -y chromium fonts-wqy-microhei).
import type { Browser, Page } from "playwright-core";
import { CreateUserDocument } from "../generated/operations";
import { GqlClient } from "../support/client";
import { createEnterprise, createExpert, createSociety, PASSWORD, postNeed } from "../support/fixtures";
import { hasChromium, launchChromium, openPage, PRODUCT, scrollWidth, signIn, signInUntilReady, startPagesHub, until, type PagesHub, type Watched } from "./pages-support";
import { respondAsSociety, responseOf } from "./workbench-support";

const describeBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) it.skip("browser tests need /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei)", () => {});

const ENTERPRISE = { email: "wb-enterprise@hub.test", password: PASSWORD };
const OTHER_ENTERPRISE = { email: "wb-other@hub.test", password: PASSWORD };
const EXPERT = { email: "wb-expert@hub.test", password: PASSWORD };
const SECOND_EXPERT = { email: "wb-expert2@hub.test", password: PASSWORD };
const SOCIETY = { email: "wb-society@hub.test", password: PASSWORD };
const SOCIETY_NAME = "工作台储能学会";
const PROPOSAL = "学会推荐液冷专家牵头，三个月内完成电池簇液冷方案与预警算法验证。";
const EXPERT_NAME = "工作台液冷专家";
const SECOND_NAME = "工作台热失控预警专家";
const DECLINE_TEXT = "本人研究预警算法，不做液冷系统。";
const EXPERT_PHONE = "13812345678";
const PUBLIC_TITLE = "工作台：储能电站电池簇液冷热管理与热失控预警";
const SECRET_TITLE = "工作台保密：新型阻燃电解液配方";
const MESSAGE = "希望下周到厂里看看电池簇。";

describeBrowser("the workbench in Chromium on a production-mode hub", () => {
  let hub: PagesHub;
  let browser: Browser;
  const opened: Watched[] = [];
  const ids = { need: "", secret: "", match: "", expert: "", secondMatch: "" };
  // The enterprise's page stays open while the expert answers: it hears of the answer and shows it.
  let enterprisePage: Page;

  beforeAll(async () => {
    hub = await startPagesHub();
    browser = await launchChromium();
    const enterprise = await createEnterprise(hub.admin, { name: "南阳工作台储能科技有限公司" });
    const other = await createEnterprise(hub.admin, { name: "南阳另一家储能有限公司" });
    const society = await createSociety(hub.admin, { name: SOCIETY_NAME });
    const expert = await createExpert(hub.admin, {
      societyIds: [society.id],
      name: EXPERT_NAME,
      expertise: "从事储能电站电池簇液冷热管理系统设计与热失控早期预警算法研究，解决电池簇温差过大问题。",
      keywords: ["液冷", "热管理", "热失控", "储能", "电池簇"],
      contact: { person: "王工", phone: EXPERT_PHONE, email: "wang@expert.test" },
    });
    ids.expert = expert.id;
    const second = await createExpert(hub.admin, {
      name: SECOND_NAME,
      expertise: "研究储能电站锂电池热失控早期预警算法与电池簇热管理。",
      keywords: ["热失控", "预警", "热管理", "储能"],
    });
    for (const [who, organizationId, role] of [
      [ENTERPRISE, enterprise.id, "ENTERPRISE"],
      [OTHER_ENTERPRISE, other.id, "ENTERPRISE"],
      [EXPERT, expert.id, "EXPERT"],
      [SECOND_EXPERT, second.id, "EXPERT"],
      [SOCIETY, society.id, "SOCIETY"],
    ] as const) {
      await hub.admin.data(CreateUserDocument, { input: { email: who.email, password: who.password, role, organizationId } });
    }
    const need = await postNeed(hub.admin, enterprise.id, {
      title: PUBLIC_TITLE,
      description: "储能电站电池簇夏季温差超过8℃，存在热失控风险，希望合作开发液冷热管理方案和热失控早期预警算法。",
      keywords: ["液冷", "热管理", "热失控", "储能", "电池簇"],
    });
    ids.need = need.id;
    ids.secret = (await postNeed(hub.admin, enterprise.id, { title: SECRET_TITLE, visibility: "CONFIDENTIAL", teaser: "寻求电解液阻燃方面的合作" })).id;
    // The expert must be among the need's first 20 matches for the page to list them.
    const matches = await hub.admin.data<{ node: { matches: Array<{ id: string; supplier: { id: string } }> } }>(
      `query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 20) { id supplier { ... on Expert { id } } } } } }`,
      { id: need.id },
    );
    ids.match = matches.node.matches.find((m) => m.supplier.id === expert.id)!.id;
    ids.secondMatch = matches.node.matches.find((m) => m.supplier.id === second.id)!.id;
  }, 300_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => {});
    await browser?.close();
    await hub?.close();
  });

  async function login(who: { email: string; password: string }): Promise<GqlClient> {
    const anonymous = new GqlClient(hub.server.graphqlUrl);
    const data = await anonymous.data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: who.email, p: who.password });
    return anonymous.as(data.login.token);
  }

  async function open(url = "/workbench", width = 1366, height = 900): Promise<Watched> {
    const w = await openPage(browser, width, height);
    opened.push(w);
    await w.page.goto(`${hub.base}${url}`);
    return w;
  }

  async function signedIn(who: { email: string; password: string }, width = 1366, height = 900): Promise<Page> {
    const { page } = await open("/workbench", width, height);
    await signInUntilReady(page, who);
    return page;
  }

  it("signed out, it shows the sign-in form and nothing else", async () => {
    const w = await open();
    const page = w.page;
    await page.waitForSelector("body[data-state='signed-out']");
    expect(await page.title()).toContain(PRODUCT);
    expect(await page.textContent(".hub-brand")).toContain("工作台");
    expect(await page.isVisible('.hub-signin input[name="password"]')).toBe(true);
    expect(await page.innerHTML("#side")).toBe("");
    expect(w.foreign).toEqual([]);
  }, 60_000);

  it("an enterprise sees its need, the matches ranked with why, and invites the expert", async () => {
    const page = (enterprisePage = await signedIn(ENTERPRISE));
    const item = page.locator(`.wb-need[data-need-id="${ids.need}"]`);
    expect(await item.innerText()).toContain(PUBLIC_TITLE);
    expect(await item.innerText()).toContain("新能源");
    // Its own CONFIDENTIAL need is listed for it.
    expect(await page.locator(`.wb-need[data-need-id="${ids.secret}"]`).innerText()).toContain(SECRET_TITLE);
    await item.locator("button").click();
    const match = page.locator(`.wb-match[data-match-id="${ids.match}"]`);
    await match.waitFor();
    const ranks = await page.$$eval(".wb-match", (els) => els.map((el) => Number((el as HTMLElement).dataset.rank)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const text = await match.innerText();
    expect(text).toContain(EXPERT_NAME);
    expect(text).toMatch(/匹配度 0\.\d{3}/);
    // The explanation as the API gives it: the shared terms and the score's features in words.
    expect(await match.locator(".wb-term").count()).toBeGreaterThan(0);
    expect(text).toContain("液冷");
    expect(await match.locator(".wb-breakdown [data-feature='text']").textContent()).toContain("专长相近");
    // No contact before the expert accepted (the API answers null).
    expect(await match.locator("[data-testid=contact]").count()).toBe(0);
    expect(text).not.toContain(EXPERT_PHONE);

    await match.locator("textarea[name=message]").fill(MESSAGE);
    await match.locator(".wb-invite button[type=submit]").click();
    await page.waitForSelector(`.wb-match[data-match-id="${ids.match}"][data-invitation-status="PENDING"]`);
    expect(await page.locator(`.wb-match[data-match-id="${ids.match}"]`).innerText()).toContain("邀请待答复");
    await until(async () => (await item.innerText()).includes("待答复 1"), 10_000, "the list counting the pending invitation");
  }, 90_000);

  it("the expert sees the invitation with its message, opens it from the bell and accepts it; the enterprise's open page shows it", async () => {
    const page = await signedIn(EXPERT);
    const invitation = page.locator(".wb-invitation-item[data-status='PENDING']", { hasText: PUBLIC_TITLE });
    await invitation.waitFor();
    await page.click("[data-testid=bell]");
    await page.click(".hub-bell-item[data-kind='INVITATION_RECEIVED'] button");
    await page.waitForSelector(".wb-invitation-item.wb-focus[data-status='PENDING']");
    expect(new URL(page.url()).searchParams.get("notification")).toBeTruthy();
    expect(await invitation.innerText()).toContain(MESSAGE);
    // The match's side shows the same need among its matches.
    expect(await page.locator(".wb-my-match", { hasText: PUBLIC_TITLE }).count()).toBe(1);
    await invitation.locator("[data-action=accept]").click();
    await page.waitForSelector(".wb-invitation-item[data-status='ACCEPTED']");
    expect(await page.locator(".wb-invitation-item[data-status='ACCEPTED']").innerText()).toContain("已接受");
    // Without a reload: the INVITATION_ANSWERED notification reached the enterprise's page over graphql-ws.
    await enterprisePage.waitForSelector(`.wb-match[data-match-id="${ids.match}"][data-invitation-status="ACCEPTED"]`, { timeout: 20_000 });
  }, 90_000);

  it("the enterprise then sees the acceptance and the expert's contact, and arranges a docking, also on a phone", async () => {
    const page = await signedIn(ENTERPRISE, 390, 844);
    await page.locator(`.wb-need[data-need-id="${ids.need}"] button`).click();
    const match = page.locator(`.wb-match[data-match-id="${ids.match}"][data-invitation-status="ACCEPTED"]`);
    await match.waitFor();
    expect(await match.innerText()).toContain("邀请已接受");
    expect(await match.locator("[data-testid=contact]").innerText()).toContain(EXPERT_PHONE);
    // 安排对接: without a place or a link the API names input.place; with one, the docking is listed.
    await match.locator(".wb-docking-form summary").click();
    const inAWeek = new Date(Date.now() + 7 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 11) + "10:00";
    await match.locator("input[name=startsAt]").fill(inAWeek);
    await match.locator(".wb-schedule button[type=submit]").click();
    await match.locator("[data-field='place'] .wb-field-error:not(:empty)").waitFor();
    await match.locator("input[name=place]").fill("企业二楼会议室");
    await match.locator(".wb-schedule button[type=submit]").click();
    const docking = page.locator(`.wb-match[data-match-id="${ids.match}"] .wb-docking[data-status='SCHEDULED']`);
    await docking.waitFor();
    expect(await docking.innerText()).toContain("企业二楼会议室");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  }, 90_000);

  it("a mail's link to /dashboard lands an enterprise user on the workbench at the notification's subject", async () => {
    const me = await login(ENTERPRISE);
    const inbox = await me.data<{ notifications: { edges: Array<{ node: { id: string; kind: string; readAt: string | null } }> } }>(
      `{ notifications(first: 20) { edges { node { id kind readAt } } } }`,
    );
    const answered = inbox.notifications.edges.map((e) => e.node).find((n) => n.kind === "INVITATION_ANSWERED")!;
    expect(answered).toBeDefined();
    // The mail's link as notify.ts writes it: the dashboard, opened signed out.
    const { page } = await open(`/dashboard?notification=${encodeURIComponent(answered.id)}`);
    await page.waitForSelector("body[data-state='signed-out']");
    await signIn(page, ENTERPRISE);
    await page.waitForURL(/\/workbench\?notification=/, { timeout: 30_000 });
    await page.waitForSelector("body[data-notification='opened']", { timeout: 30_000 });
    expect(await page.textContent(".wb-need-title")).toBe(PUBLIC_TITLE);
    expect(await page.locator(`.wb-match.wb-focus[data-match-id="${ids.match}"]`).count()).toBe(1);
    await until(async () => {
      const read = await me.data<{ node: { readAt: string | null } }>(`query($id: ID!) { node(id: $id) { ... on Notification { readAt } } }`, { id: answered.id });
      return read.node.readAt !== null;
    }, 10_000, "the notification marked read");
  }, 90_000);

  it("a supplier declines with a reason; the enterprise reads it, invites again and withdraws", async () => {
    const enterprise = await login(ENTERPRISE);
    await enterprise.data(`mutation($m: ID!) { inviteSupplier(matchId: $m, message: "请看看这个需求") { id } }`, { m: ids.secondMatch });
    const page = await signedIn(SECOND_EXPERT);
    const invitation = page.locator(".wb-invitation-item[data-status='PENDING']", { hasText: PUBLIC_TITLE });
    await invitation.locator("[data-action=decline-open]").click();
    await invitation.locator("select[name=code]").selectOption("OUT_OF_SCOPE");
    await invitation.locator("textarea[name=text]").fill(DECLINE_TEXT);
    await invitation.locator(".wb-decline button[type=submit]").click();
    const declined = page.locator(".wb-invitation-item[data-status='DECLINED']");
    await declined.waitFor();
    expect(await declined.innerText()).toContain("不在专业范围内");

    const ours = await signedIn(ENTERPRISE);
    await ours.locator(`.wb-need[data-need-id="${ids.need}"] button`).click();
    const match = ours.locator(`.wb-match[data-match-id="${ids.secondMatch}"]`);
    await ours.waitForSelector(`.wb-match[data-match-id="${ids.secondMatch}"][data-invitation-status="DECLINED"]`);
    expect(await match.innerText()).toContain(`原因：不在专业范围内，${DECLINE_TEXT}`);
    await match.locator(".wb-invite button[type=submit]").click();
    await ours.waitForSelector(`.wb-match[data-match-id="${ids.secondMatch}"][data-invitation-status="PENDING"]`);
    await match.locator("[data-action=withdraw]").click();
    await ours.waitForSelector(`.wb-match[data-match-id="${ids.secondMatch}"][data-invitation-status="WITHDRAWN"]`);
    expect(await match.innerText()).toContain("邀请已撤回");
  }, 90_000);

  it("a society responds to a need its member expert was matched to; the enterprise reads the response", async () => {
    await respondAsSociety(await signedIn(SOCIETY), ids.need, PROPOSAL);
    const response = await responseOf(await signedIn(ENTERPRISE), ids.need, SOCIETY_NAME);
    expect(await response.innerText()).toContain(PROPOSAL);
  }, 90_000);

  it("another enterprise's user never sees the first one's CONFIDENTIAL need, even asking for it by id", async () => {
    const page = await signedIn(OTHER_ENTERPRISE);
    expect(await page.innerText("#side")).not.toContain(SECRET_TITLE);
    // The page asks the API for the need as it would for its own: the API answers nothing.
    const found = await page.evaluate((id) => (globalThis as unknown as { hubWorkbench: { enterprise: { openNeed(id: string): Promise<boolean> } } }).hubWorkbench.enterprise.openNeed(id), ids.secret);
    expect(found).toBe(false);
    const body = await page.innerText("body");
    expect(body).toContain("未找到该需求");
    expect(body).not.toContain(SECRET_TITLE);
  }, 60_000);

  it("posting a need: the API's error stands beside the field, and a good need opens with its matches", async () => {
    const page = await signedIn(ENTERPRISE);
    const before = await page.locator(".wb-need").count();
    await page.click("[data-testid=new-need]");
    await page.fill("#f-title", "工作台发布：光伏组件隐裂检测");
    await page.fill("#f-description", "需要基于电致发光图像的光伏组件隐裂自动检测方法。");
    await page.selectOption("#f-visibility", "CONFIDENTIAL");
    await page.click(".wb-post button[type=submit]");
    // A CONFIDENTIAL need without its teaser: the API's BAD_USER_INPUT names input.teaser.
    await page.waitForSelector("[data-field='teaser'] .wb-field-error:not(:empty)");
    expect(await page.textContent("[data-field='teaser'] .wb-field-error")).toContain("对外摘要");
    expect(await page.getAttribute("#f-teaser", "aria-invalid")).toBe("true");
    expect(await page.locator("[data-field='title'] .wb-field-error:not(:empty)").count()).toBe(0);
    await page.fill("#f-teaser", "寻求光伏组件缺陷检测方面的合作");
    await page.click(".wb-post button[type=submit]");
    await page.waitForSelector(".wb-need-title");
    expect(await page.textContent(".wb-need-title")).toBe("工作台发布：光伏组件隐裂检测");
    await until(async () => (await page.locator(".wb-need").count()) === before + 1, 10_000, "the new need listed");
  }, 90_000);
});
