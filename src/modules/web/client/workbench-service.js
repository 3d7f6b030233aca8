// 科技志愿服务 in the workbench. A society's staff log the service the society gave an enterprise (服务记录) and see
// each record 待确认 until the enterprise served confirms it; the enterprise's staff see 待确认的志愿服务 and confirm
// them. Only confirmed records count in the programme's indicators: the API decides who sees and confirms what.
// Also the society's member experts as a picker, for its records and for the experts a response proposes.
import "./workbench-service.css";
import { gql, messageFor } from "./auth.js";
import { esc, day } from "./workbench-words.js";
import OPS from "../../../../schema/operations/workbench-service.graphql";

export const SERVICE_KINDS = { CONSULTING: "科技咨询", GUIDANCE: "技术指导", POLICY_BRIEFING: "政策宣讲", RESEARCH_VISIT: "调研走访", WORKSTATION: "学会专家工作站" };
const serviceKind = (k) => SERVICE_KINDS[k] || k || "";
// In Chinese for the fields logService names (extensions.field, "input.<name>"); others read 输入有误.
const FIELD_PROBLEMS = {
  enterpriseId: "请选择服务的企业",
  needId: "所选需求不属于该企业",
  kind: "请选择服务类型",
  servedOn: "服务日期不能晚于今天",
  hours: "服务时长须在 0 到 24 小时之间",
  summary: "请填写服务内容（4 至 2000 字）",
  participantIds: "参与专家须是本学会的在册专家",
};
// logService's CONFLICT (on input.servedOn): the society, the enterprise, the day and the kind are logged already.
const DUPLICATE = "本学会当天已在该企业登记过同一类服务，请勿重复登记";
// The programme runs in China: "today" and a record's day are Beijing's, whatever the browser's zone.
const BEIJING_MS = 8 * 3600e3;
const beijingToday = () => new Date(Date.now() + BEIJING_MS).toISOString().slice(0, 10);

/** The society's active member experts (at most 100), for pickers. */
export async function memberExperts(societyId) {
  const data = await gql(OPS, { societyId }, "WorkbenchSocietyExperts");
  return data.node && data.node.experts ? data.node.experts.edges.map((e) => e.node) : [];
}

/** Checkboxes of `experts` named `name` inside a form; `legend` says what they are for. */
export function expertPickerHtml(experts, legend, name = "expertIds") {
  if (!experts.length) return `<p class="hub-muted wb-experts-none">本学会暂无在册专家。</p>`;
  return `<fieldset class="wb-expert-picker" data-field="${esc(name)}"><legend>${esc(legend)}</legend>
    ${experts.map((x) => `<label><input type="checkbox" name="${esc(name)}" value="${esc(x.id)}"> ${esc(x.name)}${x.title ? ` <span class="hub-muted">${esc(x.title)}</span>` : ""}</label>`).join("")}
    <span class="wb-field-error" role="alert"></span></fieldset>`;
}

/** The IDs ticked in a picker of expertPickerHtml. */
export function pickedExperts(form, name = "expertIds") {
  return [...form.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].map((c) => c.value);
}

/** Experts as a line ("拟派专家：王工（教授）、李工"), or nothing when there are none. */
export function expertsHtml(experts, label = "拟派专家") {
  if (!experts || !experts.length) return "";
  return `<p class="wb-experts">${esc(label)}：${experts.map((x) => `<span class="wb-expert" data-expert-id="${esc(x.id)}">${esc(x.name)}${x.title ? `（${esc(x.title)}）` : ""}</span>`).join("、")}</p>`;
}

/**
 * Appends the service section to `el` for `me`: the society's 服务记录 or the enterprise's 待确认的志愿服务; null for
 * an expert's or a platform's staff, who log no service.
 */
export function mountService(el, me, onError) {
  const org = me.organization;
  if (org && org.__typename === "Society") return mountSociety(el, org, onError);
  if (org && org.__typename === "Enterprise") return mountEnterprise(el, org, onError);
  return null;
}

