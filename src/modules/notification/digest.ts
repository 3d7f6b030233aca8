import type { Prisma } from "../../infra/db/database";
import { MAIL_FOOTER } from "./notify";
import { localDay, localHourOn } from "../../infra/local-time";

const DAY_MS = 86_400_000;

export interface DigestSettings {
  /** Local hour (HUB_DIGEST_HOUR) in `timeZone`. */
  hour: number;
  timeZone: string;
  publicUrl: string;
}

/**
 * The daily digest: one mail per user who chose it (NotificationPreferences.dailyDigest), listing the notifications
 * of the kinds they mail that were written in the 24 hours before today's digest hour. Queued by whichever instance
 * sweeps first once the hour has come (the outbox's onceKey `digest:<user>:<local date>` makes it once), so a hub
 * that was down at that hour sends it when it is back, that same day.
 */
export class DailyDigest {
  constructor(
    private readonly prisma: Prisma,
    private readonly settings: DigestSettings,
  ) {}

  /** Queues the digests due at `now`; returns how many were queued. */
  async run(now = new Date()): Promise<number> {
    const { hour, timeZone, publicUrl } = this.settings;
    const until = localHourOn(now, hour, timeZone);
    if (now < until) return 0;
    const since = localHourOn(new Date(until.getTime() - DAY_MS), hour, timeZone);
    const day = localDay(now, timeZone);
    const head = `您好，以下是截至 ${day} ${String(hour).padStart(2, "0")}:00 的 24 小时内您收到的平台通知：\n\n`;
    const tail = `\n\n查看全部通知：${publicUrl}/dashboard?notifications\n\n${MAIL_FOOTER}`;
    return this.prisma.$executeRaw`
      INSERT INTO "MailOutbox" ("to", subject, text, "onceKey")
      SELECT u.email, '【科创南阳】每日通知摘要（' || ${day} || '，共 ' || count(*) || ' 条）',
        ${head} || string_agg('· ' || n.title, E'\n' ORDER BY n.id) || ${tail}, 'digest:' || u.id || ':' || ${day}
      FROM "NotificationPreference" p
      JOIN "User" u ON u.id = p."userId" AND u.active
      JOIN "Notification" n ON n."userId" = u.id AND n.kind = ANY(p."emailKinds")
        AND n."createdAt" > ${since}::timestamp(3) AND n."createdAt" <= ${until}::timestamp(3)
      WHERE p."dailyDigest" AND NOT EXISTS (SELECT 1 FROM "MailOutbox" o WHERE o."onceKey" = 'digest:' || u.id || ':' || ${day})
      GROUP BY u.id, u.email
      ON CONFLICT ("onceKey") DO NOTHING`;
  }
}
