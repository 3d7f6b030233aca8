/// <reference lib="dom" />
// The workbench's long lists in Chromium against a production-mode hub: an enterprise with 45 needs and an expert
// with 25 invitations and dozens of matches reach every row through 加载更多, once each; the counts are the API's;
// a status filter shows that status only; appending keeps a half-written message; a refresh after a notification
// keeps as many rows as were loaded.
// Skipped, with a message, where /usr/bin/chromium is absent (apt-get install -y chromium fonts-wqy-microhei).
import type { Page } from "playwright-core";
import { CreateUserDocument } from "../generated/operations";
import { GqlClient } from "../support/client";
import { createEnterprise, createExpert, PASSWORD, postNeed } from "../support/fixtures";
import { hasChromium, pagesSuite, signInUntilReady, until } from "./pages-support";

const describeBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) it.skip("browser tests need /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei)", () => {});

const ENTERPRISE = { email: "paging-enterprise@hub.test", password: PASSWORD };
const EXPERT = { email: "paging-expert@hub.test", password: PASSWORD };
const NEEDS = 45;
const TEXT = "储能电站电池簇夏季温差超过8℃，存在热失控风险，希望合作开发液冷热管理方案和热失控早期预警算法。";
const KEYWORDS = ["液冷", "热管理", "热失控", "储能", "电池簇"];
// Needs by posting order (0 oldest): the page lists the newest first, so need i is row 44 - i.
const CLOSED = [0, 1, 2];
const RESOLVED = [3, 4];
const IN_DOCKING = [30, 31, 32, 33];
// The expert is invited to needs 5..29 (rows 15..39): accepts 5..7, declines 8..9, the rest wait.
const INVITED = Array.from({ length: 25 }, (_, k) => 5 + k);
const ACCEPTED = [5, 6, 7];
const DECLINED = [8, 9];
// Row 29, on the list's second page: its invitation is accepted while the enterprise's page is open.
const ANSWERED_LATER = 15;
// An IN_DOCKING need the expert is invited to while the expert's page is open.
const INVITED_LATER = 30;

