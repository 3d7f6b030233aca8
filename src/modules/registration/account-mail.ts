import type { PrismaTypes } from "../../infra/db/rows";
import type { Logger } from "../../infra/logger";
import type { HubEvent } from "../../infra/pubsub/events";
import { enqueueMail, registrationReviewed, registrationSubmitted, type Notifier } from "../notification";

type Tx = PrismaTypes.TransactionClient;

/** A registration as the notices need it. */
export interface RegistrationNotice {
  registrationId: number;
  userId: number;
  kind: "ENTERPRISE" | "SOCIETY" | "EXPERT";
  name: string;
  email: string;
  status: "PENDING" | "APPROVED" | "REJECTED";
  reason: string | null;
}

/**
 * What account care and registration send: the port the mail and notification module connects to (its outbox
 * writes in the caller's transaction, so a mail exists exactly when the change that caused it does). The
 * default logs only; the lead wires `enqueueMail` / `notify` behind it.
 */
export interface AccountMail {
  /** Mail the one-time reset link to the account's address. */
  passwordReset(tx: Tx, email: string, link: string): Promise<void>;
  /** A registration was submitted: ADMINs are told there is one to review. Returns the events to publish after commit. */
  registrationSubmitted(tx: Tx, registration: RegistrationNotice): Promise<HubEvent[] | void>;
  /** A registration was approved or rejected: the applicant is told. Returns the events to publish after commit. */
  registrationReviewed(tx: Tx, registration: RegistrationNotice): Promise<HubEvent[] | void>;
}

/** The default until mail is connected: a log line per message (the link itself is never logged). */
export function loggingAccountMail(log: Logger): AccountMail {
  return {
    async passwordReset(_tx, email) {
      log.info({ event: "mail.passwordReset", to: email }, "password reset link issued (no mail transport connected)");
    },
    async registrationSubmitted(_tx, r) {
      log.info({ event: "notify.registrationSubmitted", registrationId: r.registrationId, kind: r.kind }, "registration submitted");
    },
    async registrationReviewed(_tx, r) {
      log.info({ event: "notify.registrationReviewed", registrationId: r.registrationId, status: r.status }, "registration reviewed");
    },
  };
}

/**
 * Account care and registration through the inbox and its mail: the reset link is mailed through the outbox (sent
 * after commit, with retries); ADMINs and the applicant get their notifications (and mail, by their preferences).
 * Rows only: the live `notificationAdded` push of these is left out (they happen while nobody is signed in, or to
 * ADMINs, who read the inbox).
 */
export function notifyingAccountMail(notifier: Notifier, publicUrl: () => string): AccountMail {
  return {
    async passwordReset(tx, email, link) {
      await enqueueMail(tx, {
        to: email,
        subject: "【科创南阳·百会链千企】重设密码",
        text: `您（或他人）申请重设该账号的密码。请在 1 小时内打开以下链接设置新密码（仅可使用一次）：\n${link}\n\n如非本人操作，请忽略本邮件，原密码仍然有效。\n${publicUrl()}`,
      });
    },
    async registrationSubmitted(tx, r) {
      return notifier.notify(tx, [registrationSubmitted({ id: r.registrationId, kind: r.kind, name: r.name })]);
    },
    async registrationReviewed(tx, r) {
      return notifier.notify(tx, [registrationReviewed({ id: r.registrationId, name: r.name, userId: r.userId }, r.status === "APPROVED", r.reason)]);
    },
  };
}
