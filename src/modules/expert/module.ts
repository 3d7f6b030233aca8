import type { HubModule } from "../../context/hub-module";
import { ExpertResolver } from "./expert.resolver";
import { ExpertService } from "./expert.service";

declare module "../../context/context" {
  interface Services {
    experts: ExpertService;
  }
}

/** Experts, a supplier kind. */
export const expertModule: HubModule = {
  name: "expert",
  resolvers: [ExpertResolver],
  services: {
    experts: (deps, use) => new ExpertService(deps.prisma, use("reference"), use("matching")),
  },
};
