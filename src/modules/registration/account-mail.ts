import type { PrismaTypes } from "../../infra/db/rows";
import type { Logger } from "../../infra/logger";

type Tx = PrismaTypes.TransactionClient;

/** A registration as the notices need it. */
export interface RegistrationNotice {
  registrationId: number;
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
  /** A registration was submitted: ADMINs are told there is one to review. */
  registrationSubmitted(tx: Tx, registration: RegistrationNotice): Promise<void>;
  /** A registration was approved or rejected: the applicant is told. */
  registrationReviewed(tx: Tx, registration: RegistrationNotice): Promise<void>;
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
