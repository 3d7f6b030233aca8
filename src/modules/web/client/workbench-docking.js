// 对接 (docking) on the workbench, shared by the enterprise's and the supplier's side: once an invitation is ACCEPTED
// either side arranges a docking (scheduleDocking); then it is moved (改期), cancelled with a reason (取消) or, once
// its time has come, recorded as held with its outcome and minutes (记录结果). The enterprise records the deal (登记成交)
// on the match. 近期对接 lists the SCHEDULED ones at the top of each side. The page offers an action only to whom the
// API lets act (docking.service.ts: the need's enterprise or the docked supplier itself); the API still decides.
import "./workbench-docking.css";
import { gql, messageFor } from "./auth.js";
import { day, esc, when } from "./workbench-words.js";
import OPS from "../../../../schema/operations/workbench.graphql";
import DOCKING_OPS from "../../../../schema/operations/workbench-docking.graphql";

const STATUS = { SCHEDULED: "已安排", HELD: "已举行", CANCELLED: "已取消" };
export const OUTCOMES = { DEAL_LIKELY: "有望成交", FOLLOW_UP: "继续跟进", NO_FIT: "不合适" };
// recordDeal's modes; CHALLENGE_AWARD (揭榜挂帅) is awarded by ADMIN, not recorded here (the API refuses it).
const MODES = { TECH_TRANSFER: "技术转让", LICENSING: "技术许可", COMMISSIONED_RD: "委托研发", JOINT_RD: "联合研发", CONSULTING: "技术咨询", TALENT: "人才合作", PILOT_TEST: "中试验证", OTHER: "其他" };
// The match statuses recordDeal takes (deal.service.ts DEALABLE_MATCH).
const DEALABLE = new Set(["ACCEPTED", "DOCKED", "CLOSED"]);
// In Chinese for the fields the docking and deal mutations name (extensions.field, without "input.").
const FIELD_PROBLEMS = {
  startsAt: "对接时间须晚于现在",
  place: "请填写地点或线上会议链接",
  onlineUrl: "线上会议链接须以 http:// 或 https:// 开头",
  reason: "请说明取消原因（至少两个字）",
  minutes: "请填写对接纪要",
  signedOn: "签约日期不得晚于今天，且须已签合同",
  value: "合同金额格式如 1200000.00（元，最多两位小数）",
  awardValue: "奖补金额格式如 500000.00（元，最多两位小数）",
  summary: "请填写成交说明（4 至 2000 字）",
  mode: "请选择合作方式",
};

/**
 * Whether `me` (WorkbenchMe's user) may change a docking: an enterprise's user changes every docking it is shown (the
 * API shows it only its own needs' dockings); a supplier's user only those of the expert, platform or society it acts
 * for itself: a society reads its member experts' dockings but does not change them.
 */
export function mayChange(me, d) {
  if (me.role === "ENTERPRISE") return true;
  const s = d.supplier;
  if (!s) return false;
  if (s.__typename === "Expert") return Boolean(me.expert && me.expert.id === s.id);
  return Boolean(me.organization && me.organization.__typename === s.__typename && me.organization.id === s.id);
}

const field = (name, text, control) => `<label class="wb-field" data-field="${name}"><span>${text}</span>${control}<span class="wb-field-error" role="alert"></span></label>`;
const options = (table) => Object.entries(table).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join("");

/** The dockings of one invitation, what `me` may do with each, and the form that arranges another. */
export function dockingsHtml(dockings, invitationId, me) {
  const mine = (dockings || []).filter((d) => d.invitation && d.invitation.id === invitationId);
  const items = mine.map((d) => dockingHtml(d, me)).join("");
  return `${items ? `<ul class="wb-dockings">${items}</ul>` : ""}
    <details class="wb-docking-form"><summary>安排对接</summary>
      <form class="wb-schedule" data-invitation-id="${esc(invitationId)}" novalidate>
        ${field("startsAt", "时间（北京时间）", `<input name="startsAt" type="datetime-local">`)}
        ${field("place", "地点", `<input name="place" maxlength="300" placeholder="如：企业二楼会议室">`)}
        ${field("onlineUrl", "或线上会议链接", `<input name="onlineUrl" type="url" placeholder="https://…">`)}
        <button type="submit" class="hub-btn">确定</button><span class="wb-form-error" role="alert"></span>
      </form></details>`;
}