async function records(filter) {
  const data = await gql(OPS, { filter }, "WorkbenchServiceRecords");
  return data.serviceRecords.edges.map((e) => e.node);
}

function recordHtml(r, { side, confirm = false }) {
  const status = r.confirmedAt ? "CONFIRMED" : "PENDING";
  const party = side === "society" ? r.enterprise.name : r.society.name;
  return `<li class="wb-service-record" data-record-id="${esc(r.id)}" data-status="${status}">
    <div class="wb-title">${esc(party)} <span class="wb-kind">${esc(serviceKind(r.kind))}</span>
      <span class="wb-service-status" data-status="${status}">${r.confirmedAt ? "已确认" : "待确认"}</span></div>
    <div class="wb-meta">服务日期 ${esc(day(r.servedOn))}${r.hours ? ` · ${r.hours} 小时` : ""}${r.need ? ` · 需求：${esc(r.need.title)}` : ""}${r.confirmedAt ? ` · 确认于 ${esc(day(r.confirmedAt))}` : ""}</div>
    ${expertsHtml(r.participants, "参与专家")}
    <p class="wb-service-summary">${esc(r.summary)}</p>
    ${confirm && !r.confirmedAt ? `<div class="wb-actions"><button type="button" class="hub-btn" data-action="confirm-service">确认</button><span class="wb-form-error" role="alert"></span></div>` : ""}
  </li>`;
}

function section(el, html) {
  const box = document.createElement("section");
  box.className = "card wb-service";
  box.setAttribute("aria-labelledby", "wb-service-title");
  box.innerHTML = html;
  el.appendChild(box);
  return box;
}

