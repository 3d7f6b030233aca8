import type { ResponseStatus, SupplierKind, Visibility } from "../../generated/prisma/enums";
import type { Audience, NotificationNote } from "./notify";
import { DEFAULT_TIME_ZONE } from "../../config";
import { SUPPLIER_KINDS } from "../supplier";
import { localDateTime, localDay } from "../../infra/local-time";

/**
 * What each kind of notification says and to whom: one builder per NotificationKind, pure (the caller has the
 * rows). Titles are one Chinese line; bodies a few. A CONFIDENTIAL need's title, description and enterprise never
 * reach a supplier before it may see the need (programme.graphql, NeedTeaser).
 */

export interface SupplierOf {
  kind: SupplierKind;
  id: number;
}

interface NeedOf {
  id: number;
  title: string;
  enterpriseId: number;
}

const SUPPLIER_LABEL = Object.fromEntries(SUPPLIER_KINDS.map((k) => [k.kind, k.label])) as Record<SupplierKind, string>;

/** A supplier's users: an expert's own user and the users of the societies it belongs to; a platform's; a society's. */
export function supplierAudience(supplier: SupplierOf): Audience[] {
  switch (supplier.kind) {
    case "EXPERT":
      return [{ expert: supplier.id }, { societiesOfExpert: supplier.id }];
    case "PLATFORM":
      return [{ platform: supplier.id }];
    case "SOCIETY":
      return [{ society: supplier.id }];
    // Kinds no user acts for (supplier/kinds.ts: no viewerLink): ADMIN follows them on the dashboard.
    default:
      return [];
  }
}

const score2 = (score: number) => score.toFixed(2);

function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** MATCH_FOUND, to the matched supplier's users. A CONFIDENTIAL need: a generic line and no subject. */
export function matchFound(need: NeedOf & { description: string; visibility: Visibility; teaser?: string | null }, match: { id: number; supplier: SupplierOf; score: number }): NotificationNote {
  const label = SUPPLIER_LABEL[match.supplier.kind];
  const audience = supplierAudience(match.supplier);
  if (need.visibility === "CONFIDENTIAL") {
    return {
      kind: "MATCH_FOUND",
      title: `新匹配：一项保密需求（匹配度 ${score2(match.score)}）`,
      // The teaser only (written by the enterprise, without names); the match itself shows the same teaser.
      body: `一项保密需求与您所代表的${label}匹配${need.teaser ? `：${need.teaser}` : ""}。需求方发出邀请并经您接受后，可查看需求详情。`,
      subject: { type: "Match", id: match.id },
      audience,
    };
  }
  return {
    kind: "MATCH_FOUND",
    title: `新匹配：${need.title}（匹配度 ${score2(match.score)}）`,
    body: `需求「${need.title}」与您所代表的${label}匹配，匹配度 ${score2(match.score)}。\n${excerpt(need.description)}`,
    subject: { type: "Match", id: match.id },
    audience,
  };
}

/** RESPONSE_RECEIVED, to the need's enterprise. */
export function responseReceived(need: NeedOf, response: { id: number }, societyName: string): NotificationNote {
  return {
    kind: "RESPONSE_RECEIVED",
    title: `新响应：${societyName}响应了「${need.title}」`,
    body: `${societyName}对您的需求「${need.title}」提交了响应方案，请及时查看并答复。`,
    subject: { type: "Response", id: response.id },
    audience: [{ enterprise: need.enterpriseId }],
  };
}

const RESPONSE_STEP: Record<ResponseStatus, string> = { SUBMITTED: "已提交", SHORTLISTED: "已入围", ACCEPTED: "已被采纳", DECLINED: "未被采纳", WITHDRAWN: "已撤回" };

/**
 * RESPONSE_STATUS_CHANGED, to the other party: a withdrawal to the need's enterprise; a decision of the enterprise
 * (or ADMIN) to the responding society and the experts it offered.
 */
