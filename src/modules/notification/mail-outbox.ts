import type { PrismaTypes } from "../../infra/db/rows";

type Tx = PrismaTypes.TransactionClient;

/** A file sent with a mail (a docking's .ics, for instance); `content` is text, or base64 with `encoding: "base64"`. */
export interface MailAttachment {
  filename: string;
  content: string;
  encoding?: "base64" | "utf-8";
  contentType?: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/** A mail and what ties it: the notification it reports, or a key that makes it once only (a digest). */
export interface OutboxMail extends Mail {
  notificationId?: number | null;
  onceKey?: string | null;
}

/**
 * Queues a mail inside the caller's transaction: it is sent after commit by the mail worker (mail-worker.ts), with
 * retries, and never if the transaction rolls back. With no SMTP_URL the row waits until mail is configured.
 */
export async function enqueueMail(tx: Tx, mail: Mail): Promise<void> {
  await enqueueMails(tx, [mail]);
}

/** Several mails in one statement; a mail whose onceKey was queued before is left out. */
export async function enqueueMails(tx: Tx, mails: OutboxMail[]): Promise<void> {
  if (!mails.length) return;
  await tx.mailOutbox.createMany({
    data: mails.map((m) => ({
      to: m.to,
      subject: m.subject,
      text: m.text,
      attachments: m.attachments?.length ? (m.attachments as unknown as PrismaTypes.InputJsonValue) : undefined,
      notificationId: m.notificationId ?? null,
      onceKey: m.onceKey ?? null,
    })),
    skipDuplicates: true,
  });
}
