import { Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import { deliverVisible } from "../../context/deliver";
import { topics, type NotificationAddedEvent } from "../../infra/pubsub/events";
import type { NotificationRow } from "./notification.service";
import { Notification } from "./notification.type";

@Resolver(() => Notification)
export class NotificationSubscriptionResolver {
  @Subscription(() => Notification, {
    description: "The viewer's own notifications, as they are written.",
    subscribe: ({ context }) => {
      const ctx = context as Context;
      // Each user listens on a topic of their own (through Redis across instances); the row is read again as theirs.
      const viewer = actingUser(ctx.viewer);
      return deliverVisible<NotificationAddedEvent, NotificationRow>(
        ctx,
        topics.notificationAdded(viewer.userId),
        (event) => event.userId === viewer.userId,
        (event) => ctx.services.notifications.visible(viewer, event.notificationId),
      );
    },
  })
  notificationAdded(@Root() notification: NotificationRow): NotificationRow {
    return notification;
  }
}
