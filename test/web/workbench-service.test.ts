/// <reference lib="dom" />
// 科技志愿服务 in the workbench, in Chromium against a production-mode hub: a society proposes two of its experts in a
// response and the enterprise reads them; the society logs a service with two experts, the enterprise served sees it
// 待确认 and confirms it, the society then reads 已确认; a future day, a duplicate and too many hours stand beside
// their fields; another enterprise neither lists the record nor reads it through the API.
// Skipped, with a message, where /usr/bin/chromium is absent (apt-get install -y chromium fonts-wqy-microhei).
import type { Page } from "playwright-core";
import { CreateUserDocument } from "../generated/operations";
import { GqlClient } from "../support/client";
import { createEnterprise, createExpert, createSociety, PASSWORD, postNeed } from "../support/fixtures";
import { hasChromium, pagesSuite, scrollWidth, signInUntilReady, until, type Watched } from "./pages-support";
import { respondAsSociety, responseOf } from "./workbench-support";

const describeBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) it.skip("browser tests need /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei)", () => {});

// The three users, each with the role of their organisation (an enterprise's staff twice, a society's once).
const user = (email: string) => ({ email: `svc-${email}@hub.test`, password: PASSWORD });
const [ENTERPRISE, OTHER_ENTERPRISE, SOCIETY] = [user("enterprise"), user("other"), user("society")];
const [ENTERPRISE_NAME, OTHER_NAME, SOCIETY_NAME] = ["南阳志愿服务储能科技有限公司", "南阳宛城光伏材料有限公司", "志愿服务储能学会"];
const [EXPERT_NAME, SECOND_NAME] = ["志愿服务液冷专家", "志愿服务预警专家"];
const NEED_TITLE = "志愿服务：储能电站电池簇液冷热管理与热失控预警";
const PROPOSAL = "学会拟派两位专家，三个月内完成液冷方案与热失控预警算法验证。";
const SUMMARY = "到厂诊断电池簇温差问题，提出液冷管路改造建议。";
const OTHER_SUMMARY = "为企业宣讲高新技术企业认定与研发费用加计扣除政策。";

/** A day as the page's date input takes it (yyyy-mm-dd), `days` from Beijing's today. */
const beijingDay = (days = 0) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

