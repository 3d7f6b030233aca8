// The workbench's words: the API's enum values and score features in Chinese, and small formatting helpers.
// The labels are the page's only knowledge of the domain; what is shown and to whom is the API's decision.

import { esc } from "./html.js";

export { esc };
export const day = (iso) => (iso ? new Date(iso).toLocaleDateString("zh-CN") : "");
export const when = (iso) => (iso ? new Date(iso).toLocaleString("zh-CN", { hour12: false, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }) : "");
const label = (table) => (value) => table[value] || value || "";

export const needStatus = label({ DRAFT: "草稿", OPEN: "征集中", IN_DOCKING: "对接中", RESOLVED: "已解决", CLOSED: "已关闭", EXPIRED: "已过期" });
export const visibility = label({ PUBLIC: "公开", MEMBERS: "仅登录用户可见", CONFIDENTIAL: "保密" });
export const NEED_KINDS = { TECH_BREAKTHROUGH: "技术攻关", TECH_TRANSFER: "成果转让", CONSULTING: "技术咨询", TALENT: "人才需求", JOINT_RD: "联合研发", PILOT_TEST: "中试验证" };
export const needKind = label(NEED_KINDS);
export const supplierKind = label({ EXPERT: "专家", PLATFORM: "创新平台", SOCIETY: "学会" });
export const matchStatus = label({ SUGGESTED: "推荐", VIEWED: "已查看", CONTACTED: "已联系", ACCEPTED: "已接受", REJECTED: "已拒绝", DOCKED: "已对接", CLOSED: "已关闭" });
export const invitationStatus = label({ PENDING: "待答复", ACCEPTED: "已接受", DECLINED: "已婉拒", WITHDRAWN: "已撤回", EXPIRED: "已过期" });
export const responseStatus = label({ SUBMITTED: "已提交", SHORTLISTED: "入围", ACCEPTED: "已采纳", DECLINED: "未采纳", WITHDRAWN: "已撤回" });
export const DECLINE_CODES = { NO_CAPACITY: "暂无余力承接", OUT_OF_SCOPE: "不在专业范围内", CONFLICT_OF_INTEREST: "存在利益冲突", TERMS: "合作条件不合适", OTHER: "其他原因" };
export const declineCode = label(DECLINE_CODES);

// The matching engine's features (ScoreComponent.feature), as an enterprise would name them.
export const feature = label({
  text: "需求与专长相近",
  kindFit: "擅长此类需求",
  industryChain: "同属产业链",
  capacity: "尚有承接余力",
  track: "以往对接记录",
  region: "地域相近",
  schedule: "时间安排合适",
  outcome: "同产业链以往成交",
});

export const score = (x) => (typeof x === "number" ? x.toFixed(3) : "—");

/** A supplier's contact, when the API gives it (after an accepted invitation or response), else nothing. */
export function contactHtml(contact, title = "联系方式") {
  if (!contact) return "";
  const parts = [esc(contact.person), contact.phone ? `电话 ${esc(contact.phone)}` : "", contact.email ? `邮箱 ${esc(contact.email)}` : ""].filter(Boolean);
  return `<p class="wb-contact" data-testid="contact"><strong>${esc(title)}：</strong>${parts.join(" · ")}</p>`;
}

/**
 * The score's breakdown in words, the largest contributions first; features that added nothing are left out.
 * Folded unless `open`: a list of twenty matches stays readable, each one a click from its reasons.
 */
export function breakdownHtml(breakdown, open = false) {
  const parts = [...(breakdown || [])].filter((c) => c.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  if (!parts.length) return "";
  const top = parts[0].contribution;
  return `<details class="wb-why"${open ? " open" : ""}><summary>匹配度构成</summary><ul class="wb-breakdown">${parts
    .map(
      (c) => `<li data-feature="${esc(c.feature)}"><span class="wb-feature">${esc(feature(c.feature))}</span>
        <span class="wb-bar"><span style="width:${Math.max(4, Math.round((c.contribution / top) * 100))}%"></span></span>
        <span class="wb-contribution">+${c.contribution.toFixed(3)}</span></li>`,
    )
    .join("")}</ul></details>`;
}

export function termsHtml(terms) {
  return terms && terms.length ? `<p class="wb-terms">共同关键词：${terms.map((t) => `<span class="wb-term">${esc(t)}</span>`).join("")}</p>` : "";
}

/** A CONFIDENTIAL need still closed to the viewer: its teaser, never more. */
export function teaserTitle(teaser) {
  return teaser ? `保密需求：${teaser.summary}` : "保密需求";
}
