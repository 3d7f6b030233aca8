import type { HubModule } from "../../context/hub-module";
import { MatchResolver } from "./match.resolver";
import { MatchSubscriptionResolver } from "./match.subscription";
import { MatchingService } from "./matching.service";
import { MatchService } from "./match.service";

declare module "../../context/context" {
  interface Services {
    matching: MatchingService;
    matches: MatchService;
  }
}

/** Matches between needs and suppliers, and the matching that makes them. */
export const matchModule: HubModule = {
  name: "match",
  resolvers: [MatchResolver, MatchSubscriptionResolver],
  services: {
    matching: (deps, use) => new MatchingService(deps.pubsub, deps.log, use("notifier")),
    matches: (deps) => new MatchService(deps.prisma, deps.pubsub),
  },
};