describeBrowser("the workbench's long lists in Chromium on a production-mode hub", () => {
  const suite = pagesSuite();
  const needIds: string[] = [];
  const invitationOf = new Map<number, string>();
  const matchOf = new Map<number, string>();
  let enterprise: GqlClient;
  let expert: GqlClient;
  let enterpriseId = "";

  beforeAll(async () => {
    const hub = suite.hub;
    const company = await createEnterprise(hub.admin, { name: "南阳分页储能科技有限公司" });
    enterpriseId = company.id;
    // The expert fits every need best; twenty-odd others fill a need's matches past one page of 20.
    const ours = await createExpert(hub.admin, { name: "分页液冷专家", expertise: TEXT, keywords: KEYWORDS, capacity: 20 });
    for (let k = 0; k < 22; k++) await createExpert(hub.admin, { name: `分页专家${k + 1}` });
    await hub.admin.data(CreateUserDocument, { input: { email: ENTERPRISE.email, password: ENTERPRISE.password, role: "ENTERPRISE", organizationId: company.id } });
    await hub.admin.data(CreateUserDocument, { input: { email: EXPERT.email, password: EXPERT.password, role: "EXPERT", organizationId: ours.id } });
    for (let i = 0; i < NEEDS; i++) {
      needIds.push((await postNeed(hub.admin, company.id, { title: `分页需求第${String(i + 1).padStart(2, "0")}号：电池簇液冷`, description: TEXT, keywords: KEYWORDS })).id);
    }
    enterprise = await login(ENTERPRISE);
    expert = await login(EXPERT);
    const mine = await expert.data<{ myMatches: { edges: Array<{ node: { id: string; need: { id: string } } }> } }>(`{ myMatches(first: 100) { edges { node { id need { id } } } } }`);
    for (const { node } of mine.myMatches.edges) matchOf.set(needIds.indexOf(node.need.id), node.id);
    for (const i of [...INVITED, INVITED_LATER]) expect(matchOf.get(i)).toBeDefined();
    for (const i of INVITED) {
      const sent = await enterprise.data<{ inviteSupplier: { id: string } }>(`mutation($m: ID!) { inviteSupplier(matchId: $m) { id } }`, { m: matchOf.get(i) });
      invitationOf.set(i, sent.inviteSupplier.id);
    }
    for (const i of ACCEPTED) await answer(i, true);
    for (const i of DECLINED) await expert.data(`mutation($id: ID!) { answerInvitation(id: $id, accept: false, declineCode: NO_CAPACITY) { id } }`, { id: invitationOf.get(i) });
    const move = (i: number, status: string) => hub.admin.data(`mutation($id: ID!, $s: NeedStatus!) { updateNeedStatus(id: $id, status: $s) { id } }`, { id: needIds[i], s: status });
    for (const i of CLOSED) await move(i, "CLOSED");
    for (const i of RESOLVED) await move(i, "RESOLVED");
    for (const i of IN_DOCKING) await move(i, "IN_DOCKING");
  }, 600_000);

  async function login(who: { email: string; password: string }): Promise<GqlClient> {
    const anonymous = new GqlClient(suite.hub.server.graphqlUrl);
    const data = await anonymous.data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: who.email, p: who.password });
    return anonymous.as(data.login.token);
  }

  const answer = (i: number, accept: boolean) => expert.data(`mutation($id: ID!, $a: Boolean!) { answerInvitation(id: $id, accept: $a) { id } }`, { id: invitationOf.get(i), a: accept });

  async function signedIn(who: { email: string; password: string }): Promise<Page> {
    const { page } = await suite.open("/workbench", 1366, 900);
    await signInUntilReady(page, who);
    return page;
  }

  /** The enterprise's needs by status, as the API tells them (accepting an invitation moves a need to IN_DOCKING). */
  async function needsByStatus(): Promise<Record<string, number>> {
    const data = await enterprise.data<{ needs: { edges: Array<{ node: { status: string } }> } }>(`query($e: ID!) { needs(first: 100, filter: { enterpriseId: $e }) { edges { node { status } } } }`, {
      e: enterpriseId,
    });
    const tally: Record<string, number> = { OPEN: 0, IN_DOCKING: 0, RESOLVED: 0, CLOSED: 0, EXPIRED: 0 };
    for (const { node } of data.needs.edges) tally[node.status] = (tally[node.status] ?? 0) + 1;
    return tally;
  }

  const ids = (page: Page, selector: string, attribute: string) => page.$$eval(selector, (els, a) => els.map((el) => el.getAttribute(a)!), attribute);

  /** Clicks 加载更多 under `box` and waits for `selector` to count `rows`. */
  async function more(page: Page, box: string, selector: string, rows: number) {
    await page.click(`${box} [data-action=more]`);
    await until(async () => (await page.locator(selector).count()) === rows, 20_000, `${rows} rows of ${selector}`);
  }

  it("an enterprise's 45 needs: 20 at first, every one after 加载更多 and none twice; the filter's counts are the API's", async () => {
    const page = await signedIn(ENTERPRISE);
    await page.waitForSelector(".wb-need");
    expect(await page.locator(".wb-need").count()).toBe(20);
    expect(await page.textContent("#wb-needs-more .wb-shown")).toBe("显示 20 / 共 45 个");
    await more(page, "#wb-needs-more", ".wb-need", 40);
    expect(await page.textContent("#wb-needs-more .wb-shown")).toBe("显示 40 / 共 45 个");
    await more(page, "#wb-needs-more", ".wb-need", 45);
    expect(await page.textContent("#wb-needs-more .wb-shown")).toBe("显示 45 / 共 45 个");
    expect(await page.locator("#wb-needs-more [data-action=more]").count()).toBe(0);
    const listed = await ids(page, ".wb-need", "data-need-id");
    expect(new Set(listed).size).toBe(listed.length);
    // Newest first, every need once.
    expect(listed).toEqual([...needIds].reverse());

    const counts = Object.fromEntries(
      await page.$$eval("#wb-need-filter [data-filter]", (els) => els.map((el) => [(el as HTMLElement).dataset.filter, el.querySelector(".wb-filter-count")?.textContent])),
    );
    const tally = await needsByStatus();
    expect(tally).toMatchObject({ RESOLVED: RESOLVED.length, CLOSED: CLOSED.length, IN_DOCKING: IN_DOCKING.length + ACCEPTED.length });
    expect(counts).toEqual({ "": "45", ...Object.fromEntries(Object.entries(tally).map(([status, n]) => [status, String(n)])) });
  }, 120_000);

  it("the status filter lists that status only, itself paged", async () => {
    const page = await signedIn(ENTERPRISE);
    await page.waitForSelector(".wb-need");
    await page.click("#wb-need-filter [data-filter=CLOSED]");
    await until(async () => (await page.locator(".wb-need").count()) === 3, 20_000, "the closed needs");
    expect(await page.getAttribute("#wb-need-filter [data-filter=CLOSED]", "aria-pressed")).toBe("true");
    expect(await ids(page, ".wb-need", "data-need-id")).toEqual(CLOSED.map((i) => needIds[i]).reverse());
    expect(await ids(page, ".wb-need .wb-status", "data-status")).toEqual(["CLOSED", "CLOSED", "CLOSED"]);
    expect(await page.textContent("#wb-needs-more")).toBe("显示 3 / 共 3 个");

    await page.click("#wb-need-filter [data-filter=OPEN]");
    await until(async () => (await page.locator(".wb-need").count()) === 20, 20_000, "the first open needs");
    const open = (await needsByStatus()).OPEN!;
    expect(open).toBeGreaterThan(20);
    await more(page, "#wb-needs-more", ".wb-need", open);
    const statuses = await ids(page, ".wb-need .wb-status", "data-status");
    expect(new Set(statuses)).toEqual(new Set(["OPEN"]));
    const listed = await ids(page, ".wb-need", "data-need-id");
    expect(new Set(listed).size).toBe(open);
    expect(await page.textContent("#wb-needs-more .wb-shown")).toBe(`显示 ${open} / 共 ${open} 个`);
  }, 120_000);

  it("a need's matches: 加载更多 adds the rest below, none twice, and a half-written message stays", async () => {
    const page = await signedIn(ENTERPRISE);
    const need = needIds[40]!;
    const all = await enterprise.data<{ node: { matches: Array<{ id: string }> } }>(`query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 100) { id } } } }`, { id: need });
    expect(all.node.matches.length).toBeGreaterThan(20);
    await page.click(`.wb-need[data-need-id="${need}"] button`);
    await page.waitForSelector(".wb-match");
    expect(await page.locator(".wb-match").count()).toBe(20);
    expect(await page.textContent(".wb-matches-shown")).toBe("按匹配度排序，前 20 个");
    const first = page.locator(".wb-match").first();
    await first.locator("textarea[name=message]").fill("先写一半的留言");
    // The needs' 加载更多 too leaves the open need and its message alone.
    await more(page, "#wb-needs-more", ".wb-need", 40);
    await page.click("#wb-matches-more [data-action=more-matches]");
    await until(async () => (await page.locator(".wb-match").count()) === all.node.matches.length, 20_000, "every match");
    expect(await first.locator("textarea[name=message]").inputValue()).toBe("先写一半的留言");
    const shown = await ids(page, ".wb-match", "data-match-id");
    expect(shown).toEqual(all.node.matches.map((m) => m.id));
    const ranks = (await ids(page, ".wb-match", "data-rank")).map(Number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(await page.textContent(".wb-matches-shown")).toBe(`按匹配度排序，共 ${all.node.matches.length} 个`);
    expect(await page.locator("#wb-matches-more [data-action=more-matches]").count()).toBe(0);
  }, 120_000);

  it("an expert's invitations and matches: every one after 加载更多, the filter by answer, an open decline form kept", async () => {
    const page = await signedIn(EXPERT);
    await page.waitForSelector(".wb-invitation-item");
    expect(await page.locator(".wb-invitation-item").count()).toBe(20);
    expect(await page.textContent("#wb-invitations-more .wb-shown")).toBe("显示 20 / 共 25 个");
    const counts = Object.fromEntries(
      await page.$$eval("#wb-invitation-filter [data-filter]", (els) => els.map((el) => [(el as HTMLElement).dataset.filter, el.querySelector(".wb-filter-count")?.textContent])),
    );
    expect(counts).toEqual({ "": "25", PENDING: "20", ACCEPTED: "3", DECLINED: "2" });

    // A decline half written, then both lists grow below it.
    const pending = page.locator(".wb-invitation-item[data-status='PENDING']").first();
    await pending.locator("[data-action=decline-open]").click();
    await pending.locator("textarea[name=text]").fill("还在斟酌的婉拒说明");
    await more(page, "#wb-invitations-more", ".wb-invitation-item", 25);
    const listed = await ids(page, ".wb-invitation-item", "data-invitation-id");
    expect(listed).toEqual(INVITED.map((i) => invitationOf.get(i)).reverse());
    const api = await expert.data<{ myMatches: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(`{ myMatches(first: 100) { totalCount edges { node { id } } } }`);
    expect(api.myMatches.totalCount).toBeGreaterThan(40);
    for (let rows = 40; rows - 20 < api.myMatches.totalCount; rows += 20) await more(page, "#wb-my-matches-more", ".wb-my-match", Math.min(rows, api.myMatches.totalCount));
    expect(await ids(page, ".wb-my-match", "data-match-id")).toEqual(api.myMatches.edges.map((e) => e.node.id));
    expect(await pending.locator(".wb-decline").isVisible()).toBe(true);
    expect(await pending.locator("textarea[name=text]").inputValue()).toBe("还在斟酌的婉拒说明");

    await page.click("#wb-invitation-filter [data-filter=ACCEPTED]");
    await until(async () => (await page.locator(".wb-invitation-item").count()) === 3, 20_000, "the accepted invitations");
    expect(await ids(page, ".wb-invitation-item", "data-invitation-id")).toEqual(ACCEPTED.map((i) => invitationOf.get(i)).reverse());
    expect(await page.textContent("#wb-invitations-more")).toBe("显示 3 / 共 3 个");
    await page.click("#wb-invitation-filter [data-filter=DECLINED]");
    await until(async () => (await page.locator(".wb-invitation-item").count()) === 2, 20_000, "the declined invitations");
    expect(new Set(await ids(page, ".wb-invitation-item", "data-status"))).toEqual(new Set(["DECLINED"]));
  }, 180_000);

  it("a notification's refresh keeps as many rows as were loaded: the enterprise's needs, the expert's matches", async () => {
    const page = await signedIn(ENTERPRISE);
    await page.waitForSelector(".wb-need");
    await more(page, "#wb-needs-more", ".wb-need", 40);
    const row = page.locator(`.wb-need[data-need-id="${needIds[ANSWERED_LATER]}"]`);
    expect(await row.innerText()).toContain("待答复 1");
    // INVITATION_ANSWERED reaches the open page over graphql-ws; the list is read again, the second page too.
    await answer(ANSWERED_LATER, true);
    await until(async () => (await row.count()) === 1 && (await row.innerText()).includes("已接受 1"), 30_000, "the answer shown on the second page");
    expect(await page.locator(".wb-need").count()).toBe(40);
    expect(await page.textContent("#wb-needs-more .wb-shown")).toBe("显示 40 / 共 45 个");

    const supplier = await signedIn(EXPERT);
    await supplier.waitForSelector(".wb-my-match");
    await more(supplier, "#wb-my-matches-more", ".wb-my-match", 40);
    const before = await supplier.textContent("#wb-invitations-more .wb-shown");
    await enterprise.data(`mutation($m: ID!) { inviteSupplier(matchId: $m) { id } }`, { m: matchOf.get(INVITED_LATER) });
    await supplier.waitForSelector(`.wb-invitation-item[data-need-id="${needIds[INVITED_LATER]}"]`, { timeout: 30_000 });
    expect(before).toBe("显示 20 / 共 25 个");
    expect(await supplier.textContent("#wb-invitations-more .wb-shown")).toBe("显示 20 / 共 26 个");
    expect(await supplier.locator(".wb-my-match").count()).toBe(40);
  }, 180_000);
});
