import type { Context } from "../../context/context";
import type { Loaders } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import type { Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import { badInput } from "../../infra/errors";
import { idOf } from "../../infra/relay/global-id";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import { NotificationKind } from "../../generated/prisma/enums";
import { recordAudit } from "../audit";
import { unitOfWork } from "../../infra/db/unit-of-work";

export type NotificationRow = PrismaTypes.NotificationGetPayload<object>;

export interface NotificationPreferencesRow {
  emailKinds: NotificationKind[];
  dailyDigest: boolean;
}

/** Without a row of choices, every kind is mailed at once. */
export const DEFAULT_PREFERENCES: NotificationPreferencesRow = { emailKinds: Object.values(NotificationKind), dailyDigest: false };

/** The most ids one markNotificationsRead takes (a page is at most 100). */
const MAX_IDS = 500;

/**
 * A user's own notifications: every door (the list, the count, node(id:), marking, the subscription) is keyed by
 * the viewer's user id, so nobody reads or changes another user's notification.
 */
export class NotificationService {
  constructor(private readonly prisma: Prisma) {}

  /** Newest first. */
  list(ctx: Context, args: PageArgs, unreadOnly: boolean): Promise<Page<NotificationRow>> {
    const viewer = actingUser(ctx.viewer);
    const where: PrismaTypes.NotificationWhereInput = { userId: viewer.userId, ...(unreadOnly ? { readAt: null } : {}) };
    return keysetPage(
      pageRequest(args),
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.notification.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.notification.count({ where }),
    );
  }

  unreadCount(ctx: Context): Promise<number> {
    const viewer = actingUser(ctx.viewer);
    return this.prisma.notification.count({ where: { userId: viewer.userId, readAt: null } });
  }

  /** The viewer's own notification, or null (another user's looks exactly like a missing one). */
  async visible(viewer: Viewer, id: number): Promise<NotificationRow | null> {
    if (viewer.kind !== "user") return null;
    return this.prisma.notification.findFirst({ where: { id, userId: viewer.userId } });
  }

  /**
   * Of the given notifications, the viewer's own, in the given order, read through an event's shared loader: the
   * subscribers of one event on an instance read their rows with one statement; each keeps only its user's.
   */
  async ownOf(viewer: Viewer, ids: number[], loaders: Loaders): Promise<NotificationRow[]> {
    if (viewer.kind !== "user" || !ids.length) return [];
    const rows = await loaders.anyNotification.loadMany(ids);
    return rows.filter((row): row is NotificationRow => row !== null && !(row instanceof Error) && row.userId === viewer.userId);
  }

  /** Marks the given ones (those of the viewer; others are ignored) or all as read; returns how many changed. */
  async markRead(ctx: Context, ids: string[] | null | undefined, all: boolean): Promise<number> {
    const viewer = actingUser(ctx.viewer);
    if (!all && !ids?.length) throw badInput("ids", "Give the ids to mark, or all: true");
    if (ids && ids.length > MAX_IDS) throw badInput("ids", `At most ${MAX_IDS} ids at once`);
    const dbIds = all ? null : ids!.map((gid, i) => idOf("Notification", gid, `ids.${i}`) ?? -1);
    // Like every mutation, it leaves an audit row (who marked how many), in the same transaction.
    return unitOfWork(this.prisma, null, async (tx) => {
      const marked = await tx.notification.updateMany({
        where: { userId: viewer.userId, readAt: null, ...(dbIds ? { id: { in: dbIds } } : {}) },
        data: { readAt: new Date() },
      });
      await recordAudit(tx, ctx, "notification.read", { type: "User", id: viewer.userId }, { marked: marked.count, all });
      return marked.count;
    });
  }

  async preferences(userId: number): Promise<NotificationPreferencesRow> {
    const row = await this.prisma.notificationPreference.findUnique({ where: { userId } });
    return row ? { emailKinds: row.emailKinds, dailyDigest: row.dailyDigest } : DEFAULT_PREFERENCES;
  }

  /** The viewer's own choices; a field left out keeps its value. */
  async setPreferences(ctx: Context, input: { emailKinds?: NotificationKind[] | null; dailyDigest?: boolean | null }): Promise<NotificationPreferencesRow> {
    const viewer = actingUser(ctx.viewer);
    const current = await this.preferences(viewer.userId);
    const next = {
      emailKinds: input.emailKinds ? [...new Set(input.emailKinds)] : current.emailKinds,
      dailyDigest: input.dailyDigest ?? current.dailyDigest,
    };
    await unitOfWork(this.prisma, null, async (tx) => {
      await tx.notificationPreference.upsert({ where: { userId: viewer.userId }, create: { userId: viewer.userId, ...next }, update: next });
      await recordAudit(tx, ctx, "notification.preferences", { type: "User", id: viewer.userId }, next);
    });
    return next;
  }
}