function dockingHtml(d, me) {
  const link = d.onlineUrl ? `<a href="${esc(d.onlineUrl)}" rel="noopener noreferrer" target="_blank">线上会议</a>` : "";
  const head = `对接 ${esc(when(d.startsAt))} · ${esc(d.place || "")}${d.place && link ? " · " : ""}${link} · <span class="wb-docking-status">${esc(STATUS[d.status] || d.status)}</span>`;
  const held = d.status === "HELD" ? `<p class="wb-docking-outcome">结果：<strong data-outcome="${esc(d.outcome || "")}">${esc(OUTCOMES[d.outcome] || d.outcome || "")}</strong></p>${d.minutes ? `<p class="wb-minutes">纪要：${esc(d.minutes)}</p>` : ""}` : "";
  const cancelled = d.status === "CANCELLED" && d.cancelReason ? `<p class="wb-cancel-reason">取消原因：${esc(d.cancelReason)}</p>` : "";
  return `<li class="wb-docking" data-docking-id="${esc(d.id)}" data-status="${esc(d.status)}">${head}${held}${cancelled}${d.status === "SCHEDULED" && mayChange(me, d) ? changesHtml(d) : ""}</li>`;
}

/**
 * 改期, 取消 and, once its time has come, 记录结果, each folded. The reschedule form starts empty (a field left empty
 * keeps what the docking has) so that an untouched form never holds back the page's refresh (workbench.js).
 */