export function responseStatusChanged(
  need: NeedOf,
  response: { id: number; societyId: number; expertIds: number[] },
  to: ResponseStatus,
  societyName: string,
): NotificationNote {
  const subject = { type: "Response" as const, id: response.id };
  if (to === "WITHDRAWN") {
    return {
      kind: "RESPONSE_STATUS_CHANGED",
      title: `响应撤回：${societyName}撤回了对「${need.title}」的响应`,
      body: `${societyName}撤回了对您的需求「${need.title}」的响应。`,
      subject,
      audience: [{ enterprise: need.enterpriseId }],
    };
  }
  return {
    kind: "RESPONSE_STATUS_CHANGED",
    title: `响应${RESPONSE_STEP[to]}：「${need.title}」`,
    body: `${societyName}对需求「${need.title}」的响应${RESPONSE_STEP[to]}。`,
    subject,
    audience: [{ society: response.societyId }, ...response.expertIds.map((expert) => ({ expert }))],
  };
}

/** DEAL_RECORDED, to the need's enterprise and the supplier side (the responding society and its experts, or the matched supplier). */
export function dealRecorded(need: NeedOf, deal: { id: number }, supplierSide: Audience[]): NotificationNote {
  return {
    kind: "DEAL_RECORDED",
    title: `合作成果：「${need.title}」已记录成交`,
    body: `需求「${need.title}」的合作成果已登记。`,
    subject: { type: "Deal", id: deal.id },
    audience: [{ enterprise: need.enterpriseId }, ...supplierSide],
  };
}

/** NEED_STALE, once per need: to its enterprise and ADMINs. */
export function needStale(need: NeedOf, staleDays: number): NotificationNote {
  return {
    kind: "NEED_STALE",
    title: `需求待响应：「${need.title}」发布超过 ${staleDays} 天仍无响应`,
    body: `需求「${need.title}」发布已超过 ${staleDays} 天，尚未收到任何响应。可完善需求描述、调整预算或邀请匹配的专家与平台。`,
    subject: { type: "TechNeed", id: need.id },
    audience: [{ enterprise: need.enterpriseId }, { admins: true }],
    onceKey: `NEED_STALE:TechNeed:${need.id}`,
  };
}

/** NEED_DEADLINE_NEAR, three days before the deadline of an open need, to its enterprise; again if the deadline moves. */
export function needDeadlineNear(need: NeedOf & { deadline: Date }, timeZone = DEFAULT_TIME_ZONE): NotificationNote {
  return {
    kind: "NEED_DEADLINE_NEAR",
    title: `需求即将截止：「${need.title}」将于 ${localDay(need.deadline, timeZone)} 截止`,
    body: `您的需求「${need.title}」将于 ${localDateTime(need.deadline, timeZone)} 截止。如需延长，请在截止前调整截止日期。`,
    subject: { type: "TechNeed", id: need.id },
    audience: [{ enterprise: need.enterpriseId }],
    onceKey: `NEED_DEADLINE_NEAR:TechNeed:${need.id}:${need.deadline.toISOString()}`,
  };
}

// ─── Kinds whose events other modules are adding (invitations, dockings, registrations): see index.ts ───────────

/**
 * INVITATION_RECEIVED, to the invited supplier's users (a society's users also for its member experts). For a
 * CONFIDENTIAL need pass its teaser's summary as `teaser`: the title is then left out.
 */
export function invitationReceived(need: { title: string; visibility: Visibility; teaser?: string | null }, invitation: { id: number; supplier: SupplierOf; message?: string | null }): NotificationNote {
  const confidential = need.visibility === "CONFIDENTIAL";
  const what = confidential ? `一项保密需求${need.teaser ? `（${excerpt(need.teaser, 60)}）` : ""}` : `需求「${need.title}」`;
  return {
    kind: "INVITATION_RECEIVED",
    title: confidential ? "新邀请：一项保密需求邀请您对接" : `新邀请：「${need.title}」邀请您对接`,
    body: `${what}的发布方邀请您所代表的${SUPPLIER_LABEL[invitation.supplier.kind]}参与对接，请接受或婉拒。${invitation.message ? `\n留言：${excerpt(invitation.message, 300)}` : ""}`,
    subject: { type: "Invitation", id: invitation.id },
    audience: supplierAudience(invitation.supplier),
  };
}

