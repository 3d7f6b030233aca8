import type { HubModule } from "../../context/hub-module";
import { DockingResolver } from "./docking.resolver";
import { DockingService } from "./docking.service";
import { dockingsOfNeedLoader } from "./docking.loaders";

declare module "../../context/context" {
  interface Services {
    dockings: DockingService;
  }
  interface Loaders {
    dockingsOfNeed: ReturnType<typeof dockingsOfNeedLoader>;
  }
}

/** Dockings: meetings of an enterprise and a supplier. */
export const dockingModule: HubModule = {
  name: "docking",
  resolvers: [DockingResolver],
  services: {
    dockings: (deps, use) => new DockingService(deps.prisma, deps.pubsub, use("notifier"), { timeZone: deps.notifications.timeZone, publicUrl: deps.notifications.publicUrl }),
  },
  viewerLoaders: { dockingsOfNeed: ({ prisma, viewer }) => dockingsOfNeedLoader(prisma, viewer) },
};
