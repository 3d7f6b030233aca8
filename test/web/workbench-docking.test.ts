/// <reference lib="dom" />
// Dockings to their end on the workbench, in Chromium against a production-mode hub: arranged by the enterprise,
// moved by the expert (the enterprise's open page hears of it), cancelled with a reason, held with its outcome and
// minutes, and the deal recorded on the match; 近期对接 on both sides; a society that reads its member expert's
// dockings is offered no change, and the API refuses one if the page is bypassed.
// Skipped, with a message, where /usr/bin/chromium is absent (apt-get install -y chromium fonts-wqy-microhei).
import type { Page } from "playwright-core";
import { CreateUserDocument } from "../generated/operations";
import { errorOf, GqlClient } from "../support/client";
import { createEnterprise, createExpert, createSociety, PASSWORD, postNeed } from "../support/fixtures";
import { hasChromium, pagesSuite, signInUntilReady, until } from "./pages-support";

const describeBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) it.skip("browser tests need /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei)", () => {});

const ENTERPRISE = { email: "dk-enterprise@hub.test", password: PASSWORD };
const OTHER_ENTERPRISE = { email: "dk-other@hub.test", password: PASSWORD };
const EXPERT = { email: "dk-expert@hub.test", password: PASSWORD };
const SOCIETY = { email: "dk-society@hub.test", password: PASSWORD };
const ENTERPRISE_NAME = "南阳对接储能科技有限公司";
const EXPERT_NAME = "对接液冷专家";
const TITLE = "对接：储能电站电池簇液冷热管理与热失控预警";
const MOVED_PLACE = "南阳理工学院储能实验楼";
const REASON = "双方时间冲突，改日再约";
const MINUTES = "现场查看电池簇，约定两周内提交液冷改造方案。";
const SUMMARY = "液冷热管理方案技术转让，含预警算法与三个月技术支持。";

/** "YYYY-MM-DDTHH:MM" in Beijing time, `ms` from now: what a datetime-local field takes (the page reads it as +08:00). */
const beijingInput = (ms: number) => new Date(Date.now() + ms + 8 * 3600e3).toISOString().slice(0, 16);
const DAY = 86400e3;

