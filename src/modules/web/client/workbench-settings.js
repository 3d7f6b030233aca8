// 设置 (/workbench?view=settings): 我的资料, the viewer's own organisation (enterprise, society, platform) or expert
// profile, corrected with the update mutation of its kind; and 通知设置, which notifications are also mailed. The
// form offers the fields the kind's update input has; the API decides who may save them (an ENTERPRISE user its own
// enterprise, an expert its own profile …) and checks every value: its error stands beside the field it names.
import { gql, messageFor } from "./auth.js";
import { splitList } from "./join-labels.js";
import { esc } from "./workbench-words.js";
import OPS from "../../../../schema/operations/workbench-settings.graphql";

const DESIGNATIONS = { INNOVATION_LEADER: "创新龙头企业", GAZELLE: "瞪羚企业", TECH_SME: "科技型中小企业", HIGH_TECH: "高新技术企业", ABOVE_SCALE: "规上工业企业", SPECIALIZED_NEW: "专精特新企业" };

/** The kinds a workbench user may receive (REGISTRATION_SUBMITTED goes to ADMINs only), as the bell names them. */
export const NOTIFICATION_KINDS = {
  MATCH_FOUND: "新匹配：我代表的专家、平台或学会匹配到需求",
  INVITATION_RECEIVED: "收到对接邀请",
  INVITATION_ANSWERED: "邀请被接受或婉拒",
  RESPONSE_RECEIVED: "学会响应了我的需求",
  RESPONSE_STATUS_CHANGED: "响应状态变化",
  DOCKING_SCHEDULED: "对接安排、改期或取消",
  DOCKING_REMINDER: "对接前一天的提醒",
  NEED_DEADLINE_NEAR: "需求截止前三天的提醒",
  NEED_STALE: "需求长期无人响应",
  DEAL_RECORDED: "成交登记",
  REGISTRATION_REVIEWED: "入驻申请审核结果",
  CHALLENGE_PROGRESS: "揭榜挂帅进展",
};

// Dates are days in China, where the programme runs: from the start of the first to the end of the last.
const DAY = (iso) => (iso ? new Date(iso).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }) : "");
const codes = (list) => (list || []).map((x) => x.code).sort();
const text = (v) => (v ?? "").trim();

// The controls: a tag box, a list of boxes, one box (defined before FIELDS, which holds their readers).
function tagsHtml(id, tags) {
  return `<div class="wb-tags">${tags.map(tagHtml).join("")}<input id="${id}" class="wb-tag-input" placeholder="输入后按回车添加"></div>`;
}
const tagHtml = (tag) => `<span class="wb-tag" data-tag="${esc(tag)}">${esc(tag)}<button type="button" class="wb-tag-remove" aria-label="删除 ${esc(tag)}">×</button></span>`;
// What is still typed in the tag box counts too: a word not yet confirmed with Enter is not lost on save.
function readTags(box) {
  const tags = [...box.querySelectorAll(".wb-tag")].map((t) => t.dataset.tag);
  return [...new Set([...tags, ...splitList(box.querySelector(".wb-tag-input").value)])];
}

function checksHtml(id, name, options, chosen) {
  return `<div class="wb-checks" id="${id}">${options.map(([v, t]) => `<label><input type="checkbox" name="${name}" value="${esc(v)}"${chosen.includes(v) ? " checked" : ""}> ${esc(t)}</label>`).join("")}</div>`;
}
const readChecks = (b) => [...b.querySelectorAll("input:checked")].map((x) => x.value).sort();
const checkHtml = (id, name, label, on) => `<label class="wb-check"><input id="${id}" type="checkbox" name="${name}"${on ? " checked" : ""}> ${esc(label)}</label>`;
const readCheck = (b) => b.querySelector("input").checked;

/**
 * The fields of the update inputs: `label`; `control(id, value, ref)` its HTML; `of(row)` the value as the form holds
 * it; `read(box)` the value from the form; `input(v)` the value as the API takes it. `problem`: what to say when the
 * API rejects the value (BAD_USER_INPUT names the field).
 */
