// 工作台 (/workbench): the page for the two sides of a match. An enterprise's staff see their needs, each need's
// matches with why, invite and withdraw, and post needs; a supplier's side (expert, society, platform) answers
// invitations and sees its matches. The API says who the viewer is and decides what comes back: the page hides
// nothing the server sent and relies on nothing it did not. `?notification=<id>` (a mail's link) opens its subject.
import "./dashboard.css";
import "./workbench.css";
import { currentUser, gql, messageFor, roleName, token } from "./auth.js";
import { frameHtml, mountSession } from "./session.js";
import { mountEnterprise } from "./workbench-enterprise.js";
import { mountSettings } from "./workbench-settings.js";
import { mountSupplier } from "./workbench-supplier.js";
import { mountService } from "./workbench-service.js";
import { esc } from "./workbench-words.js";
import OPS from "../../../../schema/operations/workbench.graphql";

const $ = (id) => document.getElementById(id);
// New notifications refresh the lists this long after the last one (a burst is one refresh).
const REFRESH_AFTER_MS = 1_500;
const state = { me: null, side: null, enterprise: null, supplier: null, service: null, notification: null };
window.hubWorkbench = state;

let bell = null;

function layout() {
  $("root").innerHTML = frameHtml({
    title: "工作台",
    nav: `<a href="/dashboard" id="to-dashboard" hidden>数据看板</a><a href="/explorer">查询浏览器</a><a href="/workbench?view=settings" id="to-settings" data-testid="settings-link" hidden>设置</a>`,
    main: `<section id="notice" class="hub-notice" hidden></section><section id="side"></section>`,
  });
  ({ bell } = mountSession(document.querySelector(".hub-bar"), start, { onOpen: openFromBell, onAdded: refreshSoon }));
}

/** A bell item opens as a mail's link does: the URL says which, so a reload shows it again. */
function openFromBell(id) {
  const url = new URL(location.href);
  url.searchParams.set("notification", id);
  // From 设置 (no lists mounted) the notification opens in the lists, read again with it.
  url.searchParams.delete("view");
  history.replaceState(null, "", url);
  if (!state.enterprise && !state.supplier) return void start();
  openNotification();
}

/**
 * Whether the user is at a form field or changed it from what the page wrote: a checkbox's value is always set (an
 * expert's id), so what counts is whether it is ticked otherwise than drawn.
 */
function edited(f) {
  if (f === document.activeElement) return true;
  if (f.type === "checkbox" || f.type === "radio") return f.checked !== f.defaultChecked;
  // A select drawn without a `selected` option shows its first.
  if (f.tagName === "SELECT") return f.selectedIndex !== Math.max(0, [...f.options].findIndex((o) => o.defaultSelected));
  return f.value.trim() !== f.defaultValue.trim();
}

/**
 * A new notification (an invitation answered, a new invitation, a response) means the lists changed: they are read
 * again once a burst is over, unless the user is writing something in them (a message, a reason), which a new
 * rendering would lose.
 */
function refreshSoon() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => {
    if ([...$("side").querySelectorAll("input, textarea, select")].some(edited)) return;
    if (state.enterprise) state.enterprise.refresh();
    if (state.supplier) state.supplier.load();
    if (state.service) state.service.load();
  }, REFRESH_AFTER_MS);
}

const showError = (text) => ($("error").textContent = text);
function banner(text) {
  $("banner").hidden = !text;
  $("banner").textContent = text || "";
}

function notice(html) {
  $("notice").hidden = !html;
  $("notice").innerHTML = html || "";
  $("side").innerHTML = "";
}

/** Which side of a match the viewer is on, from what the API says of them (their organisation or expert profile). */
function sideOf(me) {
  if (me.role === "ADMIN" || me.role === "ANALYST") return "staff";
  const org = me.organization && me.organization.__typename;
  if (org === "Enterprise") return "enterprise";
  if (me.expert || org === "Society" || org === "InnovationPlatform") return "supplier";
  return "none";
}

