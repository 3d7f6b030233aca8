/// <reference lib="dom" />
// Issue 28 in a real browser, against a production-mode hub (`npm start`'s NODE_ENV=production): the dashboard.
// Skipped, with a message, where /usr/bin/chromium is absent (apt-get install -y chromium fonts-wqy-microhei).
import fs from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import type { Browser, Page } from "playwright-core";
import { createEnterprise, createExpert, freshCreditCode, postNeed } from "../support/fixtures";
import { ANALYST, E2E_ADMIN, contrast, hasChromium, JWT_SECRET, launchChromium, openPage, PRODUCT, scrollWidth, signIn, signInUntilReady, startPagesHub, until, type PagesHub, type Watched } from "./pages-support";

const describeBrowser = hasChromium ? describe : describe.skip;
if (!hasChromium) it.skip("browser tests need /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei)", () => {});

type Dash = { hubDashboard: { charts: Record<string, EChart>; refreshes: number; liveConnected?: boolean; retries: number; window: string } };
interface EChart {
  getOption(): { series: Array<{ data: unknown[]; itemStyle?: { color?: string }; markLine?: { data: Array<{ yAxis: number }> } }>; color?: string[] };
  getWidth(): number;
  getHeight(): number;
  getZr(): { storage: { getDisplayList(update: boolean): ZrElement[] } };
  getModel(): { getComponent(type: string, index?: number): { axis: { scale: { getExtent(): [number, number] } } } };
  convertToPixel(finder: unknown, value: unknown): number[];
}
interface ZrElement {
  type: string;
  ignore?: boolean;
  invisible?: boolean;
  style?: { text?: string; opacity?: number };
  transform?: number[];
  getBoundingRect(): { x: number; y: number; width: number; height: number; clone(): { applyTransform(m: number[]): void; x: number; y: number; width: number; height: number } };
  parent?: unknown;
}

