// The explorer and the dashboard in headless Chromium (Debian's `chromium` + playwright-core): no request leaves
// 127.0.0.1, a query runs, a chart renders, a live match arrives. (The screenshots in docs/ come from
// `npm run screenshots`, never from the test suite.)
// Skipped, with a message, where /usr/bin/chromium is absent (CI: apt-get install -y chromium).
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seedDemo } from "../../src/modules/demo/seed-demo";
import { createEnterprise, createExpert, postNeed } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/hub";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
const ANALYST = { email: "analyst1@demo.kechuang.local", password: "demo-password-2025" };

if (!hasChromium) {
  // eslint-disable-next-line no-console
  console.warn(`Browser tests skipped: ${CHROMIUM} not found. Install it with: apt-get update && apt-get install -y chromium`);
}

const describeBrowser = hasChromium ? describe : describe.skip;

describeBrowser("explorer and dashboard in headless Chromium", () => {
  let t: TestHub;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  const requested: string[] = [];
  const foreign: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestHub();
    base = t.hub.url.replace(/\/graphql$/, "");
    // A small slice of the demo (its users included), matched, so the pages have something to show.
    await seedDemo(t.hub.services, t.hub.log, { fraction: 0.03, needLimit: 60 });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.stop();
  });

  /** A page in a fresh browser context (no token kept from another test). */
  async function newPage(): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", acceptDownloads: true });
    // Every request the pages make passes here: anything not on 127.0.0.1 is recorded and refused.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      requested.push(url);
      if (new URL(url).hostname !== "127.0.0.1") {
        foreign.push(url);
        return route.abort("blockedbyclient");
      }
      return route.continue();
    });
    const page = await context.newPage();
    page.on("pageerror", (err) => pageErrors.push(err.message));
    page.on("websocket", (ws) => {
      requested.push(ws.url());
      if (new URL(ws.url()).hostname !== "127.0.0.1") foreign.push(ws.url());
    });
    return page;
  }

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.fill('.hub-signin input[name="email"]', who.email);
    await page.fill('.hub-signin input[name="password"]', who.password);
    await page.click('.hub-signin button[type="submit"]');
    await page.waitForSelector(".hub-signin-user, .hub-signin-error:not(:empty)", { timeout: 15_000 });
    expect(await page.locator(".hub-signin-error").count() ? await page.textContent(".hub-signin-error") : "").toBe("");
  }

  async function until(check: () => Promise<boolean>, timeout = 30_000) {
    const end = Date.now() + timeout;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`condition not met in ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it("explorer: loads from the hub alone, signs in, runs the preloaded analyst query and exports CSV", async () => {
    const page = await newPage();
    await page.goto(`${base}/explorer`);
    await page.waitForSelector(".graphiql-container .CodeMirror", { timeout: 30_000 });
    // The analyst examples are preloaded as tabs, and listed in the 示例查询 panel.
    expect(await page.locator(".graphiql-tab").count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator("[data-example]").count()).toBeGreaterThanOrEqual(8);
    await signIn(page, ANALYST);
    expect(await page.textContent(".hub-signin-user")).toContain("分析员");

    await page.locator(".graphiql-tab").first().click();
    await page.click(".graphiql-execute-button");
    const response = page.locator(".graphiql-response");
    // CodeMirror renders only the visible lines: the top of the answer is enough here.
    await until(async () => (await response.innerText()).includes('"programmeStats"'));
    const text = await response.innerText();
    expect(text).toContain('"onKczgPlatform"');
    expect(text).not.toContain('"errors"');

    await page.click('[data-example="需求列表"]');
    // GraphiQL takes the operation name from the editor after a debounce; a person never clicks run within it.
    await page.waitForTimeout(1000);
    await page.click(".graphiql-execute-button");
    await until(async () => (await response.innerText()).includes("totalCount"));
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('button[aria-label^="导出 CSV"]')]);
    const file = fs.readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString("utf8")).toContain("industryChain.name");
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    // A browser asking /graphql for HTML gets the explorer too.
    await page.goto(t.hub.url);
    expect(await page.title()).toBe("科创南阳·百会链千企 · 查询浏览器");
    await page.close();
  }, 120_000);

  it("dashboard: KPIs, charts from the statistics, and a match arriving live over graphql-ws", async () => {
    const page = await newPage();
    await page.goto(`${base}/dashboard`);
    await page.waitForSelector("body[data-state='signed-out']");
    await signIn(page, ANALYST);
    await page.waitForSelector("body[data-state='ready']", { timeout: 30_000 });

    // The chain chart is drawn (a canvas) from the same numbers the API gives.
    expect(await page.locator("#chart-chain canvas").count()).toBe(1);
    expect(await page.locator("#chart-funnel canvas").count()).toBe(1);
    const drawn = await page.evaluate(() => {
      const w = globalThis as unknown as { hubDashboard: { charts: Record<string, { getOption(): { series: Array<{ data: unknown[] }> } }> } };
      const chain = w.hubDashboard.charts["chart-chain"]!.getOption();
      const funnel = w.hubDashboard.charts["chart-funnel"]!.getOption();
      return { chainNeeds: (chain.series[0]!.data as number[]).reduce((a, b) => a + b, 0), funnel: (funnel.series[0]!.data as Array<{ value: number }>).map((d) => d.value) };
    });
    const api = await t.admin.data<{ programmeStats: { byIndustryChain: Array<{ needs: number }>; funnel: Array<{ needs: number }> } }>(
      `{ programmeStats { byIndustryChain { needs } funnel { needs } } }`,
    );
    expect(drawn.chainNeeds).toBe(api.programmeStats.byIndustryChain.reduce((a, r) => a + r.needs, 0));
    expect(drawn.funnel).toEqual(api.programmeStats.funnel.map((f) => f.needs));
    expect(drawn.chainNeeds).toBeGreaterThan(0);
    expect(await page.locator(".kpi[data-indicator='KCZG_ENTITIES'] .kpi-value").innerText()).toMatch(/^\d+\s*\/ 100 家$/);

    // Live: a new need is matched; the match reaches the page over graphql-ws.
    await page.waitForFunction(() => (globalThis as unknown as { hubDashboard: { liveConnected?: boolean } }).hubDashboard.liveConnected === true, null, { timeout: 15_000 });
    await createExpert(t.admin, { name: "实时匹配测试专家" });
    const enterprise = await createEnterprise(t.admin);
    const title = "实时看板测试：储能电池热失控预警";
    await postNeed(t.admin, enterprise.id, { title });
    await page.waitForSelector(`.live-item:has-text("${title}")`, { timeout: 30_000 });
    await page.close();
  }, 120_000);

  it("made no request that left 127.0.0.1, and the pages raised no script error", () => {
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.some((u) => u.startsWith("ws://127.0.0.1"))).toBe(true);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

if (!hasChromium) {
  it.skip(`browser tests need ${CHROMIUM} (apt-get install -y chromium)`, () => {});
}
