// 注册审核: an ADMIN reviews the applications to join (registrations, reviewRegistration). Other roles are told the
// page is for ADMINs and ask for nothing (the API refuses them too).
import "./dashboard.css";
import "./join.css";
import { currentUser, expireSession, gql, messageFor, mountSignIn, roleName, token, whenExpired } from "./auth.js";
import { esc, FIELD_LABELS, KINDS, LEVELS, STATUSES, when } from "./join-labels.js";
import JOIN_OPERATIONS from "../../../../schema/operations/join.graphql";

const PRODUCT = "科创南阳·百会链千企";
const $ = (sel, el = document) => el.querySelector(sel);
const FILTERS = [
  { key: "PENDING", label: "待审核", status: ["PENDING"] },
  { key: "APPROVED", label: "已通过", status: ["APPROVED"] },
  { key: "REJECTED", label: "未通过", status: ["REJECTED"] },
  { key: "ALL", label: "全部", status: null },
];
const state = { filter: "PENDING", rows: [], endCursor: null, hasNextPage: false, total: 0, names: null, loads: 0 };
window.hubReview = state;

let signin = null;

function layout() {
  $("#root").innerHTML = `
    <header class="hub-bar">
      <span class="hub-brand">${PRODUCT} · 注册审核</span>
      <nav>
        <label id="controls" class="hub-controls" hidden>状态 <select id="filter">${FILTERS.map((f) => `<option value="${f.key}">${f.label}</option>`).join("")}</select></label>
        <a href="/dashboard">数据看板</a>
      </nav>
      <div class="hub-bar-signin"></div>
    </header>
    <main class="join-main">
      <p id="error" class="hub-error" role="alert"></p>
      <p id="status" class="join-status" role="status"></p>
      <section id="notice" class="hub-notice" hidden></section>
      <section id="list-card" hidden>
        <p class="hub-muted" id="count"></p>
        <ul id="list" class="review-list"></ul>
        <button type="button" id="more" class="hub-btn-plain" hidden>加载更多</button>
      </section>
    </main>`;
  $("#filter").onchange = (e) => {
    state.filter = e.target.value;
    void load();
  };
  $("#more").onclick = () => void load(true);
}

function show(user) {
  const admin = user && user.role === "ADMIN";
  $("#controls").hidden = !admin;
  $("#list-card").hidden = !admin;
  $("#notice").hidden = !!admin;
  $("#error").textContent = "";
  $("#status").textContent = "";
  if (!user) notice("请以管理员身份登录后审核加入申请。", "signed-out");
  else if (!admin) notice(`注册审核仅供管理员使用（当前身份：${roleName(user.role)}）。`, "forbidden");
  else void load();
}

function notice(text, pageState) {
  $("#controls").hidden = true;
  $("#list-card").hidden = true;
  $("#notice").hidden = false;
  $("#notice").textContent = text;
  document.body.dataset.state = pageState;
}

/** The list under the chosen filter, newest first; `more` appends the next page. */
async function load(more = false) {
  const filter = FILTERS.find((f) => f.key === state.filter);
  try {
    const [data] = await Promise.all([gql(JOIN_OPERATIONS, { status: filter.status, after: more ? state.endCursor : null }, "ReviewRegistrations"), referenceNames()]);
    const page = data.registrations;
    state.rows = more ? [...state.rows, ...page.edges.map((e) => e.node)] : page.edges.map((e) => e.node);
    Object.assign(state, { endCursor: page.pageInfo.endCursor, hasNextPage: page.pageInfo.hasNextPage, total: page.totalCount });
    render();
    state.loads++;
    document.body.dataset.state = "ready";
  } catch (err) {
    // A role changed since sign-in: the API's word is the last.
    if (err.code === "FORBIDDEN") return notice("注册审核仅供管理员使用。", "forbidden");
    $("#error").textContent = `加载失败：${messageFor(err)}`;
  }
}

// Names for the codes and ids an application holds: regions, chains (public reference data), societies.
async function referenceNames() {
  if (state.names) return state.names;
  const ref = await gql(JOIN_OPERATIONS, {}, "JoinReference");
  // The API's largest page: a society beyond it is shown by its ID.
  const societies = await gql(JOIN_OPERATIONS, { text: null, first: 100 }, "JoinSocieties").catch(() => ({ societies: { edges: [] } }));
  state.names = {
    regionCode: new Map(ref.regions.map((r) => [r.code, r.name])),
    industryChainCodes: new Map(ref.industryChains.map((c) => [c.code, c.name])),
    societyIds: new Map(societies.societies.edges.map((e) => [e.node.id, e.node.name])),
    level: new Map(Object.entries(LEVELS)),
  };
  return state.names;
}

