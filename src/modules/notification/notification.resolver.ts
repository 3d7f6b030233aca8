import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import { toConnection } from "../../infra/relay/connection";
import type { UserRow } from "../../infra/db/rows";
import { toGlobalId } from "../../infra/relay/global-id";
import { User } from "../user";
import { Node } from "../node";
import { MarkNotificationsReadArgs, NotificationPreferencesInput, NotificationsArgs } from "./notification.input";
import type { NotificationRow } from "./notification.service";
import { Notification, NotificationConnection, NotificationPreferences } from "./notification.type";

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The signed-in user's own notifications, newest first." })
  async notifications(@Args() args: NotificationsArgs, @Ctx() ctx: Context) {
    return toConnection(await ctx.services.notifications.list(ctx, args, args.unreadOnly === true));
  }

  @Query(() => Int, { description: "How many of the signed-in user's notifications are unread." })
  unreadNotificationCount(@Ctx() ctx: Context) {
    return ctx.services.notifications.unreadCount(ctx);
  }

  @Mutation(() => Int, { description: "Marks the signed-in user's notifications read (the given ones, or all); returns how many changed. Others' ids change nothing." })
  markNotificationsRead(@Args() args: MarkNotificationsReadArgs, @Ctx() ctx: Context) {
    return ctx.services.notifications.markRead(ctx, args.ids, args.all === true);
  }

  @Mutation(() => NotificationPreferences, { description: "The signed-in user's own mail choices; a field left out keeps its value." })
  setNotificationPreferences(@Arg("input", () => NotificationPreferencesInput) input: NotificationPreferencesInput, @Ctx() ctx: Context) {
    return ctx.services.notifications.setPreferences(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() notification: NotificationRow) {
    return toGlobalId("Notification", notification.id);
  }

  @FieldResolver(() => Node, { nullable: true, description: "What it is about (a need, match, invitation, response, docking, deal, registration), when the reader may see it." })
  subject(@Root() notification: NotificationRow, @Ctx() ctx: Context) {
    if (!notification.subjectType || notification.subjectId === null) return null;
    return ctx.services.nodes.visible(ctx, notification.subjectType, notification.subjectId);
  }
}

@Resolver(() => User)
export class UserNotificationResolver {
  @FieldResolver(() => NotificationPreferences, { description: "Private: the user's own mail choices, seen by the user, ADMIN and ANALYST; others get FORBIDDEN." })
  notificationPreferences(@Root() user: UserRow, @Ctx() ctx: Context) {
    return ctx.services.notifications.preferences(user.id);
  }
}