async function start() {
  showError("");
  banner("");
  state.me = state.side = state.enterprise = state.supplier = state.service = null;
  $("to-dashboard").hidden = $("to-settings").hidden = true;
  if (!token() || !currentUser()) {
    document.body.dataset.state = "signed-out";
    notice(`请先登录。工作台供企业发布技术需求、查看匹配并邀请专家和平台，供学会、专家和平台处理邀请与匹配。`);
    return;
  }
  document.body.dataset.state = "loading";
  let data;
  try {
    data = await gql(OPS, {}, "WorkbenchMe");
  } catch (err) {
    if (err.code === "UNAUTHENTICATED") return; // whenExpired shows the sign-in form
    document.body.dataset.state = "error";
    return showError(`加载失败：${messageFor(err)}`);
  }
  if (!data.me) return void (document.body.dataset.state = "signed-out");
  state.me = data.me;
  state.side = sideOf(data.me);
  document.body.dataset.side = state.side;
  $("to-dashboard").hidden = state.side !== "staff";
  $("to-settings").hidden = false;
  // 设置 (its own URL, so a reload shows it again): for every signed-in user, staff too (their mail choices).
  if (new URLSearchParams(location.search).get("view") === "settings") {
    notice("");
    await mountSettings($("side"), showError).load();
    return void (document.body.dataset.state = "ready");
  }
  if (state.side === "staff") {
    notice(`工作台面向企业和供给方（学会、专家、平台）；当前身份为${esc(roleName(data.me.role))}，请使用 <a href="/dashboard${esc(location.search)}" data-testid="dashboard-link">数据看板</a>。`);
    document.body.dataset.state = "ready";
    return;
  }
  if (state.side === "none") {
    notice(`当前账号尚未关联企业、学会、平台或专家，请联系管理员。`);
    document.body.dataset.state = "ready";
    return;
  }
  notice("");
  if (state.side === "enterprise") {
    state.enterprise = mountEnterprise($("side"), data.me, data.industryChains, showError);
    await state.enterprise.loadNeeds();
  } else {
    state.supplier = mountSupplier($("side"), data.me, showError);
    await state.supplier.load();
  }
  // 科技志愿服务: a society's records, an enterprise's to confirm (none for an expert or a platform).
  state.service = mountService($("side"), data.me, showError);
  if (state.service) await state.service.load();
  await openNotification();
  document.body.dataset.state = "ready";
}

/**
 * A mail's link (`?notification=<id>`): the notification is read, marked read, and its subject opened: the need
 * (for a match, an invitation, a response or a docking, the need it concerns) on the enterprise's side, the
 * invitation or the match on the supplier's. The API answers null for a subject the reader may not see.
 */
async function openNotification() {
  const id = new URLSearchParams(location.search).get("notification");
  if (!id) return;
  let n = null;
  try {
    n = (await gql(OPS, { id }, "WorkbenchNotification")).node;
    if (n && n.id) gql(OPS, { ids: [n.id] }, "WorkbenchReadNotification").then(() => bell.load(), () => {});
  } catch (err) {
    return banner(`通知打开失败：${messageFor(err)}`);
  }
  if (!n || !n.id) return banner("未找到该通知：它可能属于另一个账号。");
  const opened = await openSubject(n.subject);
  state.notification = { id: n.id, kind: n.kind, opened };
  document.body.dataset.notification = opened ? "opened" : "shown";
  banner(opened ? `通知：${n.title}` : `通知：${n.title}（相关内容暂不可查看）`);
}

async function openSubject(subject) {
  if (!subject) return false;
  const needId = subject.__typename === "TechNeed" ? subject.id : (subject.matchNeed || subject.invitationNeed || subject.responseNeed || subject.dockingNeed || {}).id;
  const matchId = subject.__typename === "Match" ? subject.id : subject.invitationMatch ? subject.invitationMatch.id : null;
  if (state.enterprise) return needId ? state.enterprise.openNeed(needId, matchId) : false;
  if (subject.__typename === "Invitation") return state.supplier.focus(`.wb-invitation-item[data-invitation-id="${CSS.escape(subject.id)}"]`);
  if (subject.__typename === "Match") return state.supplier.focus(`.wb-my-match[data-match-id="${CSS.escape(subject.id)}"]`);
  // A need, a response or a docking: the invitation that concerns the need, else the match.
  if (!needId) return false;
  return state.supplier.focus(`.wb-invitation-item[data-need-id="${CSS.escape(needId)}"]`) || state.supplier.focus(`.wb-my-match[data-need-id="${CSS.escape(needId)}"]`);
}

// graphql-ws rejects a pending connection with the socket's CloseEvent when it is disposed at sign-out.
window.addEventListener("unhandledrejection", (event) => {
  if (typeof CloseEvent !== "undefined" && event.reason instanceof CloseEvent) event.preventDefault();
});
layout();
start();
