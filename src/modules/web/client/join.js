// 申请加入: the public page where an enterprise, a society or an expert applies to join the programme (the
// registerEnterprise / registerSociety / registerExpert mutations, anonymous). The API checks every field (the
// credit code's GB 32100 check character among them); the page shows each error beside the field it names.
import "./dashboard.css";
import "./join.css";
import { gql, messageFor } from "./auth.js";
import { esc, FIELD_LABELS, KINDS, LEVELS, splitList } from "./join-labels.js";
import JOIN_OPERATIONS from "../../../../schema/operations/join.graphql";

const PRODUCT = "科创南阳·百会链千企";
const $ = (sel, el = document) => el.querySelector(sel);
const state = { kind: "ENTERPRISE", regions: [], chains: [], societies: new Map(), submitted: null };
window.hubJoin = state;

// What each kind asks for, in the order of its Register*Input; `optional` fields may stay empty.
const FORMS = {
  ENTERPRISE: ["name", "creditCode", "regionCode", "industryChainCodes", "contact", "account"],
  SOCIETY: ["name", "level", "disciplines", "contact", "account"],
  EXPERT: ["name", "affiliation", "expertise", "keywords", "industryChainCodes", "societyIds", "contactOptional", "account"],
};
const NAME_LABEL = { ENTERPRISE: "企业名称", SOCIETY: "学会名称", EXPERT: "姓名" };

function field(name, label, control, hint = "") {
  return `<div class="join-field" data-field="${name}">
    <label for="f-${name}">${label}</label>${control}
    ${hint ? `<p class="hub-muted join-hint">${hint}</p>` : ""}
    <p class="join-field-error" role="alert"></p>
  </div>`;
}

const input = (name, attrs = "") => `<input id="f-${name}" name="${name}" ${attrs}>`;

function chainBoxes() {
  const boxes = state.chains.map((c) => `<label class="join-check"><input type="checkbox" name="industryChainCodes" value="${esc(c.code)}"> ${esc(c.name)}</label>`).join("");
  return `<div id="f-industryChainCodes" class="join-checks">${boxes}</div>`;
}

const PARTS = {
  name: (kind) => field("name", NAME_LABEL[kind], input("name", 'required maxlength="200"')),
  creditCode: () => field("creditCode", FIELD_LABELS.creditCode, input("creditCode", 'required maxlength="18" autocomplete="off" spellcheck="false"'), "18 位，最后一位为校验码"),
  regionCode: () =>
    field("regionCode", FIELD_LABELS.regionCode, `<select id="f-regionCode" name="regionCode" required><option value="">请选择</option>${state.regions.map((r) => `<option value="${esc(r.code)}">${esc(r.name)}</option>`).join("")}</select>`),
  industryChainCodes: (kind) => field("industryChainCodes", FIELD_LABELS.industryChainCodes, chainBoxes(), kind === "ENTERPRISE" ? "至少选一条" : "可多选"),
  level: () => field("level", FIELD_LABELS.level, `<select id="f-level" name="level">${Object.entries(LEVELS).map(([v, t]) => `<option value="${v}">${t}</option>`).join("")}</select>`),
  disciplines: () => field("disciplines", FIELD_LABELS.disciplines, input("disciplines", 'required placeholder="如：机械工程、材料科学"'), "用顿号或逗号分隔"),
  affiliation: () => field("affiliation", `${FIELD_LABELS.affiliation}（选填）`, input("affiliation", 'maxlength="200"')),
  expertise: () => field("expertise", FIELD_LABELS.expertise, `<textarea id="f-expertise" name="expertise" rows="3" required></textarea>`),
  keywords: () => field("keywords", `${FIELD_LABELS.keywords}（选填）`, input("keywords", 'placeholder="如：储能、电池管理"'), "用顿号或逗号分隔"),
  societyIds: () =>
    field(
      "societyIds",
      `${FIELD_LABELS.societyIds}（选填）`,
      `<input id="f-societyIds" type="search" placeholder="输入学会名称查找" autocomplete="off"><div class="join-checks" id="society-results"></div>`,
      "审核通过后加入所选学会",
    ),
  contact: () => contactFields(true),
  contactOptional: () => contactFields(false),
  account: () => `<fieldset class="join-group"><legend>登录账号</legend>
    ${field("email", FIELD_LABELS.email, input("email", 'type="email" required autocomplete="username"'), "审核结果发送到此邮箱，审核通过后用它登录")}
    ${field("password", FIELD_LABELS.password, input("password", 'type="password" required autocomplete="new-password" minlength="10"'), "至少 10 位，包含大写字母、小写字母、数字、符号中的三种")}
  </fieldset>`,
};

