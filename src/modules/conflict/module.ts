import type { HubModule } from "../../context/hub-module";
import { ConflictResolver, EnterpriseConflictResolver, ExpertEmployerResolver } from "./conflict.resolver";
import { ConflictService } from "./conflict.service";

declare module "../../context/context" {
  interface Services {
    conflicts: ConflictService;
  }
}

/** Conflicts of interest. */
export const conflictModule: HubModule = {
  name: "conflict",
  resolvers: [ConflictResolver, EnterpriseConflictResolver, ExpertEmployerResolver],
  services: {
    conflicts: (deps) => new ConflictService(deps.prisma),
  },
};
