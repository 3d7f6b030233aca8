import { createClient } from "graphql-ws";
import "./bell.css";
import { gql, messageFor, token, wsUrl } from "./auth.js";
import WEB_OPERATIONS from "../../../../schema/operations/web.graphql";
import { esc } from "./html.js";

// The bell shared by the pages (explorer, dashboard, workbench): the viewer's unread count, the latest notifications in a panel,
// marking them read, and new ones as they are written (notificationAdded over graphql-ws, per user on the server).
const SHOWN = 20;
// Reconnection back-off: 1 s doubling to at most 30 s, for ever (a restarted hub is picked up again).
const RETRY_MAX_MS = 30_000;

// Drawn, not an emoji: a machine without an emoji font (many office PCs, Debian's Chromium) shows 🔔 as an empty box.
const BELL_ICON =
  '<svg class="hub-bell-icon" aria-hidden="true" width="14" height="14" viewBox="0 0 24 24" fill="currentColor"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg>';
const when = (iso) => new Date(iso).toLocaleString("zh-CN", { hour12: false, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

/**
 * Mounts the bell into `el` (hidden while signed out); call `refresh()` after every sign-in and sign-out, `load()`
 * after the page marked a notification read itself. A page that can show a notification's subject passes `onOpen(id)`
 * (clicking an item then opens it instead of only marking it read); `onAdded(notification)` hears of each new one.
 */
export function mountBell(el, { onOpen = null, onAdded = null } = {}) {
  const state = { count: 0, items: [], live: false, ws: null, unsubscribe: null, generation: 0 };
  window.hubBell = state;
  el.className = onOpen ? "hub-bell hub-bell-opens" : "hub-bell";
  el.hidden = true;
  el.innerHTML = `
    <button type="button" class="hub-bell-button" aria-haspopup="true" aria-expanded="false" data-testid="bell">
      ${BELL_ICON} 通知<span class="hub-bell-count" hidden></span>
    </button>
    <div class="hub-bell-panel" role="region" aria-label="通知列表" hidden>
      <div class="hub-bell-head"><strong>通知</strong><button type="button" class="hub-bell-all" data-testid="bell-read-all">全部标为已读</button></div>
      <p class="hub-bell-error" role="alert"></p>
      <ol class="hub-bell-list"></ol>
    </div>`;
  const button = el.querySelector(".hub-bell-button");
  const badge = el.querySelector(".hub-bell-count");
  const panel = el.querySelector(".hub-bell-panel");
  const list = el.querySelector(".hub-bell-list");
  const error = el.querySelector(".hub-bell-error");

  function render() {
    badge.hidden = state.count === 0;
    badge.textContent = state.count > 99 ? "99+" : String(state.count);
    el.dataset.unread = String(state.count);
    button.setAttribute("aria-label", state.count ? `通知，${state.count} 条未读` : "通知，没有未读");
    list.innerHTML = state.items.length
      ? state.items
          .map(
            (n) => `<li class="hub-bell-item${n.readAt ? "" : " unread"}" data-id="${esc(n.id)}" data-kind="${esc(n.kind)}">
              <button type="button" title="${onOpen ? "查看" : "标为已读"}"><span class="hub-bell-title">${esc(n.title)}</span>
              <span class="hub-bell-body">${esc(n.body)}</span><span class="hub-bell-time">${esc(when(n.createdAt))}</span></button></li>`,
          )
          .join("")
      : `<li class="hub-bell-empty">暂无通知</li>`;
  }

  function toggle(open = panel.hidden) {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  }
  button.onclick = () => toggle();
  document.addEventListener("click", (event) => !panel.hidden && !el.contains(event.target) && toggle(false));
  document.addEventListener("keydown", (event) => event.key === "Escape" && !panel.hidden && toggle(false));

  async function load() {
    const generation = state.generation;
    try {
      const data = await gql(WEB_OPERATIONS, {}, "WebNotifications");
      if (generation !== state.generation) return; // signed out or in as someone else meanwhile
      const loaded = data.notifications.edges.map((e) => e.node);
      // Pushed while the list was being read and written after it: kept, and counted.
      const newest = loaded[0] ? loaded[0].createdAt : "";
      const seen = new Set(loaded.map((n) => n.id));
      const later = state.items.filter((n) => !seen.has(n.id) && n.createdAt > newest);
      state.items = [...later, ...loaded].slice(0, SHOWN);
      state.count = data.unreadNotificationCount + later.filter((n) => !n.readAt).length;
      error.textContent = "";
      render();
    } catch (err) {
      error.textContent = `通知加载失败：${messageFor(err)}`;
    }
  }

  function added(n) {
    if (state.items.some((x) => x.id === n.id)) return;
    state.items = [n, ...state.items].slice(0, SHOWN);
    if (!n.readAt) state.count++;
    render();
    if (onAdded) onAdded(n);
  }

  async function markRead(variables) {
    try {
      await gql(WEB_OPERATIONS, variables, "WebMarkNotificationsRead");
    } catch (err) {
      error.textContent = `操作失败：${messageFor(err)}`;
    }
    await load(); // the server's count and list, whatever happened in another tab meanwhile
  }
  el.querySelector(".hub-bell-all").onclick = () => markRead({ all: true });
  list.onclick = (event) => {
    const any = event.target.closest(".hub-bell-item[data-id]");
    // The page opens it, and marks it read as it does for a mail's link.
    if (any && onOpen) return void (toggle(false), onOpen(any.dataset.id));
    const item = event.target.closest(".hub-bell-item.unread");
    if (item) markRead({ ids: [item.dataset.id] });
  };

  function listen() {
    let dropped = false;
    state.ws = createClient({
      url: wsUrl(),
      connectionParams: () => ({ authorization: `Bearer ${token()}` }),
      retryAttempts: Infinity,
      // 4403: the token was refused; the page's own requests find that out and show the sign-in form.
      shouldRetry: (event) => !(event && event.code === 4403),
      retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(RETRY_MAX_MS, 1000 * 2 ** retries) * (0.75 + Math.random() * 0.5))),
      on: {
        connected: () => {
          state.live = true;
          // What came while the socket was down is read again.
          if (dropped) load();
          dropped = false;
        },
        closed: () => {
          if (state.live) dropped = true;
          state.live = false;
        },
      },
    });
    state.unsubscribe = state.ws.subscribe(
      { query: WEB_OPERATIONS, operationName: "WebNotificationAdded" },
      { next: (msg) => msg.data && added(msg.data.notificationAdded), error: () => {}, complete: () => {} },
    );
  }

  function stop() {
    state.generation++;
    if (state.unsubscribe) state.unsubscribe();
    if (state.ws) state.ws.dispose();
    state.ws = state.unsubscribe = null;
    state.live = false;
    state.items = [];
    state.count = 0;
    toggle(false);
  }

  function refresh() {
    stop();
    el.hidden = !token();
    if (el.hidden) return;
    render();
    listen();
    load();
  }

  return { refresh, stop, load };
}