function mountSociety(el, society, onError) {
  const state = { records: [], experts: [], partners: [], found: [], formReady: false };
  const field = (name, text, control) => `<div class="wb-field" data-field="${name}"><label for="s-${name}">${text}</label>${control}<span class="wb-field-error" role="alert"></span></div>`;
  const box = section(
    el,
    `<h2 id="wb-service-title">服务记录 <span class="hub-muted">科技志愿服务，企业确认后计入统计</span></h2>
    <div class="wb-columns">
      <form class="wb-service-form" novalidate>
        <h3>登记服务</h3>
        ${field("enterpriseId", "服务企业", `<select id="s-enterpriseId" name="enterpriseId"></select>`)}
        <div class="wb-service-search"><label class="wb-sr" for="s-search">按名称查找企业</label><input id="s-search" name="search" placeholder="按名称查找其他企业">
          <button type="button" class="hub-btn-plain" data-action="search">查找</button><span class="hub-muted wb-search-note"></span></div>
        ${field("needId", "相关需求（可选）", `<select id="s-needId" name="needId"></select>`)}
        <div class="wb-row">
          ${field("kind", "服务类型", `<select id="s-kind" name="kind">${Object.entries(SERVICE_KINDS).map(([k, v]) => `<option value="${k}">${v}</option>`).join("")}</select>`)}
          ${field("servedOn", "服务日期", `<input id="s-servedOn" name="servedOn" type="date">`)}
          ${field("hours", "服务时长（小时）", `<input id="s-hours" name="hours" type="number" min="0" max="24" step="0.5">`)}
        </div>
        ${field("summary", "服务内容", `<textarea id="s-summary" name="summary" rows="3" maxlength="2000" placeholder="服务了什么：咨询的问题、指导的内容、宣讲的政策"></textarea>`)}
        <div class="wb-participants"><p class="hub-muted">加载中…</p></div>
        <p class="wb-form-error" role="alert"></p>
        <div class="wb-actions"><button type="submit" class="hub-btn">登记</button><span class="wb-done" role="status"></span></div>
      </form>
      <div><h3>本学会的服务记录</h3><ol class="wb-list" id="wb-service-records"><li class="hub-muted">加载中…</li></ol></div>
    </div>`,
  );
  const form = box.querySelector(".wb-service-form");
  const list = box.querySelector("#wb-service-records");
  form.servedOn.max = beijingToday();

  async function load() {
    try {
      const [mine, experts, partners] = await Promise.all([
        records({ societyId: society.id }),
        state.formReady ? state.experts : memberExperts(society.id),
        state.formReady ? null : gql(OPS, { societyId: society.id }, "WorkbenchServicePartners"),
      ]);
      state.records = mine;
      if (!state.formReady) {
        state.experts = experts;
        state.partners = partnersOf(partners);
        state.formReady = true;
        box.querySelector(".wb-participants").innerHTML = expertPickerHtml(state.experts, "参与专家（本学会在册专家）", "participantIds");
        renderEnterprises();
      }
      renderRecords();
    } catch (err) {
      onError(`服务记录加载失败：${messageFor(err)}`);
    }
  }

  /** Each enterprise once, with the needs through which the society dealt with it. */
  function partnersOf(data) {
    const needs = [...((data.node && data.node.responses && data.node.responses.edges) || []), ...data.invitations.edges].map((e) => e.node.need).filter((n) => n && n.enterprise);
    const byId = new Map();
    for (const n of needs) {
      const p = byId.get(n.enterprise.id) || byId.set(n.enterprise.id, { id: n.enterprise.id, name: n.enterprise.name, needs: [] }).get(n.enterprise.id);
      if (!p.needs.some((x) => x.id === n.id)) p.needs.push({ id: n.id, title: n.title });
    }
    return [...byId.values()];
  }

  function renderEnterprises() {
    const option = (e, note = "") => `<option value="${esc(e.id)}">${esc(e.name)}${note ? ` · ${esc(note)}` : ""}</option>`;
    const found = state.found.filter((e) => !state.partners.some((p) => p.id === e.id));
    form.enterpriseId.innerHTML = `<option value="">请选择企业</option>
      ${state.partners.length ? `<optgroup label="响应过或受邀对接的企业">${state.partners.map((p) => option(p)).join("")}</optgroup>` : ""}
      ${found.length ? `<optgroup label="查找结果">${found.map((e) => option(e, e.region && e.region.name)).join("")}</optgroup>` : ""}`;
    renderNeeds();
  }

  function renderNeeds() {
    const partner = state.partners.find((p) => p.id === form.enterpriseId.value);
    form.needId.innerHTML = `<option value="">不关联需求</option>${(partner ? partner.needs : []).map((n) => `<option value="${esc(n.id)}">${esc(n.title)}</option>`).join("")}`;
    form.needId.disabled = !partner;
  }

  function renderRecords() {
    list.innerHTML = state.records.map((r) => recordHtml(r, { side: "society" })).join("") || `<li class="hub-muted wb-empty">暂无服务记录。登记后由服务的企业确认。</li>`;
  }

  form.enterpriseId.onchange = renderNeeds;
  const search = async () => {
    const text = form.search.value.trim();
    const note = box.querySelector(".wb-search-note");
    if (!text) return void (note.textContent = "请输入企业名称");
    try {
      const data = await gql(OPS, { text }, "WorkbenchServiceEnterprises");
      state.found = data.enterprises.edges.map((e) => e.node);
      note.textContent = state.found.length ? `找到 ${state.found.length} 家` : "未找到该企业";
      const chosen = form.enterpriseId.value;
      renderEnterprises();
      form.enterpriseId.value = state.found.length ? state.found[0].id : chosen;
      renderNeeds();
    } catch (err) {
      note.textContent = `查找失败：${messageFor(err)}`;
    }
  };
  box.querySelector("[data-action=search]").onclick = search;
  form.search.onkeydown = (event) => {
    if (event.key === "Enter") event.preventDefault(), search();
  };

  form.onsubmit = async (event) => {
    event.preventDefault();
    clearErrors(form);
    box.querySelector(".wb-done").textContent = "";
    // The API allows a day of slack for time zones; the page holds to Beijing's today.
    if (!form.enterpriseId.value) return showProblem(form, "enterpriseId", FIELD_PROBLEMS.enterpriseId);
    if (!form.servedOn.value) return showProblem(form, "servedOn", "请选择服务日期");
    if (form.servedOn.value > beijingToday()) return showProblem(form, "servedOn", FIELD_PROBLEMS.servedOn);
    const input = {
      societyId: society.id,
      enterpriseId: form.enterpriseId.value,
      needId: form.needId.value || null,
      kind: form.kind.value,
      // Noon in Beijing: the chosen day in any hub time zone within half a day of it.
      servedOn: new Date(`${form.servedOn.value}T12:00:00+08:00`).toISOString(),
      hours: form.hours.value.trim() === "" ? null : Number(form.hours.value),
      summary: form.summary.value.trim(),
      participantIds: pickedExperts(form, "participantIds"),
    };
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      const data = await gql(OPS, { input }, "WorkbenchLogService");
      state.records = [data.logService, ...state.records.filter((r) => r.id !== data.logService.id)];
      renderRecords();
      form.summary.value = form.hours.value = "";
      form.querySelectorAll("input[name=participantIds]").forEach((c) => (c.checked = false));
      box.querySelector(".wb-done").textContent = "已登记，待企业确认。";
    } catch (err) {
      const name = String(err.field || "").replace(/^input\./, "").split(".")[0];
      if (err.code === "CONFLICT" && name === "servedOn") showProblem(form, "servedOn", DUPLICATE);
      else if (err.code === "BAD_USER_INPUT" && form.querySelector(`[data-field="${CSS.escape(name)}"]`)) showProblem(form, name, FIELD_PROBLEMS[name] || "输入有误");
      else form.querySelector(".wb-form-error").textContent = `登记失败：${messageFor(err)}`;
    } finally {
      submit.disabled = false;
    }
  };

  return { load, state };
}

