// The supplier's side of the workbench (an expert, a platform's or a society's staff): 收到的邀请 with accept and
// decline (a reason code and words), 我的匹配, and a society's response to a need the API takes responses for.
import { gql, messageFor } from "./auth.js";
import * as w from "./workbench-words.js";
import { dockingsHtml, handleDockings, supplierUpcoming, upcomingSection } from "./workbench-docking.js";
import { filterHtml, handleMore, moreHtml, pagedList, PAGE_SIZE } from "./workbench-paging.js";
import { expertPickerHtml, memberExperts, pickedExperts } from "./workbench-service.js";
import OPS from "../../../../schema/operations/workbench-supplier.graphql";

const esc = w.esc;
// The invitations' filter (the statuses a supplier acts on); 全部 also lists the withdrawn and expired ones.
const INVITATION_FILTER = [["", "全部"], ...["PENDING", "ACCEPTED", "DECLINED"].map((s) => [s, w.invitationStatus(s)])];

/** Mounts the supplier side into `el` for `me` (EXPERT, SOCIETY or a platform's staff). */
export function mountSupplier(el, me, onError) {
  const state = { invitations: [], matches: [], invitationFilter: "", invitationCounts: null, experts: [] };
  const society = me.organization && me.organization.__typename === "Society" ? me.organization : null;
  const actingFor = me.expert ? me.expert.name : me.organization ? me.organization.name : "";
  el.innerHTML = `
    <div class="wb-columns">
      <section class="card" aria-labelledby="wb-inv-title">
        <h2 id="wb-inv-title">收到的邀请 <span class="hub-muted">${esc(actingFor)}</span></h2>
        <div class="wb-filter" id="wb-invitation-filter" role="group" aria-label="按状态筛选邀请"></div>
        <ol class="wb-list" id="wb-invitations"><li class="hub-muted">加载中…</li></ol>
        <div class="wb-more" id="wb-invitations-more"></div>
      </section>
      <section class="card" aria-labelledby="wb-mm-title">
        <h2 id="wb-mm-title">我的匹配 <span class="hub-muted">${society ? "本学会及会员专家" : "按匹配度推荐的需求"}</span></h2>
        <ol class="wb-list" id="wb-my-matches"><li class="hub-muted">加载中…</li></ol>
        <div class="wb-more" id="wb-my-matches-more"></div>
      </section>
    </div>`;
  const invList = el.querySelector("#wb-invitations");
  const matchList = el.querySelector("#wb-my-matches");
  const upcoming = upcomingSection(el, () => supplierUpcoming(state.invitations), (d) => focus(`.wb-docking[data-docking-id="${CSS.escape(d.id)}"]`));
  const invMore = el.querySelector("#wb-invitations-more");
  const matchMore = el.querySelector("#wb-my-matches-more");
  const invFilter = el.querySelector("#wb-invitation-filter");
  const invitations = pagedList(async (first, after) => {
    const status = state.invitationFilter ? [state.invitationFilter] : null;
    return (await gql(OPS, { first, after, status }, "WorkbenchInvitations")).invitations;
  });
  const matches = pagedList(async (first, after) => (await gql(OPS, { first, after }, "WorkbenchMyMatches")).myMatches);

  /** Reads both lists again, each as long as it is shown, and the invitations' counts. */
  async function load() {
    try {
      // A society's member experts: the ones its response may propose.
      const [inv, mm, counts, experts] = await Promise.all([
        invitations.reload(),
        matches.reload(),
        gql(OPS, {}, "WorkbenchInvitationCounts"),
        society ? memberExperts(society.id) : [],
      ]);
      state.invitationCounts = counts;
      state.experts = experts;
      invFilter.innerHTML = filterHtml(INVITATION_FILTER, state.invitationFilter, counts);
      if (inv) renderInvitations();
      if (mm) renderMatches();
    } catch (err) {
      onError(`加载失败：${messageFor(err)}`);
    }
  }

  function renderInvitations() {
    state.invitations = invitations.rows;
    invList.innerHTML =
      state.invitations.map(invitationHtml).join("") ||
      (state.invitationFilter
        ? `<li class="hub-muted wb-empty">没有${esc(w.invitationStatus(state.invitationFilter))}的邀请。</li>`
        : `<li class="hub-muted wb-empty">暂无邀请。企业邀请您对接时会在这里出现，并通过通知告诉您。</li>`);
    invMore.innerHTML = moreHtml(invitations);
    upcoming.refresh(); // from the accepted invitations loaded
  }

  function renderMatches() {
    state.matches = matches.rows;
    matchList.innerHTML = state.matches.map(matchHtml).join("") || `<li class="hub-muted wb-empty">暂无匹配。</li>`;
    matchMore.innerHTML = moreHtml(matches);
  }

  const failed = (err) => onError(`加载失败：${messageFor(err)}`);
  handleMore(invMore, invitations, (added) => invList.insertAdjacentHTML("beforeend", added.map(invitationHtml).join("")), failed);
  handleMore(matchMore, matches, (added) => matchList.insertAdjacentHTML("beforeend", added.map(matchHtml).join("")), failed);
  invFilter.onclick = async (event) => {
    const option = event.target.closest("[data-filter]");
    if (!option || option.dataset.filter === state.invitationFilter) return;
    state.invitationFilter = option.dataset.filter;
    invFilter.innerHTML = filterHtml(INVITATION_FILTER, state.invitationFilter, state.invitationCounts);
    try {
      if (await invitations.reload(PAGE_SIZE)) renderInvitations();
    } catch (err) {
      failed(err);
    }
  };

  // The need's title once the API shows it; a CONFIDENTIAL need before acceptance is its teaser only.
  const needTitle = (x) => (x.need ? x.need.title : w.teaserTitle(x.teaser));
  const needMeta = (x) => (x.need ? `${x.need.industryChain.name}${x.need.enterprise ? ` · ${x.need.enterprise.name}` : ""}` : x.teaser ? `${x.teaser.industryChain.name} · ${w.needKind(x.teaser.kind)} · ${x.teaser.region.name}` : "");

  function invitationHtml(i) {
    const m = i.match;
    return `<li class="wb-invitation-item" data-invitation-id="${esc(i.id)}" data-status="${esc(i.status)}" data-need-id="${esc(i.need ? i.need.id : "")}">
      <div class="wb-title">${esc(needTitle(i))}</div>
      <div class="wb-meta">${esc(needMeta(i))} · 受邀方 ${esc(i.supplier.name)} · ${esc(w.when(i.createdAt))}</div>
      ${i.need ? `<details class="wb-description"><summary>需求描述</summary><p>${esc(i.need.description)}</p></details>` : ""}
      ${i.message ? `<p class="wb-message">企业留言：${esc(i.message)}</p>` : ""}
      ${m ? `<p class="wb-meta">匹配度 ${w.score(m.score)} · 第 ${m.rank} 名${m.reason ? ` · ${esc(m.reason)}` : ""}</p>` : ""}
      <div class="wb-actions"><span class="wb-invitation" data-status="${esc(i.status)}">${esc(w.invitationStatus(i.status))}</span>
        ${i.status === "DECLINED" ? `<span class="hub-muted">${esc(w.declineCode(i.declineCode))}${i.declineText ? `，${esc(i.declineText)}` : ""}</span>` : ""}
        ${i.status === "PENDING" ? answerHtml(i) : ""}</div>
      ${i.status === "ACCEPTED" && i.need ? w.contactHtml(i.need.enterprise.contact, `${i.need.enterprise.name} 的联系方式`) + dockingsHtml(i.need.dockings, i.id, me) : ""}
    </li>`;
  }

  function answerHtml(i) {
    return `<button type="button" class="hub-btn" data-action="accept">接受邀请</button>
      <button type="button" class="hub-btn-plain" data-action="decline-open">婉拒</button>
      <form class="wb-decline" hidden>
        <label>婉拒原因 <select name="code">${Object.entries(w.DECLINE_CODES).map(([k, v]) => `<option value="${k}">${v}</option>`).join("")}</select></label>
        <label class="wb-sr" for="why-${esc(i.id)}">说明</label>
        <textarea id="why-${esc(i.id)}" name="text" rows="2" maxlength="1000" placeholder="说明（可选）"></textarea>
        <button type="submit" class="hub-btn">确认婉拒</button>
      </form>
      <span class="wb-form-error" role="alert"></span>`;
  }

  function matchHtml(m) {
    const respondable = society && m.need && m.need.acceptingResponses;
    return `<li class="wb-my-match" data-match-id="${esc(m.id)}" data-need-id="${esc(m.need ? m.need.id : "")}">
      <div class="wb-title">${esc(needTitle(m))}</div>
      <div class="wb-meta">${esc(needMeta(m))} · ${esc(w.supplierKind(m.supplierKind))} ${esc(m.supplier.name)} · 第 ${m.rank} 名 · 匹配度 ${w.score(m.score)} · ${esc(w.matchStatus(m.status))}</div>
      ${m.reason ? `<p class="wb-reason">${esc(m.reason)}</p>` : ""}
      ${w.termsHtml(m.matchedTerms)}
      ${w.breakdownHtml(m.breakdown)}
      ${
        respondable
          ? `<details class="wb-respond"><summary>以学会名义响应此需求</summary><form class="wb-respond-form" data-need-id="${esc(m.need.id)}">
              <label class="wb-sr" for="p-${esc(m.id)}">响应方案</label>
              <textarea id="p-${esc(m.id)}" name="proposal" rows="3" maxlength="5000" placeholder="响应方案：拟派专家、技术路线、时间安排"></textarea>
              ${expertPickerHtml(state.experts, "拟派专家（本学会在册专家）")}
              <button type="submit" class="hub-btn">提交响应</button><span class="wb-form-error" role="alert"></span></form></details>`
          : ""
      }
    </li>`;
  }

  invList.addEventListener("click", (event) => {
    const item = event.target.closest(".wb-invitation-item");
    const action = event.target.closest("[data-action]");
    if (!item || !action) return;
    if (action.dataset.action === "accept") answer(item, { id: item.dataset.invitationId, accept: true });
    if (action.dataset.action === "decline-open") item.querySelector(".wb-decline").hidden = false;
  });
  handleDockings(invList, load);
  invList.addEventListener("submit", (event) => {
    const form = event.target.closest(".wb-decline");
    if (!form) return;
    event.preventDefault();
    const item = form.closest(".wb-invitation-item");
    answer(item, { id: item.dataset.invitationId, accept: false, declineCode: form.code.value, declineText: form.text.value.trim() || null });
  });
  matchList.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const error = form.querySelector(".wb-form-error");
    error.textContent = "";
    try {
      await gql(OPS, { input: { needId: form.dataset.needId, societyId: society.id, proposal: form.proposal.value.trim(), expertIds: pickedExperts(form) } }, "WorkbenchRespond");
      form.closest(".wb-respond").outerHTML = `<p class="wb-done">已提交响应，企业将在需求页看到。</p>`;
    } catch (err) {
      error.textContent = `提交失败：${messageFor(err)}`;
    }
  });

  async function answer(item, variables) {
    item.querySelectorAll("button").forEach((b) => (b.disabled = true));
    try {
      await gql(OPS, variables, "WorkbenchAnswer");
      await load();
      focus(`.wb-invitation-item[data-invitation-id="${CSS.escape(variables.id)}"]`);
    } catch (err) {
      item.querySelectorAll("button").forEach((b) => (b.disabled = false));
      item.querySelector(".wb-form-error").textContent = `操作失败：${messageFor(err)}`;
    }
  }

  /** Highlights one item (a notification's subject) and brings it into view; false when it is not listed. */
  function focus(selector) {
    const item = el.querySelector(selector);
    if (!item) return false;
    el.querySelectorAll(".wb-focus").forEach((x) => x.classList.remove("wb-focus"));
    item.classList.add("wb-focus");
    item.scrollIntoView({ block: "center" });
    return true;
  }

  return { load, focus, state };
}
