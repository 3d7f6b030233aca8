/// <reference lib="dom" />
// The workbench's 设置 view (/workbench?view=settings) in Chromium against a production-mode hub that mails through
// a real SMTP server in this process: an enterprise user corrects its enterprise (and a bad value stands beside its
// field, nothing changed); an expert edits its expertise and keywords; mail choices are saved, shown again after a
// reload, and a notification of a kind switched off reaches the bell but not the mailbox.
// Skipped, with a message, where /usr/bin/chromium is absent (apt-get install -y chromium fonts-wqy-microhei).
import type { Browser, Page } from "playwright-core";
import { createEnterprise, createExpert, createSociety, PASSWORD, postNeed } from "../support/fixtures";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { ANALYST, createAccounts, hasChromium, launchChromium, openPage, scrollWidth, signInApi, signInUntilReady, startPagesHub, until, type PagesHub, type Watched } from "./pages-support";

const describeBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) it.skip("browser tests need /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei)", () => {});

const account = (name: string) => ({ email: `settings-${name}@hub.test`, password: PASSWORD });
const [ENTERPRISE, EXPERT, SECOND_EXPERT, SOCIETY] = ["enterprise", "expert", "expert2", "society"].map(account) as [Account, Account, Account, Account];
const SOCIETY_NAME = "设置页储能学会";
const TAKEN_NAME = "设置页另一个学会";
const ENTERPRISE_NAME = "南阳设置测试储能有限公司";
const NEW_NAME = "南阳设置测试储能科技股份有限公司";
const KEYWORDS = ["液冷", "热管理", "储能"];
const NEW_EXPERTISE = "从事储能电站电池簇浸没式液冷与热失控早期预警研究，主持过两项省级储能安全项目。";

type Account = { email: string; password: string };
type EnterpriseRead = { node: { name: string; region: { code: string }; contact: { phone: string | null } | null } };
type ExpertRead = { node: { expertise: string; keywords: string[] } };