const FIELDS = {
  name: { label: "名称", control: (id, v) => `<input id="${id}" name="name" maxlength="100" value="${esc(v)}">`, of: (r) => r.name, read: (b) => text(b.querySelector("input").value), problem: "名称须为 2 至 100 个字" },
  expertName: { label: "姓名", control: (id, v) => `<input id="${id}" name="name" maxlength="50" value="${esc(v)}">`, of: (r) => r.name, read: (b) => text(b.querySelector("input").value), problem: "姓名须为 1 至 50 个字", key: "name" },
  creditCode: { label: "统一社会信用代码", control: (id, v) => `<input id="${id}" value="${esc(v)}" readonly aria-readonly="true"><span class="hub-muted">如需更正请联系管理员</span>`, of: (r) => r.creditCode, readOnly: true },
  title: { label: "职称", control: (id, v) => `<input id="${id}" name="title" maxlength="50" value="${esc(v)}">`, of: (r) => r.title || "", read: (b) => text(b.querySelector("input").value), input: (v) => v || null, problem: "职称不超过 50 个字" },
  affiliation: { label: "工作单位", control: (id, v) => `<input id="${id}" name="affiliation" maxlength="100" value="${esc(v)}">`, of: (r) => r.affiliation || "", read: (b) => text(b.querySelector("input").value), input: (v) => v || null, problem: "工作单位不超过 100 个字" },
  expertise: { label: "专业特长", control: (id, v) => `<textarea id="${id}" name="expertise" rows="4" maxlength="2000">${esc(v)}</textarea>`, of: (r) => r.expertise, read: (b) => text(b.querySelector("textarea").value), problem: "专业特长须为 10 至 2000 个字" },
  capabilities: { label: "服务能力", control: (id, v) => `<textarea id="${id}" name="capabilities" rows="4">${esc(v)}</textarea>`, of: (r) => r.capabilities, read: (b) => text(b.querySelector("textarea").value), problem: "请填写平台的服务能力" },
  keywords: { label: "关键词", control: (id, v) => tagsHtml(id, v), of: (r) => r.keywords, read: readTags, problem: "关键词每个 1 至 30 个字，最多 30 个" },
  disciplines: { label: "学科领域", control: (id, v) => tagsHtml(id, v), of: (r) => r.disciplines, read: readTags, problem: "学科领域每项 1 至 50 个字，最多 30 项" },
  regionCode: {
    label: "所在县区",
    control: (id, v, ref) => `<select id="${id}" name="regionCode"><option value="">请选择</option>${ref.regions.map((x) => `<option value="${esc(x.code)}"${x.code === v ? " selected" : ""}>${esc(x.name)}</option>`).join("")}</select>`,
    of: (r) => (r.enterpriseRegion || r.platformRegion || {}).code || "",
    read: (b) => b.querySelector("select").value,
    input: (v) => v || null,
    problem: "请选择所在县区",
  },
  industryChainCodes: { boxes: true, label: "产业链", control: (id, v, ref) => checksHtml(id, "industryChainCodes", ref.industryChains.map((c) => [c.code, c.name]), v), of: (r) => codes(r.industryChains), read: readChecks, problem: "请至少选择一条产业链" },
  designations: { boxes: true, label: "企业类型", control: (id, v) => checksHtml(id, "designations", Object.entries(DESIGNATIONS), v), of: (r) => [...r.designations].sort(), read: readChecks },
  hasRdAccount: { boxes: true, label: "研发专账", control: (id, v) => checkHtml(id, "hasRdAccount", "已设立研发专账", v), of: (r) => r.hasRdAccount, read: readCheck },
  onKczg: { boxes: true, label: "科创中国", control: (id, v) => checkHtml(id, "onKczg", "已在科创中国平台注册", v), of: (r) => r.onKczg, read: readCheck },
  isYoungTalent: { boxes: true, label: "青年科技人才", control: (id, v) => checkHtml(id, "isYoungTalent", "属于青年科技人才", v), of: (r) => r.isYoungTalent, read: readCheck },
  capacity: {
    label: "可同时承接的对接数",
    control: (id, v) => `<input id="${id}" name="capacity" type="number" min="1" max="50" step="1" value="${esc(v)}">`,
    of: (r) => String(r.capacity),
    read: (b) => b.querySelector("input").value.trim(),
    input: (v) => (v === "" ? null : Number(v)),
    problem: "请填写 1 至 50 的整数",
  },
  availableFrom: { label: "可对接起始日", control: (id, v) => `<input id="${id}" name="availableFrom" type="date" value="${esc(v)}">`, of: (r) => DAY(r.availableFrom), read: (b) => b.querySelector("input").value, input: (v) => (v ? new Date(`${v}T00:00:00+08:00`).toISOString() : null), problem: "日期有误" },
  availableTo: { label: "可对接截止日", control: (id, v) => `<input id="${id}" name="availableTo" type="date" value="${esc(v)}">`, of: (r) => DAY(r.availableTo), read: (b) => b.querySelector("input").value, input: (v) => (v ? new Date(`${v}T23:59:59+08:00`).toISOString() : null), problem: "截止日不能早于起始日" },
  // The contact is one value: an API error names its part (input.contact.phone) and the part's box shows it.
  contact: {
    label: "联系方式",
    group: true,
    control: (id, v) =>
      [
        ["person", "联系人", "text"],
        ["phone", "联系电话", "tel"],
        ["email", "联系邮箱", "email"],
      ]
        .map(([part, label, type]) => `<div class="wb-field" data-field="contact.${part}"><label for="${id}-${part}">${label}</label><input id="${id}-${part}" name="contact.${part}" type="${type}" value="${esc(v[part])}"><span class="wb-field-error" role="alert"></span></div>`)
        .join(""),
    of: (r) => ({ person: r.contact?.person || "", phone: r.contact?.phone || "", email: r.contact?.email || "" }),
    read: (b) => Object.fromEntries(["person", "phone", "email"].map((p) => [p, text(b.querySelector(`[name="contact.${p}"]`).value)])),
    // A contact is replaced whole; an empty one is left as it is (the API has no way to remove it).
    input: (v) => (v.person || v.phone || v.email ? { person: v.person, phone: v.phone || null, email: v.email || null } : null),
    problems: { person: "请填写联系人", phone: "电话号码有误", email: "邮箱格式有误" },
  },
};

