import { Prisma as P } from "../../generated/prisma/client";
import type { PrismaTypes } from "../../infra/db/rows";
import type { HubEvent, WrittenNotification } from "../../infra/pubsub/events";
import { toGlobalId, type NodeType } from "../../infra/relay/global-id";
import type { NotificationKind } from "../../generated/prisma/enums";
import { enqueueMails, type Mail, type MailAttachment } from "./mail-outbox";

type Tx = PrismaTypes.TransactionClient;

/**
 * Who hears of an event, by the role they act in; resolved to active users in SQL when the notes are written
 * (`user` names one user, active or not: an applicant whose registration was rejected is told so).
 * - expert / platform / society / enterprise: the users acting for it;
 * - societiesOfExpert: the users of every society the expert belongs to (they act for their members);
 * - user: one user; admins: every ADMIN.
 */
export type Audience =
  | { expert: number }
  | { societiesOfExpert: number }
  | { platform: number }
  | { society: number }
  | { enterprise: number }
  | { user: number }
  | { admins: true };

/**
 * One thing that happened, to be told to its audience (each user once, however many audiences name them).
 * `subject` is what it is about (a node type the hub knows, or one still to come: Invitation, Docking,
 * Registration), left out when some recipients may not see it. `onceKey` makes it at most once per recipient
 * whoever writes it, whenever (timed notifications).
 */
export interface NotificationNote {
  kind: NotificationKind;
  title: string;
  body: string;
  subject?: { type: NodeType | "Invitation" | "Docking" | "Registration"; id: number } | null;
  audience: Audience[];
  onceKey?: string | null;
  /** Files sent with the note's mails (a docking's .ics); the inbox row does not keep them. */
  attachments?: MailAttachment[];
}

/** What notify needs of the hub's settings. */
export interface NotifierSettings {
  /** Whether mail is sent (SMTP_URL set): without it no outbox rows are written. */
  mailOn: boolean;
  /** HUB_PUBLIC_URL: the links in mails point there. */
  publicUrl: string;
}

interface Written {
  id: number;
  userId: number;
  /** The index of the note it was written from (in `kept`). */
  note: number;
  /** With mail on only (Notifier.writtenRows): the user's address, and whether this kind is mailed at once. */
  email?: string;
  mail?: boolean;
}

/**
 * Writes notification rows inside the caller's transaction, so an event that committed always has its
 * notifications; with mail on, also the outbox rows of the users who want this kind mailed at once. Returns the
 * `notificationAdded` events to publish after commit. One statement for any number of notes and recipients
 * (postNeed tells ~60 users of 30 matches), plus one for the mails.
 */
export class Notifier {
  constructor(private readonly settings: NotifierSettings) {}

  async notify(tx: Tx, notes: NotificationNote[], at = new Date()): Promise<HubEvent[]> {
    const kept = notes.filter((n) => n.audience.length);
    if (!kept.length) return [];
    const audience = kept.flatMap((note, idx) => note.audience.map((a) => ({ idx, ...audienceRef(a) })));
    const rows = await tx.$queryRaw<Written[]>(P.sql`
      WITH note AS (
        SELECT * FROM unnest(${kept.map((_, i) => i)}::int[], ${kept.map((n) => n.kind)}::text[], ${kept.map((n) => n.title)}::text[],
          ${kept.map((n) => n.body)}::text[], ${kept.map((n) => n.subject?.type ?? null)}::text[], ${kept.map((n) => n.subject?.id ?? null)}::int[],
          ${kept.map((n) => n.onceKey ?? null)}::text[]) AS n(idx, kind, title, body, subject_type, subject_id, once_key)
      ), audience AS (
        SELECT * FROM unnest(${audience.map((a) => a.idx)}::int[], ${audience.map((a) => a.who)}::text[], ${audience.map((a) => a.ref)}::int[]) AS a(idx, who, ref)
      ), recipient AS (
        SELECT a.idx, u.id AS user_id FROM audience a JOIN "User" u ON a.who = 'expert' AND u."expertId" = a.ref AND u.active
        UNION SELECT a.idx, u.id FROM audience a JOIN "User" u ON a.who = 'platform' AND u."platformId" = a.ref AND u.active
        UNION SELECT a.idx, u.id FROM audience a JOIN "User" u ON a.who = 'society' AND u."societyId" = a.ref AND u.active
        UNION SELECT a.idx, u.id FROM audience a JOIN "User" u ON a.who = 'enterprise' AND u."enterpriseId" = a.ref AND u.active
        UNION SELECT a.idx, u.id FROM audience a JOIN "User" u ON a.who = 'user' AND u.id = a.ref
        UNION SELECT a.idx, u.id FROM audience a JOIN "SocietyMembership" m ON a.who = 'societiesOfExpert' AND m."expertId" = a.ref
          JOIN "User" u ON u."societyId" = m."societyId" AND u.active
        UNION SELECT a.idx, u.id FROM audience a JOIN "User" u ON a.who = 'admins' AND u.role = 'ADMIN' AND u.active
      ), written AS (
        INSERT INTO "Notification" ("userId", kind, title, body, "subjectType", "subjectId", "onceKey", "createdAt")
        SELECT r.user_id, n.kind::"NotificationKind", n.title, n.body, n.subject_type, n.subject_id, n.once_key, ${at}::timestamp(3)
        FROM recipient r JOIN note n ON n.idx = r.idx
        ORDER BY r.idx, r.user_id
        ON CONFLICT ("onceKey", "userId") DO NOTHING
        RETURNING ${returned(kept)}
      )
      ${this.writtenRows(kept)}`);
    if (this.settings.mailOn) {
      const mails = rows
        .filter((r) => r.mail)
        .map((r) => {
          const note = kept[r.note];
          return { ...notificationMail({ id: r.id, email: r.email!, title: note.title, body: note.body }, this.settings.publicUrl), attachments: note.attachments?.length ? note.attachments : undefined, notificationId: Number(r.id) };
        });
      await enqueueMails(tx, mails);
    }
    // Each event carries its row (one object per note, shared by its recipients): the subscribers need not read
    // back what was just written (events.ts WrittenNotification).
    const createdAt = at.toISOString();
    const written = kept.map((n): WrittenNotification => ({ kind: n.kind, title: n.title, body: n.body, subjectType: n.subject?.type ?? null, subjectId: n.subject?.id ?? null, onceKey: n.onceKey ?? null, createdAt }));
    return rows.map((r) => ({ topic: "notificationAdded" as const, payload: { notificationId: Number(r.id), userId: Number(r.userId), written: written[r.note] } }));
  }

