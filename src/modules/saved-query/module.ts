import type { HubModule } from "../../context/hub-module";
import { SavedQueryResolver } from "./saved-query.resolver";
import { SavedQuerySubscriptionResolver } from "./saved-query.subscription";
import { SavedQueryService } from "./saved-query.service";

declare module "../../context/context" {
  interface Services {
    savedQueries: SavedQueryService;
  }
}

/** Saved queries and their scheduled runs. */
export const savedQueryModule: HubModule = {
  name: "saved-query",
  resolvers: [SavedQueryResolver, SavedQuerySubscriptionResolver],
  services: {
    savedQueries: (deps) => new SavedQueryService(deps.prisma),
  },
};
