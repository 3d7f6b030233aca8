/// <reference lib="dom" />
// The analyst's pages in Debian's Chromium (playwright-core) against a hub started as `npm start` starts it:
// NODE_ENV=production, the built dist/, the demo loaded on a new embedded database in a temporary folder.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CreateUserDocument, type Role } from "../generated/operations";
import { GqlClient } from "../support/client";
import { testDatabase } from "../support/database";
import { E2E_ADMIN, signInAdmin, startServer, stopServer, type ServerProcess } from "../support/server-process";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM);
export const ANALYST = { email: "analyst1@demo.kechuang.local", password: "demo-password-2025" };
export const JWT_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456789";
export const PRODUCT = "科创南阳·百会链千企";

export interface PagesHub {
  server: ServerProcess;
  base: string;
  dataDir: string;
  admin: GqlClient;
  analyst: GqlClient;
  /** Stops the hub (SIGTERM) and starts it again on the same port and folder. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** `extraEnv`: more of the hub's settings (SMTP_URL for a test that reads the mail), given to the hub, not the seed. */
export async function startPagesHub(extraEnv: Record<string, string> = {}): Promise<PagesHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-pages-"));
  // With DATABASE_URL (and REDIS_URL), the PostgreSQL suite: a fresh database of the hub's own on that server.
  const database = process.env.DATABASE_URL ? await testDatabase() : null;
  const env: Record<string, string> = { NODE_ENV: "production", HUB_DATA_DIR: dataDir, HUB_DEMO: "on", HUB_JWT_SECRET: JWT_SECRET, LOG_LEVEL: "warn", HUB_TEST_START_MS: "180000" };
  if (database) env.DATABASE_URL = database.databaseUrl!;
  if (database && process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  // A small slice of the demo (its users included), matched, seeded as `npm run seed` seeds: the first start's
  // tenth of the demo takes minutes on a busy 2-core machine, and the pages need only something to show.
  execFileSync(process.execPath, [path.join(__dirname, "../../dist/src/scripts/seed.js"), "--scale", "0.03", "--match-limit", "60"], {
    env: { PATH: process.env.PATH, ...env, HUB_DEMO: "off", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  env.HUB_DEMO = "off";
  Object.assign(env, extraEnv);
  const hub = { dataDir } as PagesHub;
  try {
    hub.server = await startServer(env);
  } catch (err) {
    // No hub, so no close(): the folder and the database go now.
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
    throw err;
  }
  hub.base = hub.server.url;
  const port = new URL(hub.base).port;
  hub.stop = async () => void (await stopServer(hub.server));
  hub.start = async () => {
    hub.server = await startServer({ ...env, PORT: port });
  };
  hub.close = async () => {
    await stopServer(hub.server);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  hub.admin = await signInAdmin(hub.server.graphqlUrl);
  // The analyst is one of the demo's users.
  hub.analyst = await signInApi(hub, ANALYST);
  return hub;
}

/** Users for the test, each acting for an organisation or expert (`organizationId`) in a role; made by the ADMIN. */
export async function createAccounts(hub: Pick<PagesHub, "admin">, accounts: ReadonlyArray<readonly [{ email: string; password: string }, string, Role]>) {
  for (const [who, organizationId, role] of accounts) await hub.admin.data(CreateUserDocument, { input: { email: who.email, password: who.password, role, organizationId } });
}

/** A client of the hub's API signed in as `who` (what the pages do with the sign-in form). */
export async function signInApi(hub: Pick<PagesHub, "server">, who: { email: string; password: string }): Promise<GqlClient> {
  const anonymous = new GqlClient(hub.server.graphqlUrl);
  const login = await anonymous.data<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: who.email, p: who.password });
  return anonymous.as(login.login.token);
}

export { E2E_ADMIN };

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  foreign: string[];
  pageErrors: string[];
  /** Responses with a status of 400 or more (the console's red lines). */
  failed: string[];
}

/** A page in a fresh context (no token kept from another test): every request is recorded, any not on 127.0.0.1 refused. */
export async function openPage(browser: Browser, width = 1440, height = 900): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN", acceptDownloads: true });
  const watched = { context, foreign: [] as string[], pageErrors: [] as string[], failed: [] as string[] } as Watched;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).hostname !== "127.0.0.1") {
      watched.foreign.push(url);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  watched.page = await context.newPage();
  watched.page.on("pageerror", (err) => watched.pageErrors.push(err.message));
  watched.page.on("response", (res) => {
    if (res.status() >= 400) watched.failed.push(`${res.status()} ${res.url()}`);
  });
  return watched;
}

export interface PagesSuite {
  hub: PagesHub;
  browser: Browser;
  /** A fresh page (openPage) at `url` on the hub; closed after the suite. */
  open(url: string, width?: number, height?: number): Promise<Watched>;
}

/** For a describe block: the hub and Chromium started before its tests, closed (every page opened too) after them. */
export function pagesSuite(): PagesSuite {
  const opened: Watched[] = [];
  const suite = {} as PagesSuite;
  beforeAll(async () => {
    suite.hub = await startPagesHub();
    suite.browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => {});
    await suite.browser?.close();
    await suite.hub?.close();
  });
  suite.open = async (url, width = 1440, height = 900) => {
    const w = await openPage(suite.browser, width, height);
    opened.push(w);
    await w.page.goto(`${suite.hub.base}${url}`);
    return w;
  };
  return suite;
}

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.fill('.hub-signin input[name="email"]', who.email);
  await page.fill('.hub-signin input[name="password"]', who.password);
  await page.click('.hub-signin button[type="submit"]');
  await page.waitForSelector(".hub-signin-user, .hub-signin-error:not(:empty)", { timeout: 30_000 });
  expect(await page.locator(".hub-signin-error").count() ? await page.textContent(".hub-signin-error") : "").toBe("");
}

/** On a page showing the sign-in form (body[data-state='signed-out']): signs `who` in and waits for the page to be ready. */
export async function signInUntilReady(page: Page, who: { email: string; password: string }, timeout = 60_000) {
  await page.waitForSelector("body[data-state='signed-out']");
  await signIn(page, who);
  await page.waitForSelector("body[data-state='ready']", { timeout });
}

export async function until(check: () => Promise<boolean>, timeout = 30_000, what = "condition") {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} not met in ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** WCAG 2.1 contrast ratio of two CSS colours ("rgb(…)", "rgba(…)" or "#rrggbb"). */
export function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = rgb(c).map((v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function rgb(c: string): number[] {
  const hex = /^#([0-9a-f]{6})$/i.exec(c.trim());
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16));
  const m = /rgba?\(([^)]+)\)/.exec(c);
  if (!m) throw new Error(`not a colour: ${c}`);
  return m[1]!.split(",").slice(0, 3).map((v) => Number(v.trim()));
}

/** The horizontal overflow of the page: the document's scroll width against the viewport's. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth);
}