/**
 * The kinds of profile, as the API types them: the update mutation, its result, and the fields of its input in the
 * input's order. `supplier`: matched against needs, so a change of its text is matched again.
 */
const PROFILES = {
  Enterprise: { title: "企业资料", mutation: "SettingsUpdateEnterprise", result: "updateEnterprise", fields: ["name", "creditCode", "regionCode", "industryChainCodes", "designations", "hasRdAccount", "onKczg", "contact"] },
  Society: { title: "学会资料", mutation: "SettingsUpdateSociety", result: "updateSociety", supplier: true, fields: ["name", "disciplines", "contact"] },
  InnovationPlatform: { title: "平台资料", mutation: "SettingsUpdatePlatform", result: "updatePlatform", supplier: true, fields: ["name", "capabilities", "regionCode", "industryChainCodes", "contact"] },
  Expert: {
    title: "专家资料",
    mutation: "SettingsUpdateExpert",
    result: "updateExpert",
    supplier: true,
    fields: ["expertName", "title", "affiliation", "expertise", "keywords", "industryChainCodes", "capacity", "isYoungTalent", "availableFrom", "availableTo"],
  },
};

const keyOf = (name) => FIELDS[name].key || name;

/** The profiles the viewer acts for: its organisation, and its expert profile. */
function profilesOf(me) {
  return [me.organization, me.expert && { ...me.expert, __typename: "Expert" }].filter((p) => p && PROFILES[p.__typename]);
}