function mountEnterprise(el, enterprise, onError) {
  const state = { records: [] };
  const box = section(
    el,
    `<h2 id="wb-service-title">待确认的志愿服务 <span class="hub-muted">学会登记的对本企业的科技志愿服务，确认后计入统计</span></h2>
    <ol class="wb-list" id="wb-service-pending"><li class="hub-muted">加载中…</li></ol>
    <h3>已确认</h3><ol class="wb-list" id="wb-service-confirmed"></ol>`,
  );
  const pending = box.querySelector("#wb-service-pending");
  const confirmed = box.querySelector("#wb-service-confirmed");

  async function load() {
    try {
      state.records = await records({ enterpriseId: enterprise.id });
      render();
    } catch (err) {
      onError(`志愿服务加载失败：${messageFor(err)}`);
    }
  }

  function render() {
    const open = state.records.filter((r) => !r.confirmedAt);
    const done = state.records.filter((r) => r.confirmedAt);
    pending.innerHTML = open.map((r) => recordHtml(r, { side: "enterprise", confirm: true })).join("") || `<li class="hub-muted wb-empty">暂无待确认的服务。</li>`;
    confirmed.innerHTML = done.map((r) => recordHtml(r, { side: "enterprise" })).join("") || `<li class="hub-muted wb-empty">暂无。</li>`;
  }

  pending.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-action=confirm-service]");
    if (!button) return;
    const item = button.closest(".wb-service-record");
    button.disabled = true;
    try {
      await gql(OPS, { id: item.dataset.recordId }, "WorkbenchConfirmService");
      await load();
    } catch (err) {
      button.disabled = false;
      item.querySelector(".wb-form-error").textContent = `确认失败：${messageFor(err)}`;
    }
  });

  return { load, state };
}

function clearErrors(form) {
  form.querySelectorAll(".wb-field-error, .wb-form-error").forEach((e) => (e.textContent = ""));
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

/** The problem beside its field (data-field), the field marked invalid and focused. */
function showProblem(form, name, text) {
  const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  box.querySelector(".wb-field-error").textContent = text;
  const control = box.querySelector("input, select, textarea");
  control.setAttribute("aria-invalid", "true");
  control.focus();
}
