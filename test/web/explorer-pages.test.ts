/// <reference lib="dom" />
// Issue 28 in a real browser, against a production-mode hub (`npm start`'s NODE_ENV=production): the explorer.
// Skipped, with a message, where /usr/bin/chromium is absent (apt-get install -y chromium fonts-wqy-microhei).
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { ANALYST, hasChromium, launchChromium, openPage, PRODUCT, scrollWidth, signIn, startPagesHub, until, type PagesHub, type Watched } from "./pages-support";

const describeBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) it.skip("browser tests need /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei)", () => {});

describeBrowser("the explorer in Chromium on a production-mode hub (issue 28)", () => {
  let hub: PagesHub;
  let browser: Browser;
  const opened: Watched[] = [];

  beforeAll(async () => {
    hub = await startPagesHub();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => {});
    await browser?.close();
    await hub?.close();
  });

  async function explorer(width = 1440, height = 900): Promise<{ page: Page; watched: Watched }> {
    const watched = await openPage(browser, width, height);
    opened.push(watched);
    await watched.page.goto(`${hub.base}/explorer`);
    await watched.page.waitForSelector(".graphiql-container .CodeMirror", { timeout: 60_000 });
    return { page: watched.page, watched };
  }

  const variablesText = (page: Page) => page.evaluate(() => (document.querySelector(".graphiql-editor-tool .CodeMirror") as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

  it("1, 9: the schema loads under NODE_ENV=production (no 400s), and the page carries the one product name", async () => {
    const { page, watched } = await explorer();
    await page.waitForTimeout(1500); // the introspection request is answered
    expect(watched.failed).toEqual([]);
    expect(await page.title()).toContain(PRODUCT);
    expect(await page.textContent(".hub-brand")).toContain(PRODUCT);
    expect(await page.innerText("body")).not.toMatch(/科创汇|科创枢纽/);
  }, 90_000);

  it("runs the preloaded analyst query and exports a list as CSV (UTF-8 with BOM)", async () => {
    const { page } = await explorer();
    expect(await page.locator(".graphiql-tab").count()).toBeGreaterThanOrEqual(8);
    await signIn(page, ANALYST);
    await page.locator(".graphiql-tab").first().click();
    await page.click(".graphiql-execute-button");
    const response = page.locator(".graphiql-response");
    await until(async () => (await response.innerText()).includes('"programmeStats"'), 30_000, "the answer");
    expect(await response.innerText()).not.toContain('"errors"');
    // The panel offers the API's core operations, not the documents the hub's own pages send.
    expect(await page.locator('[data-example="needs.graphql"]').count()).toBe(1);
    for (const pages of ["web.graphql", "join.graphql", "workbench.graphql"]) expect(await page.locator(`[data-example="${pages}"]`).count()).toBe(0);
    await page.click('[data-example="需求列表"]');
    await page.waitForTimeout(1000); // GraphiQL takes the operation name from the editor after a debounce
    await page.click(".graphiql-execute-button");
    await until(async () => (await response.innerText()).includes("totalCount"), 30_000, "the list");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('button[aria-label^="导出 CSV"]')]);
    const file = fs.readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString("utf8")).toContain("industryChain.name");
  }, 90_000);

  it("7: signing in keeps the tabs as they are: none added, the active one with its variables", async () => {
    const { page } = await explorer();
    const tabs = await page.locator(".graphiql-tab").count();
    await page.locator(".graphiql-tab").nth(1).click();
    const setVars = '{ "from": "2025-01-01T00:00:00Z" }';
    await page.evaluate((v) => (document.querySelector(".graphiql-editor-tool .CodeMirror") as unknown as { CodeMirror: { setValue(s: string): void } }).CodeMirror.setValue(v), setVars);
    await signIn(page, ANALYST);
    await page.waitForTimeout(1000);
    expect(await page.locator(".graphiql-tab").count()).toBe(tabs);
    expect(await page.locator(".graphiql-tab").nth(1).getAttribute("class")).toContain("graphiql-tab-active");
    expect(await variablesText(page)).toBe(setVars);
    // And the next run carries the new token.
    await page.click(".graphiql-execute-button");
    await until(async () => (await page.locator(".graphiql-response").innerText()).includes('"data"'), 30_000, "a response");
  }, 90_000);

  it("10: saved queries: save the current query, list it, share it, run it, with the cost of each run", async () => {
    const { page } = await explorer();
    await signIn(page, ANALYST);
    await page.locator(".graphiql-tab").first().click();
    await page.click('.graphiql-sidebar button[aria-label*="已保存查询"]');
    await page.waitForSelector(".hub-saved-form");
    const name = "看板总览（测试）";
    await page.fill('.hub-saved-form input[aria-label="查询名称"]', name);
    await page.click('[data-testid="save-query"]');
    const item = page.locator(`[data-saved="${name}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.innerText()).toContain("仅自己");
    await item.locator('[data-action="share"]').click();
    await until(async () => (await item.innerText()).includes("已共享"), 15_000, "shared");
    const saved = await hub.analyst.data<{ savedQueries: { edges: Array<{ node: { name: string; shared: boolean } }> } }>(`{ savedQueries(mine: true) { edges { node { name shared } } } }`);
    expect(saved.savedQueries.edges.map((e) => e.node)).toContainEqual({ name, shared: true });

    // Run it: into the current tab, executed; the toolbar's footer reports the run's cost (extensions.cost).
    await page.locator(".graphiql-tab").nth(2).click();
    await item.locator('[data-action="run"]').click();
    await until(async () => (await page.locator(".graphiql-response").innerText()).includes('"programmeStats"'), 30_000, "the saved query's answer");
    await page.waitForSelector('[data-testid="run-cost"]');
    expect(await page.textContent('[data-testid="run-cost"]')).toMatch(/本次查询成本 \d+/);
  }, 120_000);

  it("6: usable at 390 px: no horizontal overflow, signed out or in, the sign-in form on screen", async () => {
    const { page } = await explorer(390, 844);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    for (const sel of ['.hub-signin input[name="password"]', '.hub-signin button[type="submit"]', ".graphiql-execute-button"]) {
      const box = (await page.locator(sel).boundingBox())!;
      expect({ sel, right: box.x + box.width <= 390 }).toEqual({ sel, right: true });
    }
    await signIn(page, ANALYST);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.click(".graphiql-execute-button");
    await until(async () => (await page.locator(".graphiql-response").innerText()).includes('"data"'), 30_000, "a response");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  }, 90_000);

  it("made no request that left 127.0.0.1, and raised no script error", () => {
    expect(opened.flatMap((w) => w.foreign)).toEqual([]);
    expect(opened.flatMap((w) => w.pageErrors)).toEqual([]);
  });
});
