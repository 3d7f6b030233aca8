import type { HubDeps, HubModule } from "../../context/hub-module";
import { DailyDigest, NotificationService, NotificationSweep, Notifier } from "./index";
import { NotificationResolver, UserNotificationResolver } from "./notification.resolver";
import { NotificationSubscriptionResolver } from "./notification.subscription";

declare module "../../context/context" {
  interface Services {
    notifier: Notifier;
    notifications: NotificationService;
    notificationSweep: NotificationSweep;
  }
}

/** The daily digest of notifications, when they are mailed at all. */
const dailyDigest = ({ prisma, notifications }: HubDeps) =>
  notifications.mailOn ? new DailyDigest(prisma, { hour: notifications.digestHour, timeZone: notifications.timeZone, publicUrl: notifications.publicUrl }) : null;

/** Notifications: the inbox and its mail (the public face for other modules is index.ts). */
export const notificationModule: HubModule = {
  name: "notification",
  resolvers: [NotificationResolver, UserNotificationResolver, NotificationSubscriptionResolver],
  services: {
    notifier: (deps) => new Notifier({ mailOn: deps.notifications.mailOn, publicUrl: deps.notifications.publicUrl }),
    notifications: (deps) => new NotificationService(deps.prisma),
    notificationSweep: (deps, use) => new NotificationSweep(deps.prisma, deps.pubsub, use("notifier"), { staleNeedDays: deps.workflow.staleNeedDays, timeZone: deps.notifications.timeZone }, dailyDigest(deps), deps.log),
  },
};