function contactFields(required) {
  const req = required ? "required" : "";
  return `<fieldset class="join-group"><legend>联系方式${required ? "" : "（选填）"}</legend>
    ${field("contact.person", FIELD_LABELS["contact.person"], input("contact.person", `${req} maxlength="100"`))}
    ${field("contact.phone", FIELD_LABELS["contact.phone"], input("contact.phone", 'type="tel" maxlength="40"'))}
    ${field("contact.email", FIELD_LABELS["contact.email"], input("contact.email", 'type="email"'))}
  </fieldset>`;
}

function layout() {
  $("#root").innerHTML = `
    <header class="hub-bar">
      <span class="hub-brand">${PRODUCT} · 申请加入</span>
      <nav><a href="/dashboard">已有账号？登录</a></nav>
    </header>
    <main class="join-main">
      <p id="error" class="hub-error" role="alert"></p>
      <section id="apply" class="card join-card">
        <h1 class="join-title">申请加入百会链千企</h1>
        <p class="hub-muted">企业发布技术需求，学会与专家响应需求。提交后由管理员审核，审核通过即可登录。</p>
        <div class="join-kinds" role="tablist">
          ${Object.entries(KINDS).map(([k, t]) => `<button type="button" role="tab" class="join-kind" data-kind="${k}">${t}</button>`).join("")}
        </div>
        <form id="join-form" novalidate></form>
      </section>
      <section id="done" class="card join-card" hidden></section>
    </main>`;
  for (const b of document.querySelectorAll(".join-kind")) b.onclick = () => showForm(b.dataset.kind);
}

function showForm(kind) {
  state.kind = kind;
  for (const b of document.querySelectorAll(".join-kind")) b.setAttribute("aria-selected", String(b.dataset.kind === kind));
  const form = $("#join-form");
  form.dataset.kind = kind;
  form.innerHTML = `${FORMS[kind].map((part) => PARTS[part](kind)).join("")}
    <p class="join-form-error hub-error" role="alert"></p>
    <button type="submit" class="hub-btn join-submit">提交申请</button>`;
  form.onsubmit = (event) => {
    event.preventDefault();
    void submit(form);
  };
  if (kind === "EXPERT") watchSocietySearch(form);
}

// The societies an expert asks to join: found by name (the public `societies` list), ticked ones kept across searches.
function watchSocietySearch(form) {
  const box = $("#society-results", form);
  const chosen = new Set();
  const render = (found) => {
    const shown = new Map([...[...chosen].map((id) => [id, state.societies.get(id)]), ...found.map((s) => [s.id, s])]);
    box.innerHTML = [...shown.values()]
      .map((s) => `<label class="join-check"><input type="checkbox" name="societyIds" value="${esc(s.id)}"${chosen.has(s.id) ? " checked" : ""}> ${esc(s.name)}<span class="hub-muted">（${LEVELS[s.level] ?? ""}）</span></label>`)
      .join("");
    for (const cb of box.querySelectorAll("input")) cb.onchange = () => (cb.checked ? chosen.add(cb.value) : chosen.delete(cb.value));
  };
  let timer = null;
  const search = async (text) => {
    try {
      const data = await gql(JOIN_OPERATIONS, { text: text || null }, "JoinSocieties");
      const found = data.societies.edges.map((e) => e.node);
      for (const s of found) state.societies.set(s.id, s);
      render(found);
    } catch (err) {
      box.textContent = messageFor(err);
    }
  };
  $("#f-societyIds", form).oninput = (e) => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(e.target.value.trim()), 250);
  };
  void search("");
}

