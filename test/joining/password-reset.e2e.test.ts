/// <reference lib="dom" />
// Issue 26: a password reset end to end on a hub started as `npm start` starts it (NODE_ENV=production), with its
// mail caught by a real SMTP server in this process: the link in the mail, the page behind it (in Chromium where
// /usr/bin/chromium is), one use only, the old password gone; an unknown e-mail answers true and sends nothing; the
// requests are limited per e-mail and per client address alike for e-mails with and without an account.
// (A link's hour is checked in registration.test.ts, whose in-process hub's clock can be moved.)
import http from "node:http";
import type { Browser } from "playwright-core";
import { errorOf, type GqlResult } from "../support/client";
import { startHubProcess, type HubProcess } from "../support/hub-process";
import { freePort } from "../support/server-process";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { hasChromium, launchChromium } from "../web/pages-support";

const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const OLD_PASSWORD = "Old-Passw0rd-2026";
const NEW_PASSWORD = "N3w-Passw0rd-2026";
const PER_EMAIL = 3;
const PER_ADDRESS = 6;

let smtp: TestSmtp;
let hub: HubProcess;
let publicUrl: string;
let browser: Browser | null = null;
beforeAll(async () => {
  smtp = await startSmtp();
  // The hub's own address is its public one, so that the mailed link can be followed as it is.
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  hub = await startHubProcess({
    PORT: String(port),
    SMTP_URL: smtp.url,
    HUB_PUBLIC_URL: publicUrl,
    HUB_MAIL_POLL_SECONDS: "1",
    HUB_MAIL_RETRY_SECONDS: "1",
    HUB_PASSWORD_RESETS_PER_EMAIL_PER_HOUR: String(PER_EMAIL),
    HUB_PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: String(PER_ADDRESS),
  });
  for (const email of ["reader@reset.test", "limited@reset.test"]) {
    await hub.admin.data(CREATE_USER, { input: { email, password: OLD_PASSWORD, role: "ANALYST" } });
  }
  if (hasChromium) browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await smtp?.stop();
});

