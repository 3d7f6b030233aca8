import type { HubModule } from "../../context/hub-module";
import { NeedResolver } from "./need.resolver";
import { NeedSubscriptionResolver } from "./need.subscription";
import { NeedService } from "./need.service";

declare module "../../context/context" {
  interface Services {
    needs: NeedService;
  }
}

/** Technology needs: posting, editing, listing, their events. */
export const needModule: HubModule = {
  name: "need",
  resolvers: [NeedResolver, NeedSubscriptionResolver],
  services: {
    needs: (deps, use) => new NeedService(deps.prisma, use("reference"), use("matching"), deps.workflow),
  },
};
