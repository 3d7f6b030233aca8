// `npm run screenshots`: the pictures in docs/ (dashboard, explorer, workbench and its 设置 at 1366×768 and 390×844), made from a hub
// started as `npm start` starts it (NODE_ENV=production) on the demo in a temporary folder, with Debian's Chromium
// (CHROMIUM_PATH, default /usr/bin/chromium). `npm test` never writes into docs/. Pages may be named to make only
// theirs: `npm run screenshots -- workbench`.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const root = path.join(__dirname, "..");
const DOCS = path.join(root, "docs");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ANALYST = { email: "analyst1@demo.kechuang.local", password: "demo-password-2025" };
// The workbench is shown as a demo enterprise's staff see it: one of its needs with its ranked matches.
const ENTERPRISE = { email: "enterprise1@demo.kechuang.local", password: "demo-password-2025" };
const PAGES = ["dashboard", "explorer", "workbench", "settings"];
const SIZES = [
  { suffix: "", width: 1366, height: 768 },
  { suffix: "-390", width: 390, height: 844 },
];

// /review needs an ADMIN: one made at start for the pictures only (the hub's folder is thrown away after).
const REVIEWER = { email: "screenshots-admin@hub.local", password: "Screenshots-Adm1n-2026" };
const REVIEWER_ENV = { HUB_ADMIN_EMAIL: REVIEWER.email, HUB_ADMIN_PASSWORD: REVIEWER.password };

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

async function startHub() {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-screenshots-"));
  const child = spawn(process.execPath, [path.join(root, "dist", "src", "main.js")], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", HUB_DATA_DIR: dataDir, HUB_DEMO: "on", LOG_LEVEL: "warn", ...REVIEWER_ENV },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const end = Date.now() + 600_000; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
    if (child.exitCode !== null) throw new Error(`hub exited ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url, child, dataDir };
  }
  throw new Error("hub not ready in 600 s");
}

async function signIn(page, who = ANALYST) {
  await page.fill('.hub-signin input[name="email"]', who.email);
  await page.fill('.hub-signin input[name="password"]', who.password);
  await page.click('.hub-signin button[type="submit"]');
  await page.waitForSelector(".hub-signin-user", { timeout: 30_000 });
}

const SHOTS = {
  async dashboard(page, url) {
    await page.goto(`${url}/dashboard`);
    await signIn(page);
    await page.waitForSelector("body[data-state='ready']", { timeout: 60_000 });
  },
  async explorer(page, url) {
    await page.goto(`${url}/explorer`);
    await page.waitForSelector(".graphiql-container .CodeMirror", { timeout: 60_000 });
    await page.click(".graphiql-execute-button");
    await page.waitForFunction(() => (document.querySelector(".graphiql-response") || {}).innerText?.includes("programmeStats"), null, { timeout: 60_000 });
  },
  async workbench(page, url) {
    await page.goto(`${url}/workbench`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await signIn(page, ENTERPRISE);
    await page.waitForSelector("body[data-state='ready']", { timeout: 60_000 });
    // The first need that has matches, opened.
    const need = page.locator(".wb-need", { hasNotText: "匹配 0 " }).first();
    await need.locator("button").click();
    await page.waitForSelector(".wb-match", { timeout: 30_000 });
  },
  // 设置 as the same enterprise's staff see it (signed in by the workbench's picture): 我的资料 and 通知设置.
  async settings(page, url) {
    await page.goto(`${url}/workbench?view=settings`);
    if (!(await page.locator(".hub-signin-user").count())) await signIn(page, ENTERPRISE);
    await page.waitForSelector("body[data-state='ready']", { timeout: 60_000 });
  },
};

async function main() {
  const named = process.argv.slice(2);
  const wanted = named.length ? PAGES.filter((p) => named.includes(p)) : PAGES;
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt-get install -y chromium fonts-wqy-microhei)`);
  const hub = await startHub();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, locale: "zh-CN" });
      const page = await context.newPage();
      for (const name of wanted) {
        await SHOTS[name](page, hub.url);
        await page.screenshot({ path: path.join(DOCS, `${name}${size.suffix}.png`) });
      }
      await context.close();
      console.log(`${wanted.map((name) => `docs/${name}${size.suffix}.png`).join(", ")} (${size.width}×${size.height})`);
    }
    await shootJoining(browser, hub.url);
  } finally {
    await browser.close();
    hub.child.kill("SIGTERM");
    await new Promise((r) => hub.child.once("exit", r));
    fs.rmSync(hub.dataDir, { recursive: true, force: true });
  }
}

/** docs/join.png (an enterprise's application, filled in) and docs/review.png (an ADMIN's pending list), 390 px wide. */
async function shootJoining(browser, url) {
  const { makeCreditCode, makeOrganisationCode } = require(path.join(root, "dist", "src", "modules", "enterprise", "credit-code.js"));
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${url}/join`);
  await page.waitForSelector("body[data-state='ready']");
  await page.fill("#f-name", "南阳市宛城区示例新材料有限公司");
  await page.fill("#f-creditCode", makeCreditCode(`91411302${makeOrganisationCode(`MA${String(Date.now() % 1e6).padStart(6, "0")}`)}`));
  await page.selectOption("#f-regionCode", "411302");
  await page.check('input[name="industryChainCodes"][value="NEW_ENERGY"]');
  await page.fill('[id="f-contact.person"]', "王经理");
  await page.fill('[id="f-contact.phone"]', "0377-61234567");
  await page.fill("#f-email", `apply-${Date.now()}@example.cn`);
  await page.fill("#f-password", "Apply-Passw0rd-2026");
  await page.screenshot({ path: path.join(DOCS, "join.png"), fullPage: true });
  await page.click(".join-submit");
  await page.waitForSelector("body[data-state='submitted']");
  await page.goto(`${url}/review`);
  await signIn(page, REVIEWER);
  await page.waitForSelector("body[data-state='ready']");
  await page.screenshot({ path: path.join(DOCS, "review.png") });
  await context.close();
  console.log("docs/join.png, docs/review.png (390 px wide)");
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
module.exports = { shootJoining, REVIEWER_ENV };