/** A GraphQL request sent from another loopback address (127.0.0.2, …): another client address to the hub. */
function from(localAddress: string, query: string, variables: Record<string, unknown>): Promise<GqlResult<Record<string, unknown>>> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = http.request(hub.url, { method: "POST", localAddress, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ...JSON.parse(Buffer.concat(chunks).toString("utf8")) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const login = (email: string, password: string) => hub.anonymous.request<{ login: { token: string } }>(LOGIN, { email, password });
const tokenOf = (text: string) => new RegExp(`${publicUrl.replace(/[.:/]/g, "\\$&")}/reset-password\\?token=([\\w-]+)`).exec(text)?.[1] ?? null;

test("an unknown e-mail answers true and is sent nothing; a known one gets a link, its page sets the new password once; the old password stops working", async () => {
  expect((await hub.anonymous.data<{ requestPasswordReset: boolean }>(REQUEST, { email: "nobody@reset.test" })).requestPasswordReset).toBe(true);
  expect((await hub.anonymous.data<{ requestPasswordReset: boolean }>(REQUEST, { email: "Reader@RESET.test" })).requestPasswordReset).toBe(true);
  // The outbox sends in order: once the second request's mail is here, the first's would have been too.
  const [mail] = await smtp.waitFor(1);
  expect(smtp.mails.map((m) => m.to)).toEqual([["reader@reset.test"]]);
  expect(mail!.subject).toBe("【科创南阳·百会链千企】重设密码");
  expect(mail!.text).toContain("1 小时内");
  const token = tokenOf(mail!.text);
  expect(token).toMatch(/^[\w-]{40,}$/);
  const link = `${publicUrl}/reset-password?token=${token}`;

  // The page behind the link: server-rendered, in Chinese, a form for the new password twice.
  const page = await fetch(link);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toMatch(/^text\/html/);
  const html = await page.text();
  expect(html).toContain('<html lang="zh-CN">');
  expect(html).toContain("重设密码");
  expect(html.match(/type="password"/g)).toHaveLength(2);

  if (browser) {
    // Its form posts the new password (through the page's script) as a user would: typed twice, submitted.
    const context = await browser.newContext({ locale: "zh-CN" });
    const tab = await context.newPage();
    await tab.goto(link);
    await tab.fill('input[name="password"]', NEW_PASSWORD);
    await tab.fill('input[name="again"]', NEW_PASSWORD + "x");
    await tab.click('button[type="submit"]');
    await tab.waitForSelector("#message.error");
    expect(await tab.textContent("#message")).toBe("两次输入的密码不一致。");
    await tab.fill('input[name="again"]', NEW_PASSWORD);
    await tab.click('button[type="submit"]');
    await tab.waitForSelector("#message.ok", { timeout: 30_000 });
    expect(await tab.textContent("#message")).toBe("密码已重设，请用新密码登录。");
    // The same link again, in the page: refused, with the API's message shown.
    await tab.goto(link);
    await tab.fill('input[name="password"]', "An0ther-Passw0rd!");
    await tab.fill('input[name="again"]', "An0ther-Passw0rd!");
    await tab.click('button[type="submit"]');
    await tab.waitForSelector("#message.error", { timeout: 30_000 });
    expect(await tab.textContent("#message")).toMatch(/invalid, used or expired/);
    await context.close();
  } else {
    // Without a browser: what the page's script sends.
    const script = await (await fetch(`${publicUrl}/reset-password.js`)).text();
    expect(script).toContain("resetPassword(token: $token, newPassword: $newPassword)");
    expect((await hub.anonymous.data<{ resetPassword: boolean }>(RESET, { token, newPassword: NEW_PASSWORD })).resetPassword).toBe(true);
  }

  expect(errorOf(await login("reader@reset.test", OLD_PASSWORD))?.code).toBe("UNAUTHENTICATED");
  expect((await login("reader@reset.test", NEW_PASSWORD)).data?.login.token).toEqual(expect.any(String));
  // The token cannot be used twice.
  expect(errorOf(await hub.anonymous.request(RESET, { token, newPassword: "Th1rd-Passw0rd!" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "token" });
  expect((await login("reader@reset.test", NEW_PASSWORD)).data?.login.token).toEqual(expect.any(String));
});

describe("requests are rate-limited per e-mail and per client address, and the limit says nothing of whether the e-mail has an account", () => {
  /** The answers to `n` requests for `email` from `address`: true, or the error's code. */
  const answers = async (address: string, emails: string[]) => {
    const out: unknown[] = [];
    for (const email of emails) {
      const result = await from(address, REQUEST, { email });
      out.push(result.data?.requestPasswordReset ?? errorOf(result)?.code);
    }
    return out;
  };
  const times = <T,>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

  test("per e-mail, across addresses: the same answers for an account and for no account", async () => {
    const before = smtp.mails.length;
    const known = await answers("127.0.0.2", times(PER_EMAIL + 1, "limited@reset.test"));
    const unknown = await answers("127.0.0.3", times(PER_EMAIL + 1, "nobody-else@reset.test"));
    expect(known).toEqual([...times(PER_EMAIL, true), "RATE_LIMITED"]);
    expect(unknown).toEqual(known);
    // Another address, the same e-mail (in another case): still limited.
    const again = await from("127.0.0.4", REQUEST, { email: "LIMITED@reset.test" });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
    expect(again.errors?.[0]?.message).toMatch(/^Too many password reset requests: try again in \d+ s$/);
    expect(again.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(3500);
    // Only the accepted requests for the account were mailed.
    await smtp.waitFor(before + PER_EMAIL);
    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual(times(PER_EMAIL, ["limited@reset.test"]));
  });

  test("per address, over many e-mails: the address is refused, others are not", async () => {
    const emails = Array.from({ length: PER_ADDRESS + 1 }, (_, i) => `spray${i}@reset.test`);
    expect(await answers("127.0.0.5", emails)).toEqual([...times(PER_ADDRESS, true), "RATE_LIMITED"]);
    expect(await answers("127.0.0.5", ["reader@reset.test"])).toEqual(["RATE_LIMITED"]);
    expect(await answers("127.0.0.6", ["spray-elsewhere@reset.test"])).toEqual([true]);
  });
});
