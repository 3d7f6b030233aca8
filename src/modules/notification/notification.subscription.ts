import { Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import { deliverOwn } from "../../context/deliver";
import { nodeFacet } from "../../schema/subscription-classes";
import { topics, type NotificationsAddedEvent } from "../../infra/pubsub/events";
import type { NotificationRow } from "./notification.service";
import { notificationsFor, notifiesUser } from "./notification.event";
import { Notification } from "./notification.type";

@Resolver(() => Notification)
export class NotificationSubscriptionResolver {
  @Subscription(() => Notification, {
    description: "The viewer's own notifications, as they are written.",
    subscribe: ({ context }) => {
      const ctx = context as Context;
      actingUser(ctx.viewer); // signed-in callers only
      // A write's notifications come as one event to every instance, their rows in it (notification.event.ts); each
      // user takes the ones for them.
      // The subscribers of one document are a group (subscription-classes.ts): the notifications of users alike
      // in what their subject's rule reads are executed together, each user sent only its own.
      return deliverOwn<NotificationsAddedEvent, NotificationRow>(ctx, topics.notificationsAdded(), {
        concerns: (event, viewer) => viewer.kind === "user" && notifiesUser(event, viewer.userId),
        load: (event, viewer, loaders) => {
          if (viewer.kind !== "user") return [];
          const own = notificationsFor(event, viewer.userId);
          return own.rows ?? ctx.services.notifications.ownOf(viewer, own.ids, loaders());
        },
        facetOf: (viewer, row) => (row.subjectType ? nodeFacet(viewer, row.subjectType) : ""),
      });
    },
  })
  notificationAdded(@Root() notification: NotificationRow): NotificationRow {
    return notification;
  }
}
