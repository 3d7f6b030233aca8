import type { Prisma } from "../../infra/db/database";
import type { Logger } from "../../infra/logger";
import type { MailAttachment } from "./mail-outbox";

/** What the worker needs of a mail transport (nodemailer's, or a test's). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; attachments?: MailAttachment[] }): Promise<unknown>;
  close?(): void;
}

export interface MailWorkerOptions {
  from: string;
  /** The first retry's delay in seconds; each further one doubles it, up to a day. */
  retrySeconds: number;
  /** Attempts before a mail is marked FAILED. */
  maxAttempts: number;
  /** Mails claimed per statement. */
  batch?: number;
  /** How long a claimed mail stays with the worker that claimed it before another may try (a worker that died). */
  leaseSeconds?: number;
}

interface Claimed {
  id: number;
  to: string;
  subject: string;
  text: string;
  attachments: MailAttachment[] | null;
  attempts: number;
}

const DAY_SECONDS = 86_400;

/**
 * Sends the outbox, after commit and never inside a request. Each batch is claimed in one statement with
 * `FOR UPDATE SKIP LOCKED`, which also moves its `nextAttemptAt` a lease ahead: two instances draining one outbox
 * never take the same mail, and no transaction stays open while SMTP talks. A failure is retried with exponential
 * back-off until `maxAttempts`, then the mail is FAILED (kept, with its last error, for the operator).
 */
export class MailWorker {
  private readonly batch: number;
  private readonly leaseSeconds: number;

  constructor(
    private readonly prisma: Prisma,
    private readonly transport: MailTransport,
    private readonly options: MailWorkerOptions,
    private readonly log: Logger,
  ) {
    this.batch = options.batch ?? 20;
    this.leaseSeconds = options.leaseSeconds ?? 300;
  }

  /** Sends every mail that is due; returns how many went and how many failed this time. */
  async drain(): Promise<{ sent: number; failed: number }> {
    const total = { sent: 0, failed: 0 };
    for (;;) {
      const claimed = await this.claim();
      for (const mail of claimed) {
        if (await this.send(mail)) total.sent++;
        else total.failed++;
      }
      if (claimed.length < this.batch) break;
    }
    if (total.sent || total.failed) this.log.info(total, "mail outbox drained");
    return total;
  }

  private claim(): Promise<Claimed[]> {
    const now = new Date();
    const leaseEnd = new Date(now.getTime() + this.leaseSeconds * 1000);
    return this.prisma.$queryRaw<Claimed[]>`
      UPDATE "MailOutbox" SET "nextAttemptAt" = ${leaseEnd}::timestamp(3), attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "MailOutbox"
        WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}::timestamp(3)
        ORDER BY id LIMIT ${this.batch}
        FOR UPDATE SKIP LOCKED
      ) AND status = 'PENDING'
      RETURNING id, "to", subject, text, attachments, attempts`;
  }

  private async send(mail: Claimed): Promise<boolean> {
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
      });
      await this.prisma.mailOutbox.update({ where: { id: mail.id }, data: { status: "SENT", sentAt: new Date(), lastError: null } });
      return true;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const giveUp = mail.attempts >= this.options.maxAttempts;
      const delay = Math.min(this.options.retrySeconds * 2 ** (mail.attempts - 1), DAY_SECONDS);
      await this.prisma.mailOutbox.update({
        where: { id: mail.id },
        data: giveUp ? { status: "FAILED", lastError: error.slice(0, 2000) } : { nextAttemptAt: new Date(Date.now() + delay * 1000), lastError: error.slice(0, 2000) },
      });
      this.log.warn({ mailId: mail.id, attempts: mail.attempts, error, retryInSeconds: giveUp ? null : delay }, giveUp ? "mail failed for good" : "mail failed; will retry");
      return false;
    }
  }
}

/** nodemailer over SMTP_URL, loaded only when mail is on; one pooled connection reused across mails. */
export function smtpTransport(smtpUrl: string): MailTransport {
  const nodemailer = require("nodemailer") as typeof import("nodemailer");
  return nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 2, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
}