describeBrowser("the dashboard in Chromium on a production-mode hub (issue 28)", () => {
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

  async function dashboard(width = 1440, height = 900, url = "/dashboard"): Promise<Page> {
    const w = await openPage(browser, width, height);
    opened.push(w);
    await w.page.goto(`${hub.base}${url}`);
    return w.page;
  }

  async function signedIn(width = 1440, height = 900, url = "/dashboard"): Promise<Page> {
    const page = await dashboard(width, height, url);
    await signInUntilReady(page, ANALYST);
    return page;
  }

  it("8, 9: signed out, it shows one product name and neither the time range nor the export", async () => {
    const page = await dashboard();
    await page.waitForSelector("body[data-state='signed-out']");
    expect(await page.isVisible("#window")).toBe(false);
    expect(await page.isVisible("#export-needs")).toBe(false);
    expect(await page.title()).toContain(PRODUCT);
    expect(await page.textContent(".hub-brand")).toContain(PRODUCT);
    expect(fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8").split("\n")[0]).toContain(PRODUCT);
    const text = await page.innerText("body");
    expect(text).not.toMatch(/科创汇|科创枢纽/);
  }, 60_000);

  it("4: an expired token goes back to sign-in, and errors are shown in Chinese", async () => {
    const w = await openPage(browser);
    opened.push(w);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ role: "ANALYST", ver: 0 })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("1")
      .setIssuer("kechuang-hub")
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode(JWT_SECRET));
    await w.context.addInitScript((t) => {
      localStorage.setItem("kechuang-hub.token", t);
      localStorage.setItem("kechuang-hub.user", JSON.stringify({ id: "1", role: "ANALYST", email: "analyst1@demo.kechuang.local" }));
    }, expired);
    const page = w.page;
    await page.goto(`${hub.base}/dashboard`);
    await page.waitForSelector("body[data-state='signed-out']", { timeout: 30_000 });
    expect(await page.locator(".hub-signin-user").count()).toBe(0);
    expect(await page.isVisible('.hub-signin input[name="password"]')).toBe(true);
    expect(await page.isVisible("#content")).toBe(false);
    expect(await page.textContent(".hub-signin-error")).toContain("登录已过期");
    // A wrong password: the message is Chinese, not the server's English.
    await page.fill('.hub-signin input[name="email"]', ANALYST.email);
    await page.fill('.hub-signin input[name="password"]', "wrong-password-2025");
    await page.click('.hub-signin button[type="submit"]');
    await page.waitForSelector(".hub-signin-error:not(:empty)");
    const message = (await page.textContent(".hub-signin-error"))!;
    expect(message).toContain("邮箱或密码错误");
    expect(message).not.toMatch(/[A-Za-z]{3,}/);
  }, 60_000);

  it("5: charts are readable: labels inside the canvas, legends apart, the target on its axis, enough contrast", async () => {
    for (const width of [1366, 1440]) {
      const page = await signedIn(width, 800);
      const report = await page.evaluate(() => {
        const dash = (globalThis as unknown as Dash).hubDashboard;
        const out: Record<string, { outside: string[]; overlaps: string[] }> = {};
        for (const [id, chart] of Object.entries(dash.charts)) {
          const width = chart.getWidth();
          const height = chart.getHeight();
          const texts = chart
            .getZr()
            .storage.getDisplayList(true)
            .filter((el) => el.type === "text" && !el.ignore && !el.invisible && el.style?.text && (el.style.opacity ?? 1) > 0)
            .map((el) => {
              const r = el.getBoundingRect().clone();
              if (el.transform) r.applyTransform(el.transform);
              return { text: String(el.style!.text), x: r.x, y: r.y, w: r.width, h: r.height };
            });
          const outside = texts.filter((t) => t.x < -1 || t.y < -1 || t.x + t.w > width + 1 || t.y + t.h > height + 1).map((t) => t.text);
          const overlaps: string[] = [];
          for (let i = 0; i < texts.length; i++)
            for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i]!;
              const b = texts[j]!;
              if (a.x + 1 < b.x + b.w && b.x + 1 < a.x + a.w && a.y + 1 < b.y + b.h && b.y + 1 < a.y + a.h) overlaps.push(`${a.text} × ${b.text}`);
            }
          out[id] = { outside, overlaps };
        }
        return out;
      });
      for (const [id, r] of Object.entries(report)) {
        expect({ width, id, outside: r.outside }).toEqual({ width, id, outside: [] });
        expect({ width, id, overlaps: r.overlaps }).toEqual({ width, id, overlaps: [] });
      }
      // The target line (100 % of each indicator's target) lies within the value axis.
      const target = await page.evaluate(() => {
        const chart = (globalThis as unknown as Dash).hubDashboard.charts["chart-trend"]!;
        const marks = chart.getOption().series.flatMap((s) => (s.markLine ? s.markLine.data.map((d) => d.yAxis) : []));
        return { marks, extent: chart.getModel().getComponent("yAxis", 0).axis.scale.getExtent() };
      });
      expect(target.marks.length).toBeGreaterThan(0);
      for (const y of target.marks) {
        expect(y).toBeGreaterThanOrEqual(target.extent[0]);
        expect(y).toBeLessThanOrEqual(target.extent[1]);
      }
    }
  }, 180_000);

  it("5: text at 4.5:1 and chart marks at 3:1, computed from the colours drawn", async () => {
    const page = await signedIn(1440, 900);
    const colours = await page.evaluate(() => {
      const css = (sel: string) => {
        const el = document.querySelector(sel)!;
        const s = getComputedStyle(el);
        return { color: s.color, background: s.backgroundColor };
      };
      const dash = (globalThis as unknown as Dash).hubDashboard;
      const card = getComputedStyle(document.querySelector(".card")!).backgroundColor;
      const marks: string[] = [];
      for (const id of ["chart-chain", "chart-region", "chart-trend", "chart-funnel"]) {
        const option = dash.charts[id]!.getOption();
        for (const s of option.series) if (s.itemStyle?.color) marks.push(s.itemStyle.color);
        if (id === "chart-trend") marks.push(...(option.color ?? []).slice(0, option.series.length));
        if (id === "chart-funnel") for (const d of option.series[0]!.data as Array<{ itemStyle?: { color?: string } }>) if (d.itemStyle?.color) marks.push(d.itemStyle.color);
      }
      return { button: css("#export-needs"), signOut: css('[data-testid="sign-out"]'), muted: css(".kpi-note"), card, marks };
    });
    expect(contrast(colours.button.color, colours.button.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.signOut.color, colours.signOut.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.muted.color, colours.card)).toBeGreaterThanOrEqual(4.5);
    expect(colours.marks.length).toBeGreaterThanOrEqual(6);
    for (const mark of colours.marks) expect({ mark, ratio: contrast(mark, colours.card) >= 3 }).toEqual({ mark, ratio: true });
  }, 90_000);

  it("5: the 需求总数 card follows the time window, the window is kept in the URL, no 采纳 beside the deals", async () => {
    const page = await signedIn();
    expect(await page.innerText("#kpis")).not.toContain("采纳");
    await page.selectOption("#window", "12m");
    await until(async () => new URL(page.url()).searchParams.get("window") === "12m", 10_000, "window in the URL");
    await page.waitForSelector("body[data-state='ready']");
    const from = new Date(Date.now() - 365 * 86400e3).toISOString();
    const api = await hub.analyst.data<{ programmeStats: { funnel: Array<{ needs: number }> } }>(`query($from: DateTime) { programmeStats(from: $from) { funnel { needs } } }`, { from });
    await until(async () => (await page.innerText("[data-kpi='needs'] .kpi-value")).startsWith(String(api.programmeStats.funnel[0]!.needs)), 15_000, "needs card");
    await page.reload();
    await page.waitForSelector("body[data-state='ready']", { timeout: 60_000 });
    expect(await page.inputValue("#window")).toBe("12m");
  }, 90_000);

  it("5: a chain, a county and a funnel stage open the matching needs, exportable as CSV", async () => {
    const page = await signedIn();
    const target = await page.evaluate(() => {
      const chart = (globalThis as unknown as Dash).hubDashboard.charts["chart-chain"]!;
      const data = chart.getOption().series[0]!.data as number[];
      const index = data.findIndex((v) => v > 0);
      document.getElementById("chart-chain")!.scrollIntoView({ block: "center" });
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [data[index]! / 2, index]);
      const box = document.getElementById("chart-chain")!.getBoundingClientRect();
      return { x: box.left + x!, y: box.top + y!, index };
    });
    await page.mouse.click(target.x, target.y);
    await page.waitForSelector("#drill:not([hidden]) #drill-table tbody tr", { timeout: 15_000 });
    const chain = (await page.textContent("#drill-title"))!;
    const chainName = /产业链：([^：]+)：/.exec(chain)![1]!;
    const cells = await page.locator("#drill-table tbody tr td:nth-child(2)").allInnerTexts();
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells)).toEqual(new Set([chainName]));
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#drill-export")]);
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString("utf8")).toContain(chainName);

    // A county on the tile map.
    const county = page.locator(".county:not([data-needs='0'])").first();
    const countyName = (await county.getAttribute("title"))!.split("：")[0]!;
    await county.click();
    await until(async () => (await page.textContent("#drill-title"))!.startsWith(`县区：${countyName}：`), 15_000, "county list");
    expect(new Set(await page.locator("#drill-table tbody tr td:nth-child(3)").allInnerTexts())).toEqual(new Set([countyName]));

    // The funnel's first stage: every need.
    const stage = await page.evaluate(() => {
      const chart = (globalThis as unknown as Dash).hubDashboard.charts["chart-funnel"] as unknown as {
        getModel(): { getSeriesByIndex(i: number): { getData(): { getItemGraphicEl(i: number): { getBoundingRect(): { x: number; y: number; width: number; height: number } } } } };
      };
      const r = chart.getModel().getSeriesByIndex(0).getData().getItemGraphicEl(0).getBoundingRect();
      document.getElementById("chart-funnel")!.scrollIntoView({ block: "center" });
      const box = document.getElementById("chart-funnel")!.getBoundingClientRect();
      return { x: box.left + r.x + r.width / 2, y: box.top + r.y + r.height / 2 };
    });
    await page.mouse.click(stage.x, stage.y);
    await until(async () => (await page.textContent("#drill-title"))!.startsWith("漏斗："), 15_000, "funnel list");
  }, 120_000);

  it("11: the county tile map shows Nanyang's 13 counties and 4 zones with their needs and deals", async () => {
    const page = await signedIn();
    const regions = (JSON.parse(fs.readFileSync(path.join(__dirname, "../../prisma/reference/regions.json"), "utf8")) as { regions: Array<{ code: string; name: string }> }).regions;
    const tiles = await page.$$eval(".county", (els) => els.map((e) => ({ code: (e as HTMLElement).dataset.region!, needs: Number((e as HTMLElement).dataset.needs), deals: Number((e as HTMLElement).dataset.deals) })));
    expect(tiles.map((t) => t.code).sort()).toEqual(regions.map((r) => r.code).sort());
    const api = await hub.analyst.data<{ programmeStats: { byRegion: Array<{ key: string; needs: number; deals: number }> } }>(`{ programmeStats { byRegion { key needs deals } } }`);
    for (const t of tiles) {
      const row = api.programmeStats.byRegion.find((r) => r.key === t.code) ?? { needs: 0, deals: 0 };
      expect({ code: t.code, needs: t.needs, deals: t.deals }).toEqual({ code: t.code, needs: row.needs, deals: row.deals });
    }
    expect(tiles.some((t) => t.needs > 0)).toBe(true);
  }, 60_000);

  it("6: usable at 390 px: no horizontal overflow signed out or in, the sign-in form on screen", async () => {
    const page = await dashboard(390, 844);
    await page.waitForSelector("body[data-state='signed-out']");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    for (const sel of ['.hub-signin input[name="password"]', '.hub-signin button[type="submit"]']) {
      const box = (await page.locator(sel).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const brand = (await page.locator(".hub-brand").boundingBox())!;
    expect(brand.height).toBeLessThan(40); // one line, not a character per line
    await signIn(page, ANALYST);
    await page.waitForSelector("body[data-state='ready']", { timeout: 60_000 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
  }, 90_000);

  it("9, 3: 大屏 mode at 1920×1080 on an ADMIN's display token, which reads the statistics and nothing else", async () => {
    const issued = await hub.admin.data<{ issueDisplayToken: { token: string; expiresAt: string } }>(`mutation { issueDisplayToken(days: 7) { token expiresAt } }`);
    const display = hub.admin.as(issued.issueDisplayToken.token);
    expect((await display.data<{ stats: { needs: number } }>(`{ stats { needs } }`)).stats.needs).toBeGreaterThan(0);
    const refused = await display.request(`{ needs(first: 1) { totalCount } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await hub.analyst.request(`mutation { issueDisplayToken { token } }`)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const page = await dashboard(1920, 1080, `/dashboard?kiosk=1#display=${issued.issueDisplayToken.token}`);
    await page.waitForSelector("body.kiosk[data-state='ready']", { timeout: 60_000 });
    expect(await page.isVisible("#window")).toBe(false);
    expect(await page.locator(".kpi").count()).toBeGreaterThan(3);
    const size = await page.evaluate(() => ({ w: document.scrollingElement!.scrollWidth, h: document.scrollingElement!.scrollHeight }));
    expect(size.w).toBeLessThanOrEqual(1920);
    expect(size.h).toBeLessThanOrEqual(1080);
    expect(await page.evaluate(() => localStorage.getItem("kechuang-hub.token"))).toBeNull(); // never stored

    const bad = await dashboard(1920, 1080, `/dashboard?kiosk=1#display=not-a-token`);
    await bad.waitForSelector("body[data-state='error']", { timeout: 30_000 });
    expect(await bad.textContent("#error")).toContain("展示令牌无效");
  }, 90_000);

  it("2, 3: the live list groups matches by need with each need's best three, and the figures refresh on events", async () => {
    const page = await signedIn();
    await page.waitForFunction(() => (globalThis as unknown as Dash).hubDashboard.liveConnected === true, null, { timeout: 30_000 });
    const before = await page.evaluate(() => (globalThis as unknown as Dash).hubDashboard.refreshes);
    for (let i = 0; i < 5; i++) await createExpert(hub.admin, { name: `实时看板专家${i}` });
    const enterprise = await createEnterprise(hub.admin);
    const title = "实时看板测试：储能电池热失控预警";
    const need = await postNeed(hub.admin, enterprise.id, { title });
    const item = page.locator(`.live-item[data-need-id="${need.id}"]`);
    await item.waitFor({ timeout: 30_000 });
    const matches = await hub.admin.data<{ node: { matches: Array<{ rank: number }> } }>(`query($id: ID!) { node(id: $id) { ... on TechNeed { matches(first: 100) { rank } } } }`, { id: need.id });
    const total = matches.node.matches.length;
    expect(total).toBeGreaterThan(3);
    // All of them arrive; the list keeps the best three (ranks 1–3) under the need, once.
    await until(async () => (await item.innerText()).includes(`共 ${total} 个匹配`), 30_000, "every match");
    expect(await item.locator(".live-match").evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.rank)))).toEqual([1, 2, 3]);
    expect(await page.locator(`.live-item[data-need-id="${need.id}"]`).count()).toBe(1);
    // The figures follow (debounced after the burst): the needs card counts the new need.
    await until(async () => (await page.evaluate(() => (globalThis as unknown as Dash).hubDashboard.refreshes)) > before, 30_000, "refresh");
    const api = await hub.analyst.data<{ programmeStats: { funnel: Array<{ needs: number }> } }>(`{ programmeStats { funnel { needs } } }`);
    await until(async () => (await page.innerText("[data-kpi='needs'] .kpi-value")).startsWith(String(api.programmeStats.funnel[0]!.needs)), 30_000, "needs card");
  }, 120_000);

  it("3: the live feed reconnects for ever with back-off and a visible banner", async () => {
    const page = await signedIn();
    await page.waitForFunction(() => (globalThis as unknown as Dash).hubDashboard.liveConnected === true, null, { timeout: 30_000 });
    await hub.stop();
    await page.waitForSelector("#banner:not([hidden])", { timeout: 30_000 });
    expect(await page.textContent("#banner")).toContain("重连");
    // Past the five retries after which the old client gave up (1 + 2 + 4 + 8 + 16 s of back-off).
    await page.waitForFunction(() => (globalThis as unknown as Dash).hubDashboard.retries >= 6, null, { timeout: 90_000 });
    const refreshes = await page.evaluate(() => (globalThis as unknown as Dash).hubDashboard.refreshes);
    await hub.start();
    await page.waitForFunction(() => (globalThis as unknown as Dash).hubDashboard.liveConnected === true, null, { timeout: 60_000 });
    expect(await page.isVisible("#banner")).toBe(false);
    // Back: the figures are loaded again (what happened meanwhile).
    await page.waitForFunction((n) => (globalThis as unknown as Dash).hubDashboard.refreshes > n, refreshes, { timeout: 30_000 });
  }, 200_000);

  it("the bell (issue 24): a registration raises an ADMIN's unread count live, the panel lists it, marking it read lowers it; the explorer shows the same", async () => {
    const page = await dashboard();
    await page.waitForSelector("body[data-state='signed-out']");
    expect(await page.isVisible(".hub-bell")).toBe(false); // signed out: no bell
    await signIn(page, E2E_ADMIN);
    await page.waitForFunction(() => (globalThis as unknown as { hubBell: { live: boolean } }).hubBell.live === true, null, { timeout: 30_000 });
    const unread = async (p: Page = page) => Number(await p.getAttribute(".hub-bell", "data-unread"));
    const server = async () => (await hub.admin.data<{ unreadNotificationCount: number }>(`{ unreadNotificationCount }`)).unreadNotificationCount;
    await until(async () => (await unread()) === (await server()), 30_000, "the bell's count is the server's");
    const before = await unread();

    const name = `铃铛测试企业${Date.now() % 100_000}`;
    await hub.admin.as(null).data(`mutation($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { id } }`, {
      input: { name, creditCode: freshCreditCode("411321"), regionCode: "411321", industryChainCodes: ["NEW_ENERGY"], contact: { person: "赵经理" }, email: `bell${Date.now()}@registered.test`, password: "Reg1stered-Pass!" },
    });
    await until(async () => (await unread()) === before + 1, 30_000, "the count rose by one, live");
    expect(await page.textContent(".hub-bell-count")).toBe(before + 1 > 99 ? "99+" : String(before + 1));
    await page.click('[data-testid="bell"]');
    const item = page.locator(".hub-bell-item", { hasText: `新注册待审核：企业「${name}」` });
    await item.waitFor({ timeout: 10_000 });
    expect(await item.getAttribute("class")).toContain("unread");
    expect(await item.getAttribute("data-kind")).toBe("REGISTRATION_SUBMITTED");

    // The explorer's bell reads the same inbox.
    const explorer = await opened[opened.length - 1]!.context.newPage();
    await explorer.goto(`${hub.base}/explorer`);
    await until(async () => (await explorer.isVisible(".hub-bell")) && (await unread(explorer)) === before + 1, 60_000, "the explorer's bell");
    await explorer.close();

    await item.locator("button").click();
    await until(async () => (await unread()) === before, 30_000, "the count fell by one");
    expect(await item.getAttribute("class")).not.toContain("unread");
    expect(await server()).toBe(before);
    await page.click('[data-testid="bell-read-all"]');
    await until(async () => (await unread()) === 0, 30_000, "all read");
    expect(await page.isVisible(".hub-bell-count")).toBe(false);
    expect(await server()).toBe(0);
  }, 120_000);

  it("made no request that left 127.0.0.1, and raised no script error", () => {
    expect(opened.flatMap((w) => w.foreign)).toEqual([]);
    expect(opened.flatMap((w) => w.pageErrors)).toEqual([]);
  });
});