/** The form's values as the kind's Register*Input (empty optional fields left out, lists split). */
function inputOf(form) {
  const value = (name) => (form.elements.namedItem(name)?.value ?? "").trim();
  const ticked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((x) => x.value);
  const optional = (name) => value(name) || null;
  const contact = { person: value("contact.person"), phone: optional("contact.phone"), email: optional("contact.email") };
  const account = { email: value("email"), password: form.elements.namedItem("password").value };
  switch (state.kind) {
    case "ENTERPRISE":
      return { name: value("name"), creditCode: value("creditCode").toUpperCase(), regionCode: value("regionCode"), industryChainCodes: ticked("industryChainCodes"), contact, ...account };
    case "SOCIETY":
      return { name: value("name"), level: value("level"), disciplines: splitList(value("disciplines")), contact, ...account };
    default:
      return {
        name: value("name"),
        affiliation: optional("affiliation"),
        expertise: value("expertise"),
        keywords: splitList(value("keywords")),
        industryChainCodes: ticked("industryChainCodes"),
        societyIds: ticked("societyIds"),
        // An expert's contact is optional: sent only when a person is named.
        contact: contact.person ? contact : null,
        ...account,
      };
  }
}

const MUTATION = { ENTERPRISE: "JoinEnterprise", SOCIETY: "JoinSociety", EXPERT: "JoinExpert" };

async function submit(form) {
  for (const el of form.querySelectorAll(".join-field-error, .join-form-error")) el.textContent = "";
  for (const el of form.querySelectorAll(".join-field.bad")) el.classList.remove("bad");
  const button = $(".join-submit", form);
  button.disabled = true;
  const input = inputOf(form);
  try {
    const data = await gql(JOIN_OPERATIONS, { input }, MUTATION[state.kind]);
    const registration = Object.values(data)[0];
    state.submitted = registration;
    showDone(registration, input.email);
  } catch (err) {
    showError(form, err);
  } finally {
    button.disabled = false;
  }
}

/** The API's error beside the field it names (extensions.field, e.g. input.contact.person or input.societyIds.0). */
function showError(form, err) {
  const path = String(err.field || "").replace(/^input\./, "");
  const name = Object.keys(FIELD_LABELS).find((f) => path === f || path.startsWith(`${f}.`));
  const box = name ? form.querySelector(`.join-field[data-field="${name}"]`) : null;
  const detail = err.detail && err.detail !== err.message ? err.detail : "";
  const target = box ? $(".join-field-error", box) : $(".join-form-error", form);
  target.innerHTML = `${esc(fieldMessage(err, name))}${detail ? `<small class="join-detail">${esc(detail)}</small>` : ""}`;
  if (box) {
    box.classList.add("bad");
    box.scrollIntoView({ block: "center" });
    box.querySelector("input, select, textarea")?.focus();
  }
}

function fieldMessage(err, name) {
  const label = name ? FIELD_LABELS[name] : "";
  if (err.code === "CONFLICT" && name === "email") return "该邮箱已注册或已提交过申请";
  if (err.code === "CONFLICT") return `${label}与已有记录或审核中的申请重复`;
  if (err.code === "BAD_USER_INPUT" && label) return `${label}有误`;
  return messageFor(err);
}

function showDone(registration, email) {
  $("#apply").hidden = true;
  const done = $("#done");
  done.hidden = false;
  done.innerHTML = `
    <h1 class="join-title join-ok">已提交，等待审核</h1>
    <p><strong>${esc(KINDS[state.kind])}：${esc(registration.name)}</strong></p>
    <ol class="join-next">
      <li>管理员审核您的申请，审核结果会通知到 <strong>${esc(email)}</strong>（平台配置了邮件时以邮件送达）。</li>
      <li>审核通过后，用该邮箱和您设置的密码<a href="/dashboard">登录</a>；审核通过前登录会提示“账号正在审核中”。</li>
      <li>若申请未通过，登录时会提示未通过；可修改资料后用新的邮箱重新申请。</li>
    </ol>`;
  document.body.dataset.state = "submitted";
}

async function main() {
  layout();
  try {
    const data = await gql(JOIN_OPERATIONS, {}, "JoinReference");
    state.regions = data.regions;
    state.chains = data.industryChains;
  } catch (err) {
    $("#error").textContent = `参考数据加载失败：${messageFor(err)}`;
  }
  const asked = new URLSearchParams(location.search).get("kind");
  showForm(asked && FORMS[asked.toUpperCase()] ? asked.toUpperCase() : "ENTERPRISE");
  document.body.dataset.state = "ready";
}

void main();