  /**
   * Each written row with the index of its note (not its text: 10,000 recipients of one note are 10,000 short rows
   * to read, the text is the note's, in `kept`) and, with mail on, the user's address and whether this kind is
   * mailed at once. The statement reads only what is asked of it: one note (the common case) is every row's, so the
   * rows are not joined back to the notes on their text (nor return it); with mail off the users and preferences
   * are not read.
   */
  private writtenRows(kept: NotificationNote[]): P.Sql {
    const mail = this.settings.mailOn
      ? P.sql`, u.email, (p."userId" IS NULL OR (NOT p."dailyDigest" AND w.kind = ANY(p."emailKinds"))) AS mail`
      : P.empty;
    const mailFrom = this.settings.mailOn ? P.sql`JOIN "User" u ON u.id = w."userId" LEFT JOIN "NotificationPreference" p ON p."userId" = w."userId"` : P.empty;
    if (kept.length === 1) return P.sql`SELECT w.id, w."userId", 0 AS note ${mail} FROM written w ${mailFrom} ORDER BY w.id`;
    // Two identical notes: either index, the same text.
    return P.sql`
      SELECT DISTINCT ON (w.id) w.id, w."userId", n.idx AS note ${mail}
      FROM written w
        JOIN note n ON n.kind = w.kind::text AND n.title = w.title AND n.body = w.body AND n.subject_type IS NOT DISTINCT FROM w."subjectType"
          AND n.subject_id IS NOT DISTINCT FROM w."subjectId" AND n.once_key IS NOT DISTINCT FROM w."onceKey"
        ${mailFrom}
      ORDER BY w.id, n.idx`;
  }
}

/** What the insert hands on to writtenRows: the text only when it must be matched back to one of several notes. */
function returned(kept: NotificationNote[]): P.Sql {
  return kept.length === 1 ? P.sql`id, "userId", kind` : P.sql`id, "userId", kind, title, body, "subjectType", "subjectId", "onceKey"`;
}

function audienceRef(a: Audience): { who: string; ref: number } {
  if ("admins" in a) return { who: "admins", ref: 0 };
  const [who, ref] = Object.entries(a)[0] as [string, number];
  return { who, ref };
}

/** The mail of one notification: Chinese subject and text with a link to it in the hub. */
export function notificationMail(n: { id: number; email: string; title: string; body: string }, publicUrl: string): Mail {
  return {
    to: n.email,
    subject: `【科创南阳】${n.title}`,
    text: [n.title, "", n.body, "", `查看详情：${notificationLink(publicUrl, Number(n.id))}`, "", MAIL_FOOTER].join("\n"),
  };
}

export const notificationLink = (publicUrl: string, id: number) => `${publicUrl}/dashboard?notification=${toGlobalId("Notification", id)}`;

export const MAIL_FOOTER = "——\n科创南阳 · 百会链千企 平台通知（本邮件由系统发送，请勿直接回复）。\n在平台的通知设置中可以选择哪些通知发邮件，或改为每日摘要。";
