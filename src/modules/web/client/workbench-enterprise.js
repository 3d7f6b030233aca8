// The enterprise's side of the workbench: 我的需求 (its needs), a need's matches ranked with why, inviting a supplier
// and withdrawing, the supplier's contact once it accepted, and 发布需求 (postNeed) with the API's errors by field.
import { gql, messageFor } from "./auth.js";
import * as w from "./workbench-words.js";
import { dealHtml, dockingsHtml, enterpriseUpcoming, handleDockings, upcomingSection } from "./workbench-docking.js";
import { filterHtml, handleMore, moreHtml, pagedList, PAGE_SIZE } from "./workbench-paging.js";
import { expertsHtml } from "./workbench-service.js";
import OPS from "../../../../schema/operations/workbench-enterprise.graphql";

const esc = w.esc;
// The matches a need lists (WorkbenchNeeds and WorkbenchNeed ask for this many, best first), and 加载更多 adds as
// many again, up to the API's most (a need's matches take no cursor).
const MATCHES_SHOWN = 20;
const MATCHES_MOST = 100;
// The needs' filter (NeedFilter.status); 全部 includes drafts.
const NEED_FILTER = [["", "全部"], ...["OPEN", "IN_DOCKING", "RESOLVED", "CLOSED", "EXPIRED"].map((s) => [s, w.needStatus(s)])];
// The best matches show their score's breakdown unfolded; the others one click away.
const OPEN_REASONS = 3;
// The match statuses inviteSupplier takes.
const INVITABLE = new Set(["SUGGESTED", "VIEWED", "CONTACTED", "ACCEPTED"]);
// An invitation in one of these states leaves the match open to a new one.
const ENDED = new Set(["DECLINED", "WITHDRAWN", "EXPIRED"]);
// In Chinese for the fields the API names (extensions.field, "input.<name>"); others read 输入有误.
const FIELD_PROBLEMS = {
  title: "请填写需求标题",
  description: "请填写需求描述",
  teaser: "保密需求须填写对外摘要（说明所需技术，不写企业名称）",
  budgetMin: "预算下限不合理",
  budgetMax: "预算上限不得低于下限",
  deadline: "截止日期须晚于今天",
  industryChainCode: "请选择产业链",
  keywords: "关键词有误",
};