/** Mounts the 设置 view into `el` for the signed-in user; `load()` reads and shows it. */
export function mountSettings(el, onError) {
  const state = { me: null, ref: null, forms: new Map() };

  async function load() {
    let data;
    try {
      data = await gql(OPS, {}, "WorkbenchSettings");
    } catch (err) {
      return onError(`加载失败：${messageFor(err)}`);
    }
    state.me = data.me;
    state.ref = { regions: data.regions, industryChains: data.industryChains };
    const profiles = profilesOf(data.me);
    el.innerHTML = `<div class="wb-settings">
      <p class="wb-settings-back"><a href="/workbench" data-testid="back-to-workbench">← 返回工作台</a></p>
      ${profiles.length ? "" : `<section class="card"><h2>我的资料</h2><p class="hub-muted">当前账号未关联企业、学会、平台或专家，没有可修改的资料。</p></section>`}
      ${profiles.map((p) => `<section class="card wb-settings-card" data-profile="${p.__typename}"></section>`).join("")}
      <section class="card wb-settings-card" id="wb-preferences"></section>
    </div>`;
    for (const p of profiles) renderProfile(p);
    renderPreferences(data.me.notificationPreferences);
  }

  function renderProfile(row, done = "") {
    const kind = PROFILES[row.__typename];
    const card = el.querySelector(`[data-profile="${row.__typename}"]`);
    const values = Object.fromEntries(kind.fields.map((f) => [f, FIELDS[f].of(row)]));
    state.forms.set(row.__typename, { row, values });
    card.innerHTML = `<h2>我的资料 <span class="hub-muted">${esc(kind.title)}</span></h2>
      <form class="wb-profile" novalidate data-id="${esc(row.id)}">
        ${kind.fields.map((f) => fieldHtml(row.__typename, f, values[f])).join("")}
        <p class="wb-form-error" role="alert"></p>
        <div class="wb-actions"><button type="submit" class="hub-btn">保存</button>
          ${kind.supplier ? `<span class="hub-muted wb-rematch">保存后将重新匹配</span>` : ""}
          <span class="wb-done" role="status">${esc(done)}</span></div>
      </form>`;
    card.querySelector("form").onsubmit = (event) => (event.preventDefault(), saveProfile(row.__typename, event.target));
  }

  function fieldHtml(kind, name, value) {
    const field = FIELDS[name];
    const id = `s-${kind}-${keyOf(name)}`;
    if (field.group) return `<fieldset class="wb-group" data-field="${keyOf(name)}"><legend>${field.label}</legend>${field.control(id, value, state.ref)}</fieldset>`;
    // A list of boxes has no one control to label: its boxes carry their own words.
    const label = field.boxes ? `<span class="wb-label">${field.label}</span>` : `<label for="${id}">${field.label}</label>`;
    return `<div class="wb-field" data-field="${keyOf(name)}">${label}${field.control(id, value, state.ref)}<span class="wb-field-error" role="alert"></span></div>`;
  }

  async function saveProfile(kind, form) {
    const { row, values } = state.forms.get(kind);
    const profile = PROFILES[kind];
    clearErrors(form);
    // Only the fields changed are sent: the API changes those alone and audits them.
    const input = {};
    for (const name of profile.fields) {
      const field = FIELDS[name];
      if (field.readOnly) continue;
      const box = form.querySelector(`[data-field="${keyOf(name)}"]`);
      const value = field.read(box);
      if (JSON.stringify(value) !== JSON.stringify(values[name])) input[keyOf(name)] = field.input ? field.input(value) : value;
    }
    const done = form.querySelector(".wb-done");
    if (!Object.keys(input).length) return void (done.textContent = "没有修改。");
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      const data = await gql(OPS, { id: row.id, input }, profile.mutation);
      renderProfile({ ...data[profile.result], __typename: kind }, profile.supplier ? "已保存，正在按新资料重新匹配。" : "已保存。");
    } catch (err) {
      submit.disabled = false;
      showFieldError(form, profile, err);
    }
  }

  function renderPreferences(prefs) {
    state.prefs = prefs;
    const card = el.querySelector("#wb-preferences");
    card.innerHTML = `<h2>通知设置</h2>
      <p class="hub-muted">所有通知都会出现在铃铛中；勾选“发邮件”的通知同时发送到登录邮箱。</p>
      <form class="wb-prefs" novalidate>
        <table class="wb-prefs-table"><thead><tr><th scope="col">通知</th><th scope="col">发邮件</th></tr></thead><tbody>
          ${Object.entries(NOTIFICATION_KINDS)
            .map(([k, t]) => `<tr data-kind="${k}"><td><label for="pref-${k}">${esc(t)}</label></td><td><input type="checkbox" id="pref-${k}" name="emailKinds" value="${k}"${prefs.emailKinds.includes(k) ? " checked" : ""}></td></tr>`)
            .join("")}
        </tbody></table>
        <label class="wb-check"><input type="checkbox" name="dailyDigest"${prefs.dailyDigest ? " checked" : ""}> 每日汇总：每天发一封邮件列出当天的通知，不再逐条发送</label>
        <p class="wb-form-error" role="alert"></p>
        <div class="wb-actions"><button type="submit" class="hub-btn">保存通知设置</button><span class="wb-done" role="status"></span></div>
      </form>`;
    card.querySelector("form").onsubmit = (event) => (event.preventDefault(), savePreferences(event.target));
  }

  async function savePreferences(form) {
    clearErrors(form);
    // Kinds this page does not list (an ADMIN's REGISTRATION_SUBMITTED, one added later) keep their setting.
    const unlisted = state.prefs.emailKinds.filter((k) => !(k in NOTIFICATION_KINDS));
    const emailKinds = [...unlisted, ...[...form.querySelectorAll("input[name=emailKinds]:checked")].map((x) => x.value)];
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      const data = await gql(OPS, { input: { emailKinds, dailyDigest: form.dailyDigest.checked } }, "SettingsSetPreferences");
      renderPreferences(data.setNotificationPreferences);
      el.querySelector("#wb-preferences .wb-done").textContent = "通知设置已保存。";
    } catch (err) {
      submit.disabled = false;
      form.querySelector(".wb-form-error").textContent = `保存失败：${messageFor(err)}`;
    }
  }

  return { load, state };
}

