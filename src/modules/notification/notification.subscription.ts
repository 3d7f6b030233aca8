import { Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import { deliverOwn } from "../../context/deliver";
import { nodeFacet } from "../../schema/subscription-classes";
import { topics, type NotificationsAddedEvent } from "../../infra/pubsub/events";
import type { NotificationRow } from "./notification.service";
import { Notification } from "./notification.type";

@Resolver(() => Notification)
export class NotificationSubscriptionResolver {
  @Subscription(() => Notification, {
    description: "The viewer's own notifications, as they are written.",
    subscribe: ({ context }) => {
      const ctx = context as Context;
      actingUser(ctx.viewer); // signed-in callers only
      // A write's notifications come as one event to every instance; each user takes the ones for them, and the
      // rows of all of an event's subscribers here are read together (one statement), each kept only by its user.
      // The subscribers of one document are a group (subscription-classes.ts): the notifications of users alike
      // in what their subject's rule reads are executed together, each user sent only its own.
      return deliverOwn<NotificationsAddedEvent, NotificationRow>(ctx, topics.notificationsAdded(), {
        concerns: (event, viewer) => viewer.kind === "user" && idsFor(event, viewer.userId).length > 0,
        load: (event, viewer, loaders) => (viewer.kind === "user" ? ctx.services.notifications.ownOf(viewer, idsFor(event, viewer.userId), loaders) : Promise.resolve([])),
        facetOf: (viewer, row) => (row.subjectType ? nodeFacet(viewer, row.subjectType) : ""),
      });
    },
  })
  notificationAdded(@Root() notification: NotificationRow): NotificationRow {
    return notification;
  }
}

// Every subscriber on an instance receives the same event object: its ids are grouped by user once, not searched
// by each of thousands of subscribers.
const idsByUser = new WeakMap<NotificationsAddedEvent, Map<number, number[]>>();

function idsFor(event: NotificationsAddedEvent, userId: number): number[] {
  let byUser = idsByUser.get(event);
  if (!byUser) {
    byUser = new Map();
    for (const { notificationId, userId: to } of event.notifications) (byUser.get(to) ?? byUser.set(to, []).get(to)!).push(notificationId);
    idsByUser.set(event, byUser);
  }
  return byUser.get(userId) ?? [];
}
