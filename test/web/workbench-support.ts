/// <reference lib="dom" />
// Steps the workbench's page tests share: a society's response to a need from its 我的匹配, and the enterprise's
// reading of it in the need's detail.
import type { Locator, Page } from "playwright-core";

/** On a society's signed-in workbench: responds to the need with `proposal`, ticking `expertIds` (member experts). */
export async function respondAsSociety(page: Page, needId: string, proposal: string, expertIds: string[] = []): Promise<void> {
  const match = page.locator(`.wb-my-match[data-need-id="${needId}"]`).first();
  await match.locator(".wb-respond summary").click();
  await match.locator("textarea[name=proposal]").fill(proposal);
  for (const id of expertIds) await match.locator(`.wb-expert-picker input[value="${id}"]`).check();
  await match.locator(".wb-respond-form button[type=submit]").click();
  await page.waitForSelector(".wb-done");
}

/** On the enterprise's signed-in workbench: opens its need and waits for the society's response in it. */
export async function responseOf(page: Page, needId: string, societyName: string): Promise<Locator> {
  await page.locator(`.wb-need[data-need-id="${needId}"] button`).click();
  const response = page.locator(".wb-response", { hasText: societyName });
  await response.waitFor();
  return response;
}