describeBrowser("volunteer service in the workbench, in Chromium on a production-mode hub", () => {
  const suite = pagesSuite();
  const opened: Watched[] = [];
  const ids = { enterprise: "", other: "", need: "", expert: "", second: "" };

  beforeAll(async () => {
    const hub = suite.hub;
    const enterprise = await createEnterprise(hub.admin, { name: ENTERPRISE_NAME });
    const other = await createEnterprise(hub.admin, { name: OTHER_NAME });
    const society = await createSociety(hub.admin, { name: SOCIETY_NAME });
    ids.enterprise = enterprise.id;
    ids.other = other.id;
    ids.expert = (
      await createExpert(hub.admin, {
        societyIds: [society.id],
        name: EXPERT_NAME,
        title: "教授",
        expertise: "从事储能电站电池簇液冷热管理系统设计与热失控早期预警算法研究，解决电池簇温差过大问题。",
        keywords: ["液冷", "热管理", "热失控", "储能", "电池簇"],
      })
    ).id;
    ids.second = (await createExpert(hub.admin, { societyIds: [society.id], name: SECOND_NAME, keywords: ["热失控", "预警", "储能"] })).id;
    const users = [[ENTERPRISE, enterprise.id, "ENTERPRISE"], [OTHER_ENTERPRISE, other.id, "ENTERPRISE"], [SOCIETY, society.id, "SOCIETY"]] as const;
    for (const [who, organizationId, role] of users) await hub.admin.data(CreateUserDocument, { input: { ...who, role, organizationId } });
    ids.need = (
      await postNeed(hub.admin, enterprise.id, {
        title: NEED_TITLE,
        description: "储能电站电池簇夏季温差超过8℃，存在热失控风险，希望合作开发液冷热管理方案和热失控早期预警算法。",
        keywords: ["液冷", "热管理", "热失控", "储能", "电池簇"],
      })
    ).id;
  }, 120_000);

  /** An API client signed in as `who`, as the page signs in. */
  async function login(who: typeof SOCIETY): Promise<GqlClient> {
    const anonymous = new GqlClient(suite.hub.server.graphqlUrl);
    const { login: session } = await anonymous.data<{ login: { token: string } }>(`mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, who);
    return anonymous.as(session.token);
  }

  /** /workbench in a fresh browser context, signed in as `who` and ready. */
  async function signedIn(who: typeof SOCIETY, width = 1366, height = 900): Promise<Page> {
    const w = await suite.open("/workbench", width, height);
    opened.push(w);
    await signInUntilReady(w.page, who);
    return w.page;
  }

  /** The society's form filled as a user would; the enterprise is chosen by its name among the select's options. */
  async function fill(page: Page, v: { enterprise: string; kind?: string; day?: string; hours?: string; summary?: string; experts?: string[] }) {
    const form = page.locator(".wb-service-form");
    const option = form.locator("select[name=enterpriseId] option", { hasText: v.enterprise });
    await form.locator("select[name=enterpriseId]").selectOption((await option.getAttribute("value"))!);
    await form.locator("select[name=kind]").selectOption(v.kind ?? "CONSULTING");
    await form.locator("input[name=servedOn]").fill(v.day ?? beijingDay());
    await form.locator("input[name=hours]").fill(v.hours ?? "3");
    await form.locator("textarea[name=summary]").fill(v.summary ?? SUMMARY);
    for (const id of v.experts ?? []) await form.locator(`input[name=participantIds][value="${id}"]`).check();
  }

  const fieldError = (page: Page, name: string) => page.locator(`.wb-service-form [data-field='${name}'] .wb-field-error:not(:empty)`);
  const societyRecords = async () =>
    (await (await login(SOCIETY)).data<{ serviceRecords: { totalCount: number } }>(`{ serviceRecords(first: 1) { totalCount } }`)).serviceRecords.totalCount;

  it("a society proposes two of its experts in a response; the enterprise reads them in the response", async () => {
    const page = await signedIn(SOCIETY);
    // The picker offers the society's member experts, by name.
    const picker = page.locator(`.wb-my-match[data-need-id="${ids.need}"] .wb-expert-picker`).first();
    expect(await picker.textContent()).toContain(EXPERT_NAME);
    await respondAsSociety(page, ids.need, PROPOSAL, [ids.expert, ids.second]);

    const response = await responseOf(await signedIn(ENTERPRISE), ids.need, SOCIETY_NAME);
    const experts = response.locator(".wb-experts");
    expect(await experts.innerText()).toContain(`${EXPERT_NAME}（教授）`);
    expect(await experts.locator(".wb-expert").evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.expertId).sort())).toEqual([ids.expert, ids.second].sort());
  }, 120_000);

  it("the society logs a service with two experts at an enterprise it responded to: listed 待确认", async () => {
    const page = await signedIn(SOCIETY);
    // The enterprise it responded to is offered without a search, with the need it responded to.
    const partners = page.locator(".wb-service-form select[name=enterpriseId] optgroup");
    expect(await partners.first().innerText()).toContain(ENTERPRISE_NAME);
    expect(await partners.first().innerText()).not.toContain(OTHER_NAME);
    await fill(page, { enterprise: ENTERPRISE_NAME, experts: [ids.expert, ids.second] });
    await page.locator(".wb-service-form select[name=needId]").selectOption(ids.need);
    await page.click(".wb-service-form button[type=submit]");
    const record = page.locator(".wb-service-record", { hasText: SUMMARY });
    await record.waitFor();
    expect(await record.getAttribute("data-status")).toBe("PENDING");
    const text = await record.innerText();
    expect(text).toContain("待确认");
    expect(text).toContain(ENTERPRISE_NAME);
    expect(text).toContain("科技咨询");
    expect(text).toContain("3 小时");
    expect(text).toContain(NEED_TITLE);
    expect(text).toContain(EXPERT_NAME);
    expect(text).toContain(SECOND_NAME);
    expect(await page.textContent(".wb-service-form .wb-done")).toContain("待企业确认");
  }, 90_000);

  it("a future day, a duplicate and 25 hours each stand beside their field; nothing is logged", async () => {
    const page = await signedIn(SOCIETY);
    const before = await societyRecords();
    const logs: string[] = [];
    page.on("request", (req) => (req.postData() ?? "").includes("WorkbenchLogService") && logs.push(req.url()));
    // Tomorrow in Beijing: the page holds to Beijing's today and sends nothing (the API, allowing a day of slack
    // for time zones, takes tomorrow in a Beijing afternoon).
    await fill(page, { enterprise: ENTERPRISE_NAME, kind: "GUIDANCE", day: beijingDay(1), summary: "明天才去的指导，不应登记。" });
    await page.click(".wb-service-form button[type=submit]");
    await fieldError(page, "servedOn").waitFor();
    expect(await fieldError(page, "servedOn").innerText()).toContain("不能晚于今天");
    expect(await page.getAttribute("#s-servedOn", "aria-invalid")).toBe("true");
    expect(logs).toEqual([]);

    // The same society, enterprise, day and kind as the record logged before: the API's CONFLICT, in Chinese.
    await fill(page, { enterprise: ENTERPRISE_NAME, kind: "CONSULTING", summary: "同一天同一类服务的第二条记录。" });
    await page.click(".wb-service-form button[type=submit]");
    await until(async () => (await fieldError(page, "servedOn").innerText().catch(() => "")).includes("重复登记"), 10_000, "the duplicate's message");
    expect(await page.locator(".wb-service-form .wb-form-error:not(:empty)").count()).toBe(0);

    // Hours are the API's rule (0–24): its BAD_USER_INPUT names input.hours.
    await fill(page, { enterprise: ENTERPRISE_NAME, kind: "GUIDANCE", hours: "25", summary: "一天二十五小时的指导。" });
    await page.click(".wb-service-form button[type=submit]");
    await fieldError(page, "hours").waitFor();
    expect(await fieldError(page, "hours").innerText()).toContain("0 到 24");
    expect(await fieldError(page, "servedOn").count()).toBe(0);
    expect(await societyRecords()).toBe(before);
  }, 90_000);

  it("the society finds another enterprise by name and logs a service there, on a phone", async () => {
    const page = await signedIn(SOCIETY, 390, 844);
    await page.fill(".wb-service-form input[name=search]", "宛城光伏");
    await page.click(".wb-service-form [data-action=search]");
    await until(async () => (await page.inputValue(".wb-service-form select[name=enterpriseId]")) === ids.other, 10_000, "the found enterprise chosen");
    await fill(page, { enterprise: OTHER_NAME, kind: "POLICY_BRIEFING", hours: "2", summary: OTHER_SUMMARY, experts: [ids.second] });
    await page.click(".wb-service-form button[type=submit]");
    const record = page.locator(".wb-service-record", { hasText: OTHER_SUMMARY });
    await record.waitFor();
    expect(await record.innerText()).toContain(OTHER_NAME);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  }, 90_000);

  it("the enterprise served sees the record pending with society, experts, hours and summary, and confirms it", async () => {
    const page = await signedIn(ENTERPRISE);
    const record = page.locator("#wb-service-pending .wb-service-record", { hasText: SUMMARY });
    await record.waitFor();
    const text = await record.innerText();
    expect(text).toContain(SOCIETY_NAME);
    expect(text).toContain(EXPERT_NAME);
    expect(text).toContain(SECOND_NAME);
    expect(text).toContain("3 小时");
    expect(text).toContain("待确认");
    // Only its own: the service to the other enterprise is not listed.
    expect(await page.innerText("#side")).not.toContain(OTHER_SUMMARY);
    await record.locator("[data-action=confirm-service]").click();
    const confirmed = page.locator("#wb-service-confirmed .wb-service-record[data-status='CONFIRMED']", { hasText: SUMMARY });
    await confirmed.waitFor();
    expect(await confirmed.innerText()).toContain("已确认");
    expect(await page.locator("#wb-service-pending .wb-service-record", { hasText: SUMMARY }).count()).toBe(0);
    expect(await confirmed.locator("[data-action=confirm-service]").count()).toBe(0);

    const society = await signedIn(SOCIETY);
    const ours = society.locator(".wb-service-record", { hasText: SUMMARY });
    await ours.waitFor();
    expect(await ours.getAttribute("data-status")).toBe("CONFIRMED");
    expect(await ours.innerText()).toContain("已确认");
    // The other enterprise has not confirmed its own yet.
    expect(await society.locator(".wb-service-record", { hasText: OTHER_SUMMARY }).getAttribute("data-status")).toBe("PENDING");
  }, 120_000);

  it("another enterprise lists only the service to it, and the API gives it nothing of the first one's", async () => {
    const page = await signedIn(OTHER_ENTERPRISE);
    await page.locator("#wb-service-pending .wb-service-record", { hasText: OTHER_SUMMARY }).waitFor();
    const side = await page.innerText("#side");
    expect(side).not.toContain(SUMMARY);
    expect(side).not.toContain(ENTERPRISE_NAME);
    // Asking for the first enterprise's records as the page asks for its own: the API answers none.
    const other = await login(OTHER_ENTERPRISE);
    const asked = await other.data<{ serviceRecords: { totalCount: number; edges: unknown[] } }>(
      `query($e: ID!) { serviceRecords(first: 10, filter: { enterpriseId: $e }) { totalCount edges { node { id } } } }`,
      { e: ids.enterprise },
    );
    expect(asked.serviceRecords).toEqual({ totalCount: 0, edges: [] });
    // Nor did any page of this file throw.
    expect(opened.flatMap((w) => w.pageErrors)).toEqual([]);
  }, 90_000);
});