function changesHtml(d) {
  const id = esc(d.id);
  const started = new Date(d.startsAt).getTime() <= Date.now();
  return `<div class="wb-docking-actions">
    <details class="wb-docking-change" data-action="reschedule"><summary>改期</summary>
      <form class="wb-reschedule" data-docking-id="${id}" novalidate>
        ${field("startsAt", "新时间（北京时间）", `<input name="startsAt" type="datetime-local">`)}
        ${field("place", "新地点（留空不变）", `<input name="place" maxlength="300" placeholder="${esc(d.place || "")}">`)}
        ${field("onlineUrl", "新线上会议链接（留空不变）", `<input name="onlineUrl" type="url" placeholder="${esc(d.onlineUrl || "https://…")}">`)}
        <button type="submit" class="hub-btn">确定改期</button><span class="wb-form-error" role="alert"></span>
      </form></details>
    <details class="wb-docking-change" data-action="cancel"><summary>取消</summary>
      <form class="wb-cancel-docking" data-docking-id="${id}" novalidate>
        ${field("reason", "取消原因", `<textarea name="reason" rows="2" maxlength="1000" placeholder="如：双方时间冲突，待重新约定"></textarea>`)}
        <button type="submit" class="hub-btn">确认取消</button><span class="wb-form-error" role="alert"></span>
      </form></details>
    ${
      started
        ? `<details class="wb-docking-change" data-action="outcome"><summary>记录结果</summary>
      <form class="wb-outcome" data-docking-id="${id}" novalidate>
        ${field("outcome", "对接结果", `<select name="outcome">${options(OUTCOMES)}</select>`)}
        ${field("minutes", "对接纪要", `<textarea name="minutes" rows="3" maxlength="5000" placeholder="讨论了什么、约定了什么、下一步"></textarea>`)}
        <button type="submit" class="hub-btn">保存结果</button><span class="wb-form-error" role="alert"></span>
      </form></details>`
        : ""
    }</div>`;
}

/** "1200000.00" as 1,200,000.00 元, without going through a float (amounts reach 14 digits). */
export function yuan(value) {
  if (value == null) return "";
  const [int, frac] = String(value).split(".");
  return `${int.replace(/\B(?=(\d{3})+$)/g, ",")}${frac ? `.${frac}` : ""} 元`;
}

/**
 * On an enterprise's match: its deals once recorded (已成交 · 金额), else, when the match can take one and the
 * viewer is the need's enterprise, the form that records it.
 */
export function dealHtml(match, deals, me) {
  const recorded = (deals || []).filter((x) => x.match && x.match.id === match.id);
  if (recorded.length) {
    return recorded
      .map(
        (x) => `<p class="wb-deal" data-deal-id="${esc(x.id)}"><strong>已成交</strong> · ${x.value != null ? esc(yuan(x.value)) : "金额未填"} · ${esc(MODES[x.mode] || x.mode)}${
          x.contractSigned ? ` · 已签合同${x.signedOn ? ` ${esc(day(x.signedOn))}` : ""}` : " · 未签合同"
        }</p>`,
      )
      .join("");
  }
  if (me.role !== "ENTERPRISE" || !DEALABLE.has(match.status)) return "";
  return `<details class="wb-deal-form"><summary>登记成交</summary>
    <form class="wb-record-deal" data-match-id="${esc(match.id)}" novalidate>
      ${field("mode", "合作方式", `<select name="mode">${options(MODES)}</select>`)}
      ${field("contractSigned", "是否已签合同", `<select name="contractSigned"><option value="false">未签</option><option value="true">已签</option></select>`)}
      ${field("signedOn", "签约日期", `<input name="signedOn" type="date" max="${new Date().toISOString().slice(0, 10)}">`)}
      ${field("value", "合同金额（元）", `<input name="value" inputmode="decimal" placeholder="如 1200000.00">`)}
      ${field("awardValue", "奖补金额（元，可选）", `<input name="awardValue" inputmode="decimal" placeholder="如 500000.00">`)}
      ${field("summary", "成交说明", `<textarea name="summary" rows="3" maxlength="2000" placeholder="合作内容、交付物、期限"></textarea>`)}
      <button type="submit" class="hub-btn">登记</button><span class="wb-form-error" role="alert"></span>
    </form></details>`;
}

// The programme runs in China: a time or day typed is Beijing time, whatever the browser's zone.
const beijing = (value) => (value ? new Date(`${value}:00+08:00`).toISOString() : "");
const beijingDay = (value) => (value ? new Date(`${value}T00:00:00+08:00`).toISOString() : null);
// Amounts as typed, less the thousands separators people write (1,200,000); the API judges the rest.
const amount = (value) => value.replace(/[,，\s]/g, "") || null;

/** Each form of dockingsHtml and dealHtml: what it sends, and what it says of an error before sending. */
const FORMS = {
  ".wb-schedule": (form) => ({
    operation: "WorkbenchScheduleDocking",
    ops: OPS,
    missing: !form.startsAt.value && ["startsAt", "请选择对接时间"],
    variables: {
      input: { invitationId: form.dataset.invitationId, startsAt: beijing(form.startsAt.value), place: form.place.value.trim() || null, onlineUrl: form.onlineUrl.value.trim() || null },
    },
    failure: "安排失败",
  }),
  ".wb-reschedule": (form) => ({
    operation: "WorkbenchRescheduleDocking",
    missing: !form.startsAt.value && ["startsAt", "请选择新的对接时间"],
    // Left out, not null: the API keeps the place or link a field left empty does not give.
    variables: { id: form.dataset.dockingId, startsAt: beijing(form.startsAt.value), ...given("place", form.place.value), ...given("onlineUrl", form.onlineUrl.value) },
    failure: "改期失败",
  }),
  ".wb-cancel-docking": (form) => ({
    operation: "WorkbenchCancelDocking",
    missing: !form.reason.value.trim() && ["reason", "请填写取消原因"],
    variables: { id: form.dataset.dockingId, reason: form.reason.value.trim() },
    failure: "取消失败",
  }),
  ".wb-outcome": (form) => ({
    operation: "WorkbenchRecordDockingOutcome",
    missing: !form.minutes.value.trim() && ["minutes", "请填写对接纪要"],
    variables: { id: form.dataset.dockingId, outcome: form.outcome.value, minutes: form.minutes.value.trim() },
    failure: "记录失败",
  }),
  ".wb-record-deal": (form) => ({
    operation: "WorkbenchRecordDeal",
    missing: false,
    variables: {
      input: {
        matchId: form.dataset.matchId,
        mode: form.mode.value,
        contractSigned: form.contractSigned.value === "true",
        signedOn: beijingDay(form.signedOn.value),
        value: amount(form.value.value),
        awardValue: amount(form.awardValue.value),
        summary: form.summary.value.trim(),
      },
    },
    failure: "登记失败",
  }),
};

const given = (name, value) => (value.trim() ? { [name]: value.trim() } : {});

/** Handles the forms of dockingsHtml and dealHtml inside `container`; `done()` reads the page's data again. */
export function handleDockings(container, done) {
  container.addEventListener("submit", async (event) => {
    const selector = Object.keys(FORMS).find((s) => event.target.matches(s));
    if (!selector) return;
    event.preventDefault();
    const form = event.target;
    const { operation, ops = DOCKING_OPS, missing, variables, failure } = FORMS[selector](form);
    form.querySelectorAll(".wb-field-error, .wb-form-error").forEach((e) => (e.textContent = ""));
    form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
    if (missing) return showBeside(form, missing[0], missing[1]);
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      await gql(ops, variables, operation);
    } catch (err) {
      submit.disabled = false;
      const name = String(err.field || "").replace(/^input\./, "");
      if (err.code === "BAD_USER_INPUT" && form.querySelector(`[data-field="${CSS.escape(name)}"]`)) showBeside(form, name, FIELD_PROBLEMS[name] || "输入有误");
      else form.querySelector(".wb-form-error").textContent = `${failure}：${messageFor(err)}`;
      return;
    }
    await done();
  });
}

function showBeside(form, name, text) {
  const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  box.querySelector(".wb-field-error").textContent = text;
  const control = box.querySelector("input, select, textarea");
  control.setAttribute("aria-invalid", "true");
  control.focus();
}

/**
 * 近期对接 at the top of a side, in `el`: the SCHEDULED dockings `items()` gives (each { id, startsAt, place, onlineUrl,
 * needId, needTitle, other, ... }), soonest first; one whose time has passed waits for its outcome. `open(item)`
 * shows the docking where it is listed.
 */
export function upcomingSection(el, items, open) {
  el.insertAdjacentHTML(
    "afterbegin",
    `<section class="card wb-upcoming" aria-labelledby="wb-upcoming-title"><h2 id="wb-upcoming-title">近期对接</h2><ol class="wb-upcoming-list"><li class="hub-muted">加载中…</li></ol></section>`,
  );
  const list = el.querySelector(".wb-upcoming-list");
  let shown = [];
  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-docking-id]");
    const item = button && shown.find((x) => x.id === button.dataset.dockingId);
    if (item) open(item);
  });
  async function refresh() {
    try {
      const now = Date.now();
      shown = (await items()).filter((d) => d.status === "SCHEDULED").sort((a, b) => new Date(a.startsAt) - new Date(b.startsAt));
      list.innerHTML =
        shown
          .map(
            (d) => `<li class="wb-upcoming-item" data-docking-id="${esc(d.id)}"><button type="button" data-docking-id="${esc(d.id)}">
              <span class="wb-upcoming-when">${esc(when(d.startsAt))}${new Date(d.startsAt).getTime() <= now ? ` <span class="wb-overdue">待记录结果</span>` : ""}</span>
              <span class="wb-title">${esc(d.needTitle)}</span>
              <span class="wb-meta">${esc(d.other)} · ${esc(d.place || (d.onlineUrl ? "线上会议" : ""))}</span></button></li>`,
          )
          .join("") || `<li class="hub-muted wb-empty">暂无已安排的对接。</li>`;
    } catch (err) {
      list.innerHTML = `<li class="hub-error">近期对接加载失败：${esc(messageFor(err))}</li>`;
    }
  }
  return { refresh };
}

/** The enterprise's upcoming dockings: one request over its needs that can still hold one. */
export async function enterpriseUpcoming(enterpriseId) {
  const data = await gql(DOCKING_OPS, { enterpriseId }, "WorkbenchUpcomingDockings");
  return data.needs.edges.flatMap(({ node: n }) =>
    n.dockings.map((d) => ({ ...d, needId: n.id, needTitle: n.title, other: d.supplier.name, matchId: d.invitation && d.invitation.match ? d.invitation.match.id : null })),
  );
}

/** The supplier's upcoming dockings, from the invitations it already read (each accepted one carries its need's). */
export function supplierUpcoming(invitations) {
  const seen = new Map();
  for (const i of invitations) {
    if (i.status !== "ACCEPTED" || !i.need) continue;
    for (const d of i.need.dockings || []) {
      if (d.invitation && d.invitation.id === i.id) seen.set(d.id, { ...d, needId: i.need.id, needTitle: i.need.title, other: i.need.enterprise ? i.need.enterprise.name : "", invitationId: i.id });
    }
  }
  return [...seen.values()];
}
