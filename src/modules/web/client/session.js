import { expireSession, mountSignIn, whenExpired } from "./auth.js";
import { mountBell } from "./bell.js";

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
