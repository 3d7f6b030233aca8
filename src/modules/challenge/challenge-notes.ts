import { localDateTime } from "../../infra/local-time";
import type { Audience, NotificationNote } from "../notification";

/**
 * CHALLENGE_PROGRESS notes (an extension of NotificationKind): each step of a 揭榜挂帅 review, to those it concerns.
 * The subject is the challenge itself, which every recipient may read; scores and the panel never appear in them.
 */
interface ChallengeOf {
  id: number;
  title: string;
  enterpriseId: number;
}

const note = (need: ChallengeOf, title: string, body: string, audience: Audience[]): NotificationNote => ({
  kind: "CHALLENGE_PROGRESS",
  title,
  body,
  subject: { type: "TechNeed", id: need.id },
  audience,
});

export const criteriaSet = (need: ChallengeOf, count: number) =>
  note(need, `揭榜挂帅评审标准已确定：${need.title}`, `「${need.title}」的 ${count} 项加权评审标准已确定。`, [{ enterprise: need.enterpriseId }, { admins: true }]);

export const panelistAppointed = (need: ChallengeOf, expertId: number) =>
  note(need, `揭榜挂帅评审邀请：${need.title}`, `您已被聘为「${need.title}」的评审专家，请按评审标准为各揭榜方案打分（0–10 分）。`, [{ expert: expertId }]);

export const panelistRemoved = (need: ChallengeOf, expertId: number) =>
  note(need, `揭榜挂帅评审调整：${need.title}`, `您已不再担任「${need.title}」的评审专家，您的评分已撤回。`, [{ expert: expertId }]);

/** Once per panelist and challenge: corrections after the last solution do not tell ADMIN again. */
export const scoringDone = (need: ChallengeOf, expert: { id: number; name: string }): NotificationNote => ({
  ...note(need, `评审专家已完成评分：${need.title}`, `评审专家${expert.name}已为「${need.title}」的全部揭榜方案评分。`, [{ admins: true }]),
  onceKey: `CHALLENGE_SCORED:TechNeed:${need.id}:Expert:${expert.id}`,
});

export function noticePublished(need: ChallengeOf, winnerSociety: string, endsAt: Date, timeZone: string, audience: Audience[]): NotificationNote {
  return note(
    need,
    `揭榜挂帅公示：${need.title}`,
    `「${need.title}」拟揭榜方为${winnerSociety}，公示至 ${localDateTime(endsAt, timeZone)}。公示期内可登录平台提出异议。`,
    [{ enterprise: need.enterpriseId }, ...audience],
  );
}

export const objectionLodged = (need: ChallengeOf) =>
  note(need, `揭榜挂帅公示收到异议：${need.title}`, `「${need.title}」的公示收到一项异议，请及时处理。`, [{ admins: true }]);

export function objectionResolved(need: ChallengeOf, lodgedById: number, upheld: boolean, resolution: string, withdrawnTo: Audience[]): NotificationNote[] {
  const told = note(need, `异议处理结果：${need.title}`, `您对「${need.title}」公示提出的异议${upheld ? "成立，公示已撤回" : "不成立"}。处理意见：${resolution}`, [{ user: lodgedById }]);
  if (!upheld) return [told];
  return [told, note(need, `揭榜挂帅公示撤回：${need.title}`, `「${need.title}」的公示因异议成立而撤回，评审重新进行。`, [{ enterprise: need.enterpriseId }, ...withdrawnTo])];
}

export const milestoneAdded = (need: ChallengeOf, title: string, dueOn: Date, timeZone: string, winnerSocietyId: number) =>
  note(need, `揭榜任务节点：${title}`, `「${need.title}」新增任务节点「${title}」，应于 ${localDateTime(dueOn, timeZone)} 前完成。`, [{ society: winnerSocietyId }]);

export const milestoneDone = (need: ChallengeOf, title: string) =>
  note(need, `揭榜任务节点已完成：${title}`, `「${need.title}」的任务节点「${title}」已报告完成。`, [{ enterprise: need.enterpriseId }, { admins: true }]);

export const acceptanceDecided = (need: ChallengeOf, passed: boolean, winnerSocietyId: number) =>
  note(
    need,
    `揭榜挂帅验收${passed ? "通过" : "未通过"}：${need.title}`,
    passed ? `「${need.title}」已通过验收，榜额计为已兑付。` : `「${need.title}」本次验收未通过，请按验收意见完善后再次申请验收。`,
    [{ enterprise: need.enterpriseId }, { society: winnerSocietyId }, { admins: true }],
  );