describeBrowser("dockings to their end on the workbench", () => {
  const suite = pagesSuite();
  const ids = { need: "", match: "", invitation: "" };
  const as = {} as Record<"enterprise" | "other" | "expert" | "society", GqlClient>;
  // Both sides' pages stay open: each hears of what the other did.
  let enterprisePage: Page;
  let expertPage: Page;

  beforeAll(async () => {
    const { hub } = suite;
    const enterprise = await createEnterprise(hub.admin, { name: ENTERPRISE_NAME });
    const other = await createEnterprise(hub.admin, { name: "南阳对接另一家有限公司" });
    const society = await createSociety(hub.admin, { name: "对接储能学会" });
    const expert = await createExpert(hub.admin, {
      societyIds: [society.id],
      name: EXPERT_NAME,
      expertise: "从事储能电站电池簇液冷热管理系统设计与热失控早期预警算法研究，解决电池簇温差过大问题。",
      keywords: ["液冷", "热管理", "热失控", "储能", "电池簇"],
    });
    for (const [key, who, organizationId, role] of [
      ["enterprise", ENTERPRISE, enterprise.id, "ENTERPRISE"],
      ["other", OTHER_ENTERPRISE, other.id, "ENTERPRISE"],
      ["expert", EXPERT, expert.id, "EXPERT"],
      ["society", SOCIETY, society.id, "SOCIETY"],
    ] as const) {
      await hub.admin.data(CreateUserDocument, { input: { email: who.email, password: who.password, role, organizationId } });
      const anonymous = new GqlClient(hub.server.graphqlUrl);
      const login = await anonymous.data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: who.email, p: who.password });
      as[key] = anonymous.as(login.login.token);
    }
    ids.need = (
      await postNeed(hub.admin, enterprise.id, {
        title: TITLE,
        description: "储能电站电池簇夏季温差超过8℃，存在热失控风险，希望合作开发液冷热管理方案和热失控早期预警算法。",
        keywords: ["液冷", "热管理", "热失控", "储能", "电池簇"],
      })
    ).id;
    const matches = await hub.admin.data<{ node: { matches: Array<{ id: string; supplier: { id: string } }> } }>(
      `query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 20) { id supplier { ... on Expert { id } } } } } }`,
      { id: ids.need },
    );
    ids.match = matches.node.matches.find((m) => m.supplier.id === expert.id)!.id;
    // Inviting and accepting have their own page tests (workbench-pages.test.ts): here they are the API's.
    ids.invitation = (await as.enterprise.data<{ inviteSupplier: { id: string } }>(`mutation($m: ID!) { inviteSupplier(matchId: $m) { id } }`, { m: ids.match })).inviteSupplier.id;
    await as.expert.data(`mutation($id: ID!) { answerInvitation(id: $id, accept: true) { id } }`, { id: ids.invitation });
  }, 300_000);

  async function signedIn(who: { email: string; password: string }): Promise<Page> {
    const { page } = await suite.open("/workbench", 1366, 900);
    await signInUntilReady(page, who);
    return page;
  }

  /** The enterprise's page at the need, with the expert's match. */
  async function enterpriseAtNeed(page: Page) {
    await page.locator(`.wb-need[data-need-id="${ids.need}"] button`).click();
    const match = page.locator(`.wb-match[data-match-id="${ids.match}"][data-invitation-status="ACCEPTED"]`);
    await match.waitFor();
    return match;
  }

  /** A docking arranged through the API (the enterprise's), `ms` from now. */
  async function scheduled(ms: number, place: string): Promise<string> {
    const data = await as.enterprise.data<{ scheduleDocking: { id: string } }>(
      `mutation($input: ScheduleDockingInput!) { scheduleDocking(input: $input) { id } }`,
      { input: { invitationId: ids.invitation, startsAt: new Date(Date.now() + ms).toISOString(), place } },
    );
    return data.scheduleDocking.id;
  }

  it("the enterprise arranges a docking, the expert moves it on its page, and the enterprise's open page shows the move", async () => {
    enterprisePage = await signedIn(ENTERPRISE);
    const match = await enterpriseAtNeed(enterprisePage);
    await match.locator(".wb-docking-form summary").click();
    await match.locator(".wb-schedule input[name=startsAt]").fill(beijingInput(7 * DAY));
    await match.locator(".wb-schedule input[name=place]").fill("企业二楼会议室");
    await match.locator(".wb-schedule button[type=submit]").click();
    const docking = match.locator(".wb-docking[data-status='SCHEDULED']");
    await docking.waitFor();
    const dockingId = (await docking.getAttribute("data-docking-id"))!;
    // 近期对接 at the top: the need and the other party.
    const upcoming = enterprisePage.locator(`.wb-upcoming-item[data-docking-id="${dockingId}"]`);
    await upcoming.waitFor();
    expect(await upcoming.innerText()).toContain(TITLE);
    expect(await upcoming.innerText()).toContain(EXPERT_NAME);
    // Not yet held: its outcome cannot be recorded.
    expect(await docking.locator("[data-action=reschedule]").count()).toBe(1);
    expect(await docking.locator("[data-action=outcome]").count()).toBe(0);

    expertPage = await signedIn(EXPERT);
    expect(await expertPage.locator(`.wb-upcoming-item[data-docking-id="${dockingId}"]`).innerText()).toContain(ENTERPRISE_NAME);
    const theirs = expertPage.locator(`.wb-invitation-item[data-invitation-id="${ids.invitation}"] .wb-docking[data-docking-id="${dockingId}"]`);
    await theirs.locator("[data-action=reschedule] summary").click();
    const form = theirs.locator(".wb-reschedule");
    await form.locator("button[type=submit]").click();
    expect(await form.locator("[data-field='startsAt'] .wb-field-error").textContent()).toBe("请选择新的对接时间");
    // The API's BAD_USER_INPUT names the field, as when scheduling: a time past, then a link that is no web link.
    await form.locator("input[name=startsAt]").fill(beijingInput(-DAY));
    await form.locator("button[type=submit]").click();
    await form.locator("[data-field='startsAt'] .wb-field-error:not(:empty)").waitFor();
    expect(await form.locator("[data-field='startsAt'] .wb-field-error").textContent()).toBe("对接时间须晚于现在");
    await form.locator("input[name=startsAt]").fill(beijingInput(8 * DAY));
    await form.locator("input[name=onlineUrl]").fill("meeting.example/123");
    await form.locator("button[type=submit]").click();
    await form.locator("[data-field='onlineUrl'] .wb-field-error:not(:empty)").waitFor();
    expect(await form.locator("[data-field='startsAt'] .wb-field-error").textContent()).toBe("");
    await form.locator("input[name=onlineUrl]").fill("");
    await form.locator("input[name=place]").fill(MOVED_PLACE);
    await form.locator("button[type=submit]").click();
    await until(async () => (await theirs.innerText()).includes(MOVED_PLACE), 15_000, "the expert's page showing the move");

    // Without a reload: DOCKING_SCHEDULED reached the enterprise's page, which read the need again.
    await until(async () => (await enterprisePage.locator(`.wb-docking[data-docking-id="${dockingId}"]`).innerText()).includes(MOVED_PLACE), 20_000, "the enterprise's page showing the move");
    await until(async () => (await upcoming.innerText()).includes(MOVED_PLACE), 10_000, "近期对接 showing the move");
  }, 120_000);

  it("cancelling needs a reason: the page asks for one, the API refuses two characters too few, and the expert's page shows why", async () => {
    const dockingId = await scheduled(3 * DAY, "企业三楼会议室");
    await enterprisePage.reload();
    await enterprisePage.waitForSelector("body[data-state='ready']");
    const match = await enterpriseAtNeed(enterprisePage);
    const docking = match.locator(`.wb-docking[data-docking-id="${dockingId}"]`);
    // 近期对接: soonest first, so this one (in three days) before the moved one (in eight).
    await enterprisePage.waitForSelector(`.wb-upcoming-item[data-docking-id="${dockingId}"]`);
    const order = await enterprisePage.$$eval(".wb-upcoming-item", (els) => els.map((el) => (el as HTMLElement).dataset.dockingId));
    expect(order[0]).toBe(dockingId);
    expect(order).toHaveLength(2);

    await docking.locator("[data-action=cancel] summary").click();
    const form = docking.locator(".wb-cancel-docking");
    await form.locator("button[type=submit]").click();
    expect(await form.locator("[data-field='reason'] .wb-field-error").textContent()).toBe("请填写取消原因");
    await form.locator("textarea[name=reason]").fill("改");
    await form.locator("button[type=submit]").click();
    await form.locator("[data-field='reason'] .wb-field-error:not(:empty)").waitFor();
    expect(await form.locator("[data-field='reason'] .wb-field-error").textContent()).toBe("请说明取消原因（至少两个字）");
    expect(await docking.getAttribute("data-status")).toBe("SCHEDULED");
    await form.locator("textarea[name=reason]").fill(REASON);
    await form.locator("button[type=submit]").click();
    const cancelled = match.locator(`.wb-docking[data-docking-id="${dockingId}"][data-status='CANCELLED']`);
    await cancelled.waitFor();
    expect(await cancelled.innerText()).toContain(`取消原因：${REASON}`);
    expect(await cancelled.locator(".wb-docking-actions").count()).toBe(0);
    await until(async () => (await enterprisePage.locator(`.wb-upcoming-item[data-docking-id="${dockingId}"]`).count()) === 0, 10_000, "近期对接 dropping it");

    // The expert's page, open all along, hears of it.
    const theirs = expertPage.locator(`.wb-docking[data-docking-id="${dockingId}"]`);
    await until(async () => (await theirs.getAttribute("data-status")) === "CANCELLED", 20_000, "the expert's page showing the cancellation");
    expect(await theirs.innerText()).toContain(REASON);
  }, 120_000);

  it("once its time has come the docking is recorded as held; the deal, refused with a bad amount beside its field, shows on the match", async () => {
    // A docking can only be arranged in the future: this one starts in three seconds, then is past.
    const dockingId = await scheduled(3_000, "企业一楼展厅");
    await new Promise((r) => setTimeout(r, 3_500));
    await enterprisePage.reload();
    await enterprisePage.waitForSelector("body[data-state='ready']");
    const match = await enterpriseAtNeed(enterprisePage);
    const docking = match.locator(`.wb-docking[data-docking-id="${dockingId}"]`);
    await enterprisePage.waitForSelector(`.wb-upcoming-item[data-docking-id="${dockingId}"] .wb-overdue`);
    await docking.locator("[data-action=outcome] summary").click();
    const form = docking.locator(".wb-outcome");
    await form.locator("select[name=outcome]").selectOption("DEAL_LIKELY");
    await form.locator("button[type=submit]").click();
    expect(await form.locator("[data-field='minutes'] .wb-field-error").textContent()).toBe("请填写对接纪要");
    await form.locator("textarea[name=minutes]").fill(MINUTES);
    await form.locator("button[type=submit]").click();
    const held = match.locator(`.wb-docking[data-docking-id="${dockingId}"][data-status='HELD']`);
    await held.waitFor();
    expect(await held.innerText()).toContain("有望成交");
    expect(await held.innerText()).toContain(MINUTES);
    expect(await held.locator(".wb-docking-actions").count()).toBe(0);

    // 登记成交: an amount in words is the API's BAD_USER_INPUT on input.value, shown beside the field.
    await match.locator(".wb-deal-form summary").click();
    const deal = match.locator(".wb-record-deal");
    await deal.locator("select[name=mode]").selectOption("TECH_TRANSFER");
    await deal.locator("select[name=contractSigned]").selectOption("true");
    await deal.locator("input[name=signedOn]").fill(beijingInput(0).slice(0, 10));
    await deal.locator("input[name=value]").fill("一百二十万");
    await deal.locator("textarea[name=summary]").fill(SUMMARY);
    await deal.locator("button[type=submit]").click();
    await deal.locator("[data-field='value'] .wb-field-error:not(:empty)").waitFor();
    expect(await deal.locator("[data-field='value'] .wb-field-error").textContent()).toContain("1200000.00");
    expect(await deal.locator("input[name=value]").getAttribute("aria-invalid")).toBe("true");
    // A signing day after today is refused on input.signedOn.
    await deal.locator("input[name=value]").fill("1,200,000.00");
    await deal.locator("input[name=signedOn]").fill(beijingInput(2 * DAY).slice(0, 10));
    await deal.locator("button[type=submit]").click();
    await deal.locator("[data-field='signedOn'] .wb-field-error:not(:empty)").waitFor();
    expect(await deal.locator("[data-field='value'] .wb-field-error").textContent()).toBe("");
    await deal.locator("input[name=signedOn]").fill(beijingInput(0).slice(0, 10));
    await deal.locator("button[type=submit]").click();
    const recorded = match.locator(".wb-deal");
    await recorded.waitFor();
    expect(await recorded.innerText()).toContain("已成交 · 1,200,000.00 元 · 技术转让 · 已签合同");
    expect(await match.locator(".wb-deal-form").count()).toBe(0);
    const stored = await as.enterprise.data<{ node: { deals: Array<{ value: string; summary: string; match: { id: string; status: string } }> } }>(
      `query($id: ID!) { node(id: $id) { ... on TechNeed { deals { value summary match { id status } } } } }`,
      { id: ids.need },
    );
    expect(stored.node.deals).toEqual([{ value: "1200000.00", summary: SUMMARY, match: { id: ids.match, status: "DOCKED" } }]);

    // The expert reads the outcome and the minutes on its side.
    await expertPage.reload();
    await expertPage.waitForSelector("body[data-state='ready']");
    const theirs = expertPage.locator(`.wb-docking[data-docking-id="${dockingId}"][data-status='HELD']`);
    expect(await theirs.innerText()).toContain(MINUTES);
  }, 120_000);

  it("a society reads its member expert's dockings without a button to change them, and the API refuses it the change", async () => {
    const page = await signedIn(SOCIETY);
    const item = page.locator(`.wb-invitation-item[data-invitation-id="${ids.invitation}"]`);
    const scheduledOne = item.locator(".wb-docking[data-status='SCHEDULED']");
    await scheduledOne.waitFor();
    expect(await item.locator(".wb-docking").count()).toBe(3);
    expect(await item.locator(".wb-docking-actions, .wb-docking-change").count()).toBe(0);
    // The expert, on the same docking, has them.
    const dockingId = (await scheduledOne.getAttribute("data-docking-id"))!;
    expect(await expertPage.locator(`.wb-docking[data-docking-id="${dockingId}"] .wb-docking-change`).count()).toBe(2);

    // Bypassing the page: the society may read the docking but not change it; another enterprise may not even see it.
    const cancel = `mutation($id: ID!) { cancelDocking(id: $id, reason: "学会代为取消") { id status } }`;
    expect(errorOf(await as.society.request(cancel, { id: dockingId }))?.code).toBe("FORBIDDEN");
    const move = `mutation($id: ID!, $at: DateTime!) { rescheduleDocking(id: $id, startsAt: $at) { id } }`;
    expect(errorOf(await as.society.request(move, { id: dockingId, at: new Date(Date.now() + 9 * DAY).toISOString() }))?.code).toBe("FORBIDDEN");
    expect(errorOf(await as.other.request(cancel, { id: dockingId }))?.code).toBe("NOT_FOUND");
    const still = await as.expert.data<{ node: { status: string; place: string } }>(`query($id: ID!) { node(id: $id) { ... on Docking { status place } } }`, { id: dockingId });
    expect(still.node).toEqual({ status: "SCHEDULED", place: MOVED_PLACE });
  }, 90_000);
});