function render() {
  $("#count").textContent = `共 ${state.total} 条`;
  $("#more").hidden = !state.hasNextPage;
  const list = $("#list");
  list.innerHTML = state.rows.length ? state.rows.map(item).join("") : `<li class="review-empty">没有${esc(FILTERS.find((f) => f.key === state.filter).label)}的申请</li>`;
  for (const li of list.querySelectorAll("li[data-id]")) wire(li);
}

function item(r) {
  return `<li class="card review-item" data-id="${esc(r.id)}" data-status="${r.status}">
    <div class="review-head">
      <span class="review-kind">${esc(KINDS[r.kind])}</span>
      <strong class="review-name">${esc(r.name)}</strong>
      <span class="review-badge review-${r.status.toLowerCase()}">${esc(STATUSES[r.status])}</span>
    </div>
    <p class="hub-muted">提交于 ${esc(when(r.createdAt))} · 登录邮箱 ${esc(r.email)}${r.reviewedAt ? ` · 审核于 ${esc(when(r.reviewedAt))}` : ""}</p>
    <dl class="review-data">${submittedRows(r.submitted)}</dl>
    ${r.reason ? `<p class="review-reason">审核意见：${esc(r.reason)}</p>` : ""}
    ${r.status === "PENDING" ? actions() : ""}
  </li>`;
}

/** The submitted input as label / value rows; codes and ids by their names. */
function submittedRows(submitted) {
  const flat = { ...submitted };
  if (flat.contact) for (const [k, v] of Object.entries(flat.contact)) flat[`contact.${k}`] = v;
  delete flat.contact;
  delete flat.name; // the item's title
  const names = state.names ?? {};
  // In the form's order (PostgreSQL's jsonb keeps keys in its own order); fields the page does not know, last.
  const order = Object.keys(FIELD_LABELS);
  const rank = (k) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(flat)
    .sort(([a], [b]) => rank(a) - rank(b))
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length) && v !== "")
    .map(([k, v]) => {
      const named = (x) => (names[k] && names[k].get(x)) || x;
      const text = Array.isArray(v) ? v.map(named).join("、") : typeof v === "object" ? JSON.stringify(v) : String(named(v));
      return `<dt>${esc(FIELD_LABELS[k] ?? k)}</dt><dd>${esc(text)}</dd>`;
    })
    .join("");
}

function actions() {
  return `<div class="review-actions">
    <button type="button" class="hub-btn review-approve">通过</button>
    <button type="button" class="hub-btn-plain review-reject">驳回</button>
    <div class="review-reject-box" hidden>
      <textarea class="review-reason-input" rows="2" maxlength="500" placeholder="驳回原因（申请人可见）" aria-label="驳回原因"></textarea>
      <button type="button" class="hub-btn review-reject-confirm">确认驳回</button>
      <p class="join-field-error" role="alert"></p>
    </div>
  </div>`;
}

function wire(li) {
  const approve = $(".review-approve", li);
  if (!approve) return;
  const box = $(".review-reject-box", li);
  approve.onclick = () => void review(li, true, null);
  $(".review-reject", li).onclick = () => {
    box.hidden = false;
    $("textarea", box).focus();
  };
  $(".review-reject-confirm", li).onclick = () => {
    const reason = $("textarea", box).value.trim();
    if (!reason) return void ($(".join-field-error", box).textContent = "请填写驳回原因");
    void review(li, false, reason);
  };
}

async function review(li, approve, reason) {
  for (const b of li.querySelectorAll("button")) b.disabled = true;
  const name = $(".review-name", li).textContent;
  try {
    await gql(JOIN_OPERATIONS, { id: li.dataset.id, approve, reason }, "ReviewRegistration");
    await load();
    $("#status").textContent = approve ? `已通过：${name}（已创建并通知申请人）` : `已驳回：${name}`;
  } catch (err) {
    for (const b of li.querySelectorAll("button")) b.disabled = false;
    $("#error").textContent = `审核失败：${messageFor(err)}${err.detail ? `（${err.detail}）` : ""}`;
  }
}

function main() {
  layout();
  signin = mountSignIn($(".hub-bar-signin"), show);
  whenExpired(() => {
    expireSession(signin);
    show(null);
  });
  show(token() ? currentUser() : null);
}

main();
