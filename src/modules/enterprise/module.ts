import type { HubModule } from "../../context/hub-module";
import { EnterpriseResolver } from "./enterprise.resolver";
import { EnterpriseService } from "./enterprise.service";

declare module "../../context/context" {
  interface Services {
    enterprises: EnterpriseService;
  }
}

/** Enterprises: their profiles and chains. */
export const enterpriseModule: HubModule = {
  name: "enterprise",
  resolvers: [EnterpriseResolver],
  services: {
    enterprises: (deps, use) => new EnterpriseService(deps.prisma, use("reference")),
  },
};