describeBrowser("the workbench's 设置 view in Chromium on a production-mode hub", () => {
  let hub: PagesHub;
  let smtp: TestSmtp;
  let browser: Browser;
  const opened: Watched[] = [];
  const ids = { enterprise: "", other: "", expert: "", second: "", society: "", region: "" };

  beforeAll(async () => {
    smtp = await startSmtp();
    hub = await startPagesHub({ SMTP_URL: smtp.url, HUB_MAIL_POLL_SECONDS: "1", HUB_MAIL_RETRY_SECONDS: "1" });
    browser = await launchChromium();
    const enterprise = await createEnterprise(hub.admin, { name: ENTERPRISE_NAME });
    ids.enterprise = enterprise.id;
    ids.other = (await createEnterprise(hub.admin, { name: "南阳设置测试另一家有限公司" })).id;
    ids.region = (await readEnterprise(enterprise.id)).node.region.code;
    const expertise = "从事储能电站电池簇液冷热管理系统设计与热失控早期预警算法研究。";
    ids.expert = (await createExpert(hub.admin, { name: "设置页液冷专家", expertise, keywords: KEYWORDS })).id;
    ids.second = (await createExpert(hub.admin, { name: "设置页预警专家", expertise, keywords: KEYWORDS })).id;
    ids.society = (await createSociety(hub.admin, { name: SOCIETY_NAME, disciplines: ["电池材料", "储能"] })).id;
    await createSociety(hub.admin, { name: TAKEN_NAME });
    await createAccounts(hub, [
      [ENTERPRISE, ids.enterprise, "ENTERPRISE"],
      [EXPERT, ids.expert, "EXPERT"],
      [SECOND_EXPERT, ids.second, "EXPERT"],
      [SOCIETY, ids.society, "SOCIETY"],
    ]);
  }, 300_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => {});
    await browser?.close();
    await hub?.close();
    await smtp?.stop();
  });

  const readEnterprise = (id: string) =>
    hub.admin.data<EnterpriseRead>(`query($id: ID!) { node(id: $id) { ... on Enterprise { name region { code } contact { phone } } } }`, { id });
  const readExpert = (id: string) => hub.admin.data<ExpertRead>(`query($id: ID!) { node(id: $id) { ... on Expert { expertise keywords } } }`, { id });

  const login = (who: { email: string; password: string }) => signInApi(hub, who);

  /** Signed in on /workbench?view=settings, the view ready. */
  async function settings(who: { email: string; password: string }, width = 1366, height = 900): Promise<Page> {
    const w = await openPage(browser, width, height);
    opened.push(w);
    await w.page.goto(`${hub.base}/workbench?view=settings`);
    await signInUntilReady(w.page, who);
    await w.page.waitForSelector("#wb-preferences form");
    return w.page;
  }

  /** Changes the mail choices on `page`, saves them and reloads: what the page then shows is what the API kept. */
  async function savePreferencesAndReload(page: Page, change: () => Promise<void>) {
    await change();
    await page.locator("#wb-preferences button[type=submit]").click();
    await until(async () => (await page.locator("#wb-preferences .wb-done").textContent())!.includes("已保存"), 15_000, "the success message");
    await page.reload();
    await page.waitForSelector("#wb-preferences form");
  }

  it("an enterprise user reaches it from the bar, corrects its enterprise's name and region, and the API returns them", async () => {
    const w = await openPage(browser, 1366, 900);
    opened.push(w);
    const page = w.page;
    await page.goto(`${hub.base}/workbench`);
    await signInUntilReady(page, ENTERPRISE);
    await page.click("[data-testid=settings-link]");
    await page.waitForSelector("[data-profile=Enterprise] form");
    expect(new URL(page.url()).searchParams.get("view")).toBe("settings");
    const card = page.locator("[data-profile=Enterprise]");
    // Prefilled from the API; the credit code is shown but not offered (UpdateEnterpriseInput has none).
    expect(await page.inputValue("#s-Enterprise-name")).toBe(ENTERPRISE_NAME);
    expect(await page.inputValue("#s-Enterprise-regionCode")).toBe(ids.region);
    expect(await page.getAttribute("#s-Enterprise-creditCode", "readonly")).not.toBeNull();
    // An enterprise is not matched as a supplier: no rematching note.
    expect(await card.locator(".wb-rematch").count()).toBe(0);

    const region = await page.$$eval("#s-Enterprise-regionCode option", (os, own) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v && v !== own)!, ids.region);
    await page.fill("#s-Enterprise-name", NEW_NAME);
    await page.selectOption("#s-Enterprise-regionCode", region);
    await card.locator("button[type=submit]").click();
    await until(async () => (await card.locator(".wb-done").textContent())!.includes("已保存"), 15_000, "the success message");
    expect((await readEnterprise(ids.enterprise)).node).toMatchObject({ name: NEW_NAME, region: { code: region } });

    // The URL keeps the view: a reload shows it again, prefilled with what was saved.
    await page.reload();
    await page.waitForSelector("[data-profile=Enterprise] form");
    expect(await page.inputValue("#s-Enterprise-name")).toBe(NEW_NAME);
    expect(await page.inputValue("#s-Enterprise-regionCode")).toBe(region);
  }, 120_000);

  it("a bad value: the API's error stands beside its field and nothing changes; another enterprise is the API's refusal", async () => {
    const page = await settings(ENTERPRISE);
    const card = page.locator("[data-profile=Enterprise]");
    // An empty name (the API's TrimmedLength 2..100 names input.name).
    await page.fill("#s-Enterprise-name", " ");
    await card.locator("button[type=submit]").click();
    await card.locator("[data-field=name] .wb-field-error:not(:empty)").waitFor();
    expect(await card.locator("[data-field=name] .wb-field-error").textContent()).toContain("名称");
    expect(await page.getAttribute("#s-Enterprise-name", "aria-invalid")).toBe("true");
    expect(await card.locator(".wb-done").textContent()).toBe("");
    // A phone the API rejects (input.contact.phone), beside the phone and not the name.
    await page.fill("#s-Enterprise-name", NEW_NAME);
    await page.fill("#s-Enterprise-contact-person", "李工");
    await page.fill("#s-Enterprise-contact-phone", "12");
    await card.locator("button[type=submit]").click();
    await card.locator("[data-field='contact.phone'] .wb-field-error:not(:empty)").waitFor();
    expect(await card.locator("[data-field='contact.phone'] .wb-field-error").textContent()).toContain("电话");
    expect(await card.locator("[data-field=name] .wb-field-error").textContent()).toBe("");
    const stored = (await readEnterprise(ids.enterprise)).node;
    expect(stored.name).toBe(NEW_NAME);
    expect(stored.contact?.phone ?? null).toBeNull();
    // The page offers only its own enterprise; asked for another, the API refuses.
    const me = await login(ENTERPRISE);
    const denied = await me.request(`mutation($id: ID!) { updateEnterprise(id: $id, input: { name: "冒名修改的企业" }) { id } }`, { id: ids.other });
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  }, 120_000);

  it("an expert edits its expertise and keywords as tags, told that saving matches it again", async () => {
    const page = await settings(EXPERT);
    const card = page.locator("[data-profile=Expert]");
    expect(await card.locator(".wb-rematch").textContent()).toBe("保存后将重新匹配");
    expect(await card.locator(".wb-tag").evaluateAll((ts) => ts.map((t) => (t as HTMLElement).dataset.tag))).toEqual(KEYWORDS);
    // Too short an expertise: beside the field, and the stored one unchanged.
    await page.fill("#s-Expert-expertise", "液冷");
    await card.locator("button[type=submit]").click();
    await card.locator("[data-field=expertise] .wb-field-error:not(:empty)").waitFor();
    expect((await readExpert(ids.expert)).node.expertise).not.toBe("液冷");

    await page.fill("#s-Expert-expertise", NEW_EXPERTISE);
    await card.locator(".wb-tag[data-tag='热管理'] .wb-tag-remove").click();
    await page.fill("#s-Expert-keywords", "浸没式液冷");
    await page.press("#s-Expert-keywords", "Enter");
    // A word typed but not confirmed with Enter is kept too.
    await page.fill("#s-Expert-keywords", "热失控预警");
    await card.locator("button[type=submit]").click();
    await until(async () => (await card.locator(".wb-done").textContent())!.includes("重新匹配"), 15_000, "the success message");
    const stored = (await readExpert(ids.expert)).node;
    expect(stored.expertise).toBe(NEW_EXPERTISE);
    expect(stored.keywords).toEqual(["液冷", "储能", "浸没式液冷", "热失控预警"]);
    expect(await card.locator(".wb-tag").evaluateAll((ts) => ts.map((t) => (t as HTMLElement).dataset.tag))).toEqual(stored.keywords);
  }, 120_000);

  it("a society corrects its disciplines on a phone; a name another society has is a CONFLICT beside the name", async () => {
    const page = await settings(SOCIETY, 390, 844);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    const card = page.locator("[data-profile=Society]");
    expect(await card.locator(".wb-rematch").textContent()).toBe("保存后将重新匹配");
    await page.fill("#s-Society-name", TAKEN_NAME);
    await card.locator("button[type=submit]").click();
    await card.locator("[data-field=name] .wb-field-error:not(:empty)").waitFor();
    expect(await card.locator("[data-field=name] .wb-field-error").textContent()).toContain("重复");
    await page.fill("#s-Society-name", SOCIETY_NAME);
    await page.fill("#s-Society-disciplines", "热管理");
    await page.press("#s-Society-disciplines", "Enter");
    await card.locator("button[type=submit]").click();
    await until(async () => (await card.locator(".wb-done").textContent())!.includes("重新匹配"), 15_000, "the success message");
    const stored = await hub.admin.data<{ node: { name: string; disciplines: string[] } }>(`query($id: ID!) { node(id: $id) { ... on Society { name disciplines } } }`, { id: ids.society });
    expect(stored.node).toEqual({ name: SOCIETY_NAME, disciplines: ["电池材料", "储能", "热管理"] });
  }, 120_000);

  it("an analyst has no profile to correct, only mail choices", async () => {
    const page = await settings(ANALYST);
    expect(await page.locator("[data-profile]").count()).toBe(0);
    expect(await page.innerText("#side")).toContain("没有可修改的资料");
    expect(await page.locator("#wb-preferences input[name=emailKinds]").count()).toBeGreaterThan(0);
  }, 60_000);

  it("mail choices are saved, shown again after a reload, and a kind switched off is not mailed", async () => {
    const page = await settings(EXPERT);
    const prefs = page.locator("#wb-preferences");
    expect(await prefs.locator("input[name=emailKinds]:checked").count()).toBe(await prefs.locator("input[name=emailKinds]").count());
    await savePreferencesAndReload(page, () => page.uncheck("#pref-INVITATION_RECEIVED"));
    expect(await page.isChecked("#pref-INVITATION_RECEIVED")).toBe(false);
    expect(await page.isChecked("#pref-MATCH_FOUND")).toBe(true);
    expect(await page.isChecked("#wb-preferences input[name=dailyDigest]")).toBe(false);

    // The daily digest, chosen by the enterprise user, comes back after a reload too.
    const ours = await settings(ENTERPRISE);
    await savePreferencesAndReload(ours, () => ours.check("#wb-preferences input[name=dailyDigest]"));
    expect(await ours.isChecked("#wb-preferences input[name=dailyDigest]")).toBe(true);

    // Both experts are invited; only the second, who kept INVITATION_RECEIVED, is mailed. The outbox sends in
    // order, so once the second's mail is here the first's would have been too.
    const need = await postNeed(hub.admin, ids.enterprise, { title: "设置页邮件测试：储能电池簇液冷", keywords: KEYWORDS });
    const matches = await hub.admin.data<{ node: { matches: Array<{ id: string; supplier: { id?: string } }> } }>(
      `query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 50) { id supplier { ... on Expert { id } } } } } }`,
      { id: need.id },
    );
    const matchOf = (expertId: string) => matches.node.matches.find((m) => m.supplier.id === expertId)!.id;
    const enterprise = await login(ENTERPRISE);
    for (const expertId of [ids.expert, ids.second]) await enterprise.data(`mutation($m: ID!) { inviteSupplier(matchId: $m) { id } }`, { m: matchOf(expertId) });
    const invited = (email: string) => smtp.mails.filter((m) => m.to.includes(email) && m.subject.includes("新邀请"));
    await until(async () => invited(SECOND_EXPERT.email).length === 1, 30_000, "the second expert's invitation mail");
    expect(invited(EXPERT.email)).toEqual([]);
    // Still mailed what it kept (the new match), and the invitation is in its bell.
    expect(smtp.mails.some((m) => m.to.includes(EXPERT.email) && m.subject.includes("新匹配"))).toBe(true);
    const inbox = await (await login(EXPERT)).data<{ notifications: { edges: Array<{ node: { kind: string } }> } }>(`{ notifications(first: 20) { edges { node { kind } } } }`);
    expect(inbox.notifications.edges.map((e) => e.node.kind)).toContain("INVITATION_RECEIVED");

    // From 设置, the bell's item opens in the lists: the invitation, highlighted.
    await page.reload();
    await page.waitForSelector("#wb-preferences form");
    await page.click("[data-testid=bell]");
    await page.click(".hub-bell-item[data-kind='INVITATION_RECEIVED'] button");
    await page.waitForSelector(".wb-invitation-item.wb-focus[data-status='PENDING']");
    expect(new URL(page.url()).searchParams.get("view")).toBeNull();
  }, 150_000);
});