/** INVITATION_ANSWERED, to the inviting enterprise. */
export function invitationAnswered(need: NeedOf, invitation: { id: number }, supplierName: string, accepted: boolean): NotificationNote {
  return {
    kind: "INVITATION_ANSWERED",
    title: `${accepted ? "邀请已接受" : "邀请被婉拒"}：${supplierName}，「${need.title}」`,
    body: `${supplierName}${accepted ? "接受" : "婉拒"}了您就需求「${need.title}」发出的对接邀请。`,
    subject: { type: "Invitation", id: invitation.id },
    audience: [{ enterprise: need.enterpriseId }],
  };
}

export type DockingChange = "SCHEDULED" | "MOVED" | "CANCELLED";
const DOCKING_CHANGE: Record<DockingChange, string> = { SCHEDULED: "已安排", MOVED: "已改期", CANCELLED: "已取消" };

/** DOCKING_SCHEDULED (also moved or cancelled), to both sides: the need's enterprise and the supplier's users. */
export function dockingScheduled(need: NeedOf, docking: { id: number; startsAt: Date; supplier: SupplierOf }, change: DockingChange, timeZone = DEFAULT_TIME_ZONE): NotificationNote {
  return {
    kind: "DOCKING_SCHEDULED",
    title: `对接${DOCKING_CHANGE[change]}：「${need.title}」${change === "CANCELLED" ? "" : `，${localDateTime(docking.startsAt, timeZone)}`}`,
    body: `需求「${need.title}」的对接${DOCKING_CHANGE[change]}${change === "CANCELLED" ? "。" : `，时间 ${localDateTime(docking.startsAt, timeZone)}。`}`,
    subject: { type: "Docking", id: docking.id },
    audience: [{ enterprise: need.enterpriseId }, ...supplierAudience(docking.supplier)],
  };
}

/** DOCKING_REMINDER, the day before, once per docking and time (a moved docking is reminded again), to both sides. */
export function dockingReminder(need: NeedOf, docking: { id: number; startsAt: Date; supplier: SupplierOf }, timeZone = DEFAULT_TIME_ZONE): NotificationNote {
  return {
    kind: "DOCKING_REMINDER",
    title: `对接提醒：「${need.title}」将于 ${localDateTime(docking.startsAt, timeZone)} 举行`,
    body: `提醒：需求「${need.title}」的对接将于 ${localDateTime(docking.startsAt, timeZone)} 举行。`,
    subject: { type: "Docking", id: docking.id },
    audience: [{ enterprise: need.enterpriseId }, ...supplierAudience(docking.supplier)],
    onceKey: `DOCKING_REMINDER:Docking:${docking.id}:${docking.startsAt.toISOString()}`,
  };
}

const REGISTRATION_KIND = { ENTERPRISE: "企业", SOCIETY: "学会", EXPERT: "专家" } as const;

/** REGISTRATION_SUBMITTED, to every ADMIN. */
export function registrationSubmitted(registration: { id: number; kind: keyof typeof REGISTRATION_KIND; name: string }): NotificationNote {
  return {
    kind: "REGISTRATION_SUBMITTED",
    title: `新注册待审核：${REGISTRATION_KIND[registration.kind]}「${registration.name}」`,
    body: `${REGISTRATION_KIND[registration.kind]}「${registration.name}」提交了注册申请，请审核。`,
    subject: { type: "Registration", id: registration.id },
    audience: [{ admins: true }],
  };
}

/** REGISTRATION_REVIEWED, to the applicant's user. */
export function registrationReviewed(registration: { id: number; name: string; userId: number }, approved: boolean, reason?: string | null): NotificationNote {
  return {
    kind: "REGISTRATION_REVIEWED",
    title: approved ? `注册已通过：「${registration.name}」` : `注册未通过：「${registration.name}」`,
    body: approved ? `您的注册申请「${registration.name}」已审核通过，欢迎使用科创南阳平台。` : `您的注册申请「${registration.name}」未通过审核。${reason ? `原因：${reason}` : ""}`,
    subject: { type: "Registration", id: registration.id },
    audience: [{ user: registration.userId }],
  };
}