/** Mounts the enterprise side into `el` for `me` (its organization is the enterprise); `chains` for the form. */
export function mountEnterprise(el, me, chains, onError) {
  const state = { me, needs: [], need: null, focusMatch: null, needFilter: "", needCounts: null, matchesAsked: MATCHES_SHOWN };
  el.innerHTML = `
    <div class="wb-columns">
      <section class="card wb-needs" aria-labelledby="wb-needs-title">
        <h2 id="wb-needs-title">我的需求 <span class="hub-muted">${esc(me.organization.name)}</span></h2>
        <button type="button" class="hub-btn" data-testid="new-need">发布需求</button>
        <div class="wb-filter" id="wb-need-filter" role="group" aria-label="按状态筛选需求"></div>
        <ol class="wb-list" id="wb-need-list"><li class="hub-muted">加载中…</li></ol>
        <div class="wb-more" id="wb-needs-more"></div>
      </section>
      <section class="card wb-detail" id="wb-detail" aria-live="polite"><p class="hub-muted">选择左侧的一项需求，查看匹配的专家、平台和学会。</p></section>
    </div>`;
  const list = el.querySelector("#wb-need-list");
  const needsMore = el.querySelector("#wb-needs-more");
  const needFilter = el.querySelector("#wb-need-filter");
  const detail = el.querySelector("#wb-detail");
  el.querySelector("[data-testid=new-need]").onclick = () => showForm();
  const upcoming = upcomingSection(el, () => enterpriseUpcoming(me.organization.id), (d) => openNeed(d.needId, d.matchId));

  const needs = pagedList(async (first, after) => {
    const variables = { enterpriseId: me.organization.id, first, after, status: state.needFilter ? [state.needFilter] : null };
    return (await gql(OPS, variables, "WorkbenchNeeds")).needs;
  });
  state.needs = needs.rows;

  /** Reads the needs again, as many as are shown (`wanted`: a new filter's first page), and the filter's counts. */
  async function loadNeeds(wanted = undefined) {
    upcoming.refresh();
    try {
      const [rows, counts] = await Promise.all([needs.reload(wanted), gql(OPS, { enterpriseId: me.organization.id }, "WorkbenchNeedCounts")]);
      state.needCounts = counts;
      needFilter.innerHTML = filterHtml(NEED_FILTER, state.needFilter, counts);
      if (!rows) return; // a newer read (another filter) renders
      state.needs = needs.rows;
      renderNeeds();
    } catch (err) {
      onError(`需求加载失败：${messageFor(err)}`);
    }
  }

  function renderNeeds() {
    list.innerHTML = state.needs.length
      ? state.needs.map(needHtml).join("")
      : state.needFilter
        ? `<li class="hub-muted wb-empty">没有${esc(w.needStatus(state.needFilter))}的需求。</li>`
        : `<li class="hub-muted wb-empty">还没有需求。点击“发布需求”提出第一项技术需求。</li>`;
    needsMore.innerHTML = moreHtml(needs);
  }

  function needHtml(n) {
    const pending = n.invitations.filter((i) => i.status === "PENDING").length;
    const accepted = n.invitations.filter((i) => i.status === "ACCEPTED").length;
    return `<li class="wb-need${state.need && state.need.id === n.id ? " selected" : ""}" data-need-id="${esc(n.id)}">
              <button type="button"><span class="wb-title">${esc(n.title)}</span>
              <span class="wb-meta">${esc(n.industryChain.name)} · ${esc(w.needKind(n.kind))} · <span class="wb-status" data-status="${esc(n.status)}">${esc(w.needStatus(n.status))}</span> · ${esc(w.visibility(n.visibility))}</span>
              <span class="wb-counts">匹配 ${n.matches.length}${n.matches.length >= MATCHES_SHOWN ? "+" : ""} · 邀请 ${n.invitations.length}${pending ? `（待答复 ${pending}）` : ""}${accepted ? ` · 已接受 ${accepted}` : ""} · 响应 ${n.responses.length}</span></button></li>`;
  }

  handleMore(needsMore, needs, (added) => list.insertAdjacentHTML("beforeend", added.map(needHtml).join("")), (err) => onError(`需求加载失败：${messageFor(err)}`));
  needFilter.onclick = (event) => {
    const option = event.target.closest("[data-filter]");
    if (!option || option.dataset.filter === state.needFilter) return;
    state.needFilter = option.dataset.filter;
    needFilter.innerHTML = filterHtml(NEED_FILTER, state.needFilter, state.needCounts);
    loadNeeds(PAGE_SIZE);
  };

  list.onclick = (event) => {
    const item = event.target.closest(".wb-need");
    if (item) openNeed(item.dataset.needId);
  };

  async function openNeed(id, focusMatch = null, quiet = false) {
    state.focusMatch = focusMatch;
    if (!quiet) detail.innerHTML = `<p class="hub-muted">加载中…</p>`;
    // The same need read again (a refresh, an action) keeps the matches 加载更多 added; another starts at 20.
    if (!state.need || state.need.id !== id) state.matchesAsked = MATCHES_SHOWN;
    try {
      const data = await gql(OPS, { id, matches: state.matchesAsked }, "WorkbenchNeed");
      if (!data.node || !data.node.title) {
        detail.innerHTML = `<p class="hub-error">未找到该需求，或当前身份无权查看。</p>`;
        return false;
      }
      state.need = data.node;
      renderNeed(quiet);
      renderNeeds();
      return true;
    } catch (err) {
      detail.innerHTML = `<p class="hub-error">需求加载失败：${esc(messageFor(err))}</p>`;
      return false;
    }
  }

  function renderNeed(quiet = false) {
    const n = state.need;
    const budget = n.budgetMin != null || n.budgetMax != null ? ` · 预算 ${n.budgetMin ?? "—"}–${n.budgetMax ?? "—"} 元` : "";
    detail.innerHTML = `
      <div class="wb-need-head" data-need-id="${esc(n.id)}">
        <h2 class="wb-need-title">${esc(n.title)}</h2>
        <p class="wb-meta">${esc(n.industryChain.name)} · ${esc(w.needKind(n.kind))} · ${esc(w.needStatus(n.status))} · ${esc(w.visibility(n.visibility))}${budget}${n.deadline ? ` · 截止 ${esc(w.day(n.deadline))}` : ""} · 发布于 ${esc(w.day(n.createdAt))}</p>
        ${n.teaser ? `<p class="wb-meta">对外摘要：${esc(n.teaser.summary)}</p>` : ""}
        <details class="wb-description"><summary>需求描述</summary><p>${esc(n.description)}</p>${n.keywords.length ? `<p class="hub-muted">关键词：${n.keywords.map(esc).join("、")}</p>` : ""}</details>
      </div>
      <h3>匹配结果 <span class="hub-muted wb-matches-shown">${matchesShownText()}</span></h3>
      <ol class="wb-matches">${n.matches.map(matchHtml).join("") || `<li class="hub-muted">暂无匹配。</li>`}</ol>
      <div class="wb-more" id="wb-matches-more">${matchesMoreHtml()}</div>
      ${n.responses.length ? `<h3>学会响应</h3><ol class="wb-responses">${n.responses.map(responseHtml).join("")}</ol>` : ""}`;
    const focus = state.focusMatch && detail.querySelector(`.wb-match[data-match-id="${CSS.escape(state.focusMatch)}"]`);
    if (focus) focus.classList.add("wb-focus");
    if (quiet) return;
    if (focus) focus.scrollIntoView({ block: "center" });
    else if (window.matchMedia("(max-width: 900px)").matches) detail.scrollIntoView({ block: "start" });
  }

  // A need's matches have no totalCount: a full list (as many as asked) may have more.
  const fullMatches = () => state.need.matches.length >= state.matchesAsked;
  const moreMatches = () => fullMatches() && state.matchesAsked < MATCHES_MOST;
  const matchesShownText = () => `按匹配度排序，${fullMatches() ? `前 ${state.need.matches.length} 个` : `共 ${state.need.matches.length} 个`}`;
  const matchesMoreHtml = () => (moreMatches() ? `<button type="button" class="hub-btn-plain" data-action="more-matches">加载更多</button>` : "");

  /** 加载更多 under the matches: a longer list, of which the matches not shown yet go below (open forms stay). */
  async function moreMatchesOf(button) {
    const need = state.need;
    button.disabled = true;
    try {
      const asked = Math.min(MATCHES_MOST, state.matchesAsked + MATCHES_SHOWN);
      const data = await gql(OPS, { id: need.id, matches: asked }, "WorkbenchNeedMatches");
      if (state.need !== need || !data.node) return; // another need opened, or this one read again, meanwhile
      state.matchesAsked = asked;
      const shown = new Set(need.matches.map((m) => m.id));
      const added = data.node.matches.filter((m) => !shown.has(m.id));
      need.matches.push(...added);
      detail.querySelector(".wb-matches").insertAdjacentHTML("beforeend", added.map(matchHtml).join(""));
      detail.querySelector(".wb-matches-shown").textContent = matchesShownText();
      detail.querySelector("#wb-matches-more").innerHTML = matchesMoreHtml();
    } catch (err) {
      button.disabled = false;
      onError(`匹配加载失败：${messageFor(err)}`);
    }
  }

  function matchHtml(m) {
    const s = m.supplier;
    const inv = m.invitation;
    const who = [s.title, s.affiliation].filter(Boolean).map(esc).join(" · ");
    return `<li class="wb-match" data-match-id="${esc(m.id)}" data-rank="${m.rank}" data-invitation-status="${esc(inv ? inv.status : "")}">
      <div class="wb-match-head"><span class="wb-rank">第 ${m.rank} 名</span> <span class="wb-kind">${esc(w.supplierKind(m.supplierKind))}</span>
        <strong class="wb-supplier">${esc(s.name)}</strong>${who ? ` <span class="hub-muted">${who}</span>` : ""}
        <span class="wb-score">匹配度 ${w.score(m.score)}</span></div>
      ${m.reason ? `<p class="wb-reason">${esc(m.reason)}</p>` : ""}
      ${w.termsHtml(m.matchedTerms)}
      ${w.breakdownHtml(m.breakdown, m.rank <= OPEN_REASONS)}
      <div class="wb-actions">${invitationHtml(m, inv)}</div>
      ${inv && inv.status === "ACCEPTED" ? w.contactHtml(s.contact, `${s.name} 的联系方式`) + dockingsHtml(state.need.dockings, inv.id, me) + dealHtml(m, state.need.deals, me) : ""}
    </li>`;
  }

  function invitationHtml(m, inv) {
    const badge = inv ? `<span class="wb-invitation" data-status="${esc(inv.status)}">邀请${esc(w.invitationStatus(inv.status))}</span>` : "";
    const declined = inv && inv.status === "DECLINED" ? ` <span class="hub-muted">原因：${esc(w.declineCode(inv.declineCode))}${inv.declineText ? `，${esc(inv.declineText)}` : ""}</span>` : "";
    if (inv && inv.status === "PENDING") {
      return `${badge} <span class="hub-muted">发出于 ${esc(w.when(inv.createdAt))}</span> <button type="button" class="hub-btn-plain" data-action="withdraw" data-invitation-id="${esc(inv.id)}">撤回邀请</button>`;
    }
    if (inv && !ENDED.has(inv.status)) return `${badge}${inv.answeredAt ? ` <span class="hub-muted">${esc(w.when(inv.answeredAt))}</span>` : ""}`;
    // A match the enterprise rejected, or one closed, takes no invitation (the API would refuse it).
    if (!INVITABLE.has(m.status)) return `${badge}${declined} <span class="hub-muted">匹配${esc(w.matchStatus(m.status))}</span>`;
    return `${badge}${declined}
      <form class="wb-invite" data-match-id="${esc(m.id)}">
        <label class="wb-sr" for="msg-${esc(m.id)}">邀请留言</label>
        <textarea id="msg-${esc(m.id)}" name="message" rows="2" maxlength="2000" placeholder="邀请留言（可选）：希望合作的方式、时间等"></textarea>
        <button type="submit" class="hub-btn">${inv ? "再次邀请" : "邀请对接"}</button>
        <span class="wb-form-error" role="alert"></span>
      </form>`;
  }

  function responseHtml(r) {
    return `<li class="wb-response" data-response-id="${esc(r.id)}"><strong>${esc(r.society.name)}</strong> <span class="wb-status">${esc(w.responseStatus(r.status))}</span>
      <span class="hub-muted">${esc(w.when(r.createdAt))}</span><p>${esc(r.proposal)}</p>${expertsHtml(r.experts)}${w.contactHtml(r.society.contact)}</li>`;
  }

  handleDockings(detail, () => Promise.all([openNeed(state.need.id, state.focusMatch, true), upcoming.refresh()]));
  detail.addEventListener("submit", async (event) => {
    const form = event.target.closest(".wb-invite");
    if (!form) return;
    event.preventDefault();
    await act(form, "WorkbenchInvite", { matchId: form.dataset.matchId, message: form.message.value.trim() || null });
  });
  detail.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-action=withdraw]");
    if (button) await act(button.parentElement, "WorkbenchWithdraw", { id: button.dataset.invitationId });
    const more = event.target.closest("[data-action=more-matches]");
    if (more) await moreMatchesOf(more);
  });

  /** Runs a mutation on a match, shows its error beside it, then reads the need again (the server's state). */
  async function act(where, operationName, variables) {
    const buttons = where.querySelectorAll("button");
    buttons.forEach((b) => (b.disabled = true));
    try {
      await gql(OPS, variables, operationName);
    } catch (err) {
      buttons.forEach((b) => (b.disabled = false));
      const error = where.querySelector(".wb-form-error") || where.appendChild(Object.assign(document.createElement("span"), { className: "wb-form-error", role: "alert" }));
      error.textContent = `操作失败：${messageFor(err)}`;
      return;
    }
    await Promise.all([openNeed(state.need.id, state.focusMatch), loadNeeds()]);
  }

  function showForm() {
    state.need = null;
    renderNeeds();
    const field = (name, text, control) => `<div class="wb-field" data-field="${name}"><label for="f-${name}">${text}</label>${control}<span class="wb-field-error" role="alert"></span></div>`;
    detail.innerHTML = `
      <h2>发布需求</h2>
      <form class="wb-post" novalidate>
        ${field("title", "需求标题", `<input id="f-title" name="title" maxlength="200">`)}
        ${field("industryChainCode", "产业链", `<select id="f-industryChainCode" name="industryChainCode">${chains.map((c) => `<option value="${esc(c.code)}">${esc(c.name)}</option>`).join("")}</select>`)}
        ${field("kind", "需求类型", `<select id="f-kind" name="kind">${Object.entries(w.NEED_KINDS).map(([k, v]) => `<option value="${k}">${v}</option>`).join("")}</select>`)}
        ${field("visibility", "公开范围", `<select id="f-visibility" name="visibility"><option value="PUBLIC">公开</option><option value="MEMBERS">仅登录用户可见</option><option value="CONFIDENTIAL">保密（仅受邀并接受的供给方可见）</option></select>`)}
        ${field("teaser", "对外摘要（保密需求必填，不写企业名称）", `<input id="f-teaser" name="teaser" maxlength="200">`)}
        ${field("description", "需求描述", `<textarea id="f-description" name="description" rows="5"></textarea>`)}
        ${field("keywords", "关键词（用逗号或顿号分隔）", `<input id="f-keywords" name="keywords">`)}
        <div class="wb-row">
          ${field("budgetMin", "预算下限（元）", `<input id="f-budgetMin" name="budgetMin" type="number" min="0" step="1">`)}
          ${field("budgetMax", "预算上限（元）", `<input id="f-budgetMax" name="budgetMax" type="number" min="0" step="1">`)}
          ${field("deadline", "截止日期", `<input id="f-deadline" name="deadline" type="date">`)}
        </div>
        <p class="wb-form-error" role="alert"></p>
        <div class="wb-actions"><button type="submit" class="hub-btn">发布</button> <button type="button" class="hub-btn-plain" data-action="cancel">取消</button></div>
      </form>`;
    const form = detail.querySelector(".wb-post");
    // The enterprise's own first chain is the likeliest.
    const own = (me.organization.industryChains || [])[0];
    if (own) form.industryChainCode.value = own.code;
    const teaser = form.querySelector("[data-field=teaser]");
    const showTeaser = () => (teaser.hidden = form.visibility.value !== "CONFIDENTIAL");
    form.visibility.onchange = showTeaser;
    showTeaser();
    form.querySelector("[data-action=cancel]").onclick = () => (detail.innerHTML = `<p class="hub-muted">选择左侧的一项需求，查看匹配结果。</p>`);
    form.onsubmit = (event) => (event.preventDefault(), post(form));
    form.title.focus();
  }

  async function post(form) {
    form.querySelectorAll(".wb-field-error, .wb-form-error").forEach((e) => (e.textContent = ""));
    form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
    const number = (v) => (v.trim() === "" ? null : Number(v));
    const input = {
      enterpriseId: me.organization.id,
      title: form.title.value.trim(),
      description: form.description.value.trim(),
      industryChainCode: form.industryChainCode.value,
      kind: form.kind.value,
      visibility: form.visibility.value,
      keywords: form.keywords.value.split(/[,，、;；\s]+/).map((k) => k.trim()).filter(Boolean),
      budgetMin: number(form.budgetMin.value),
      budgetMax: number(form.budgetMax.value),
      // The end of the chosen day in China, where the programme runs.
      deadline: form.deadline.value ? new Date(`${form.deadline.value}T23:59:59+08:00`).toISOString() : null,
      ...(form.visibility.value === "CONFIDENTIAL" ? { teaser: form.teaser.value.trim() || null } : {}),
    };
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      const data = await gql(OPS, { input }, "WorkbenchPostNeed");
      state.needFilter = ""; // the new need is listed under 全部, whatever the filter was
      await loadNeeds();
      await openNeed(data.postNeed.id);
    } catch (err) {
      submit.disabled = false;
      showFieldError(form, err);
    }
  }

  /** Reads the list and the open need again where they are (after a notification), without moving the view. */
  async function refresh() {
    await loadNeeds();
    if (state.need) await openNeed(state.need.id, state.focusMatch, true);
  }

  return { loadNeeds, openNeed, refresh, state };
}

/** The API's BAD_USER_INPUT names the field (extensions.field, e.g. "input.teaser"): the message goes beside it. */
function showFieldError(form, err) {
  const name = String(err.field || "").replace(/^input\./, "").split(".")[0];
  const box = name && form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (err.code === "BAD_USER_INPUT" && box) {
    box.querySelector(".wb-field-error").textContent = FIELD_PROBLEMS[name] || "输入有误";
    const control = box.querySelector("input, select, textarea");
    control.setAttribute("aria-invalid", "true");
    control.focus();
    return;
  }
  form.querySelector(".wb-form-error").textContent = `发布失败：${messageFor(err)}`;
}
