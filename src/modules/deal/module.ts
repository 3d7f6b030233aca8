import type { HubModule } from "../../context/hub-module";
import { DealResolver } from "./deal.resolver";
import { DealService } from "./deal.service";
import { dealsOfNeedLoader } from "./deal.loaders";

declare module "../../context/context" {
  interface Services {
    deals: DealService;
  }
  interface Loaders {
    dealsOfNeed: ReturnType<typeof dealsOfNeedLoader>;
  }
}

/** Deals: what a docking ended in. */
export const dealModule: HubModule = {
  name: "deal",
  resolvers: [DealResolver],
  services: {
    deals: (deps, use) => new DealService(deps.prisma, deps.pubsub, use("notifier")),
  },
  viewerLoaders: { dealsOfNeed: ({ prisma, viewer }) => dealsOfNeedLoader(prisma, viewer) },
};
