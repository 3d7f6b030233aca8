import { expireSession, mountSignIn, whenExpired } from "./auth.js";
import { mountBell } from "./bell.js";

/** One product name on every page (pages.ts PRODUCT). */
export const PRODUCT = "科创南阳·百会链千企";

/**
 * The frame the dashboard and the workbench share: the dark bar (brand, `nav`, bell, sign-in), the banner, and
 * `main` under the page's error line.
 */
export function frameHtml({ title, nav, main }) {
  return `
    <header class="hub-bar">
      <span class="hub-brand">${PRODUCT} · ${title}</span>
      <nav>${nav}</nav>
      <div class="hub-bell"></div>
      <div class="hub-bar-signin"></div>
    </header>
    <div id="banner" class="hub-banner" role="status" hidden></div>
    <main id="main">
      <p id="error" class="hub-error" role="alert"></p>${main}
    </main>`;
}

/**
 * The bar's bell and sign-in, as the dashboard and the workbench have them: `onChange` runs after every sign-in,
 * sign-out and expired token (the bell follows the user first, so it never shows the previous one's notifications).
 * `bellOptions`: mountBell's (onOpen, onAdded).
 */
export function mountSession(bar, onChange, bellOptions = {}) {
  const bell = mountBell(bar.querySelector(".hub-bell"), bellOptions);
  const signin = mountSignIn(bar.querySelector(".hub-bar-signin"), () => {
    bell.refresh();
    onChange();
  });
  whenExpired(() => {
    expireSession(signin);
    bell.refresh();
    onChange();
  });
  bell.refresh();
  return { bell, signin };
}