function clearErrors(form) {
  form.querySelectorAll(".wb-field-error, .wb-form-error, .wb-done").forEach((e) => (e.textContent = ""));
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

/**
 * BAD_USER_INPUT and CONFLICT name the field (extensions.field: input.name, input.contact.phone, input.keywords.2):
 * the message goes beside it. Anything else (FORBIDDEN for another's profile) goes under the form.
 */
function showFieldError(form, profile, err) {
  const path = String(err.field || "").replace(/^input\./, "").split(".");
  const name = profile.fields.find((f) => keyOf(f) === path[0]);
  const field = name && FIELDS[name];
  const part = field && field.group ? path[1] : null;
  const box = field && form.querySelector(`[data-field="${CSS.escape(part ? `${path[0]}.${part}` : path[0])}"]`);
  if (box && (err.code === "BAD_USER_INPUT" || err.code === "CONFLICT")) {
    const said = err.code === "CONFLICT" ? `${field.label}与已有记录重复` : (part ? field.problems[part] : field.problem) || `${field.label}有误`;
    box.querySelector(".wb-field-error").textContent = said;
    const control = box.querySelector("input:not([type=checkbox]), select, textarea") || box.querySelector("input");
    control.setAttribute("aria-invalid", "true");
    control.focus();
    return;
  }
  form.querySelector(".wb-form-error").textContent = `保存失败：${messageFor(err)}`;
}

/** The tag boxes: Enter or a comma adds what is typed, × removes a tag, Backspace in an empty box the last one. */
document.addEventListener("keydown", (event) => {
  const input = event.target.closest && event.target.closest(".wb-tag-input");
  if (!input) return;
  if ((event.key === "Enter" || event.key === "," || event.key === "，") && !event.isComposing) {
    event.preventDefault();
    for (const tag of splitList(input.value)) if (!input.parentElement.querySelector(`.wb-tag[data-tag="${CSS.escape(tag)}"]`)) input.insertAdjacentHTML("beforebegin", tagHtml(tag));
    input.value = "";
  } else if (event.key === "Backspace" && !input.value) {
    input.previousElementSibling?.classList.contains("wb-tag") && input.previousElementSibling.remove();
  }
});
document.addEventListener("click", (event) => {
  const remove = event.target.closest && event.target.closest(".wb-tag-remove");
  if (remove) remove.closest(".wb-tag").remove();
});
