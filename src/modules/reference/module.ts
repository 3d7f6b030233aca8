import type { HubModule } from "../../context/hub-module";
import { ReferenceResolver } from "./reference.resolver";
import { ReferenceService } from "./reference.service";

declare module "../../context/context" {
  interface Services {
    reference: ReferenceService;
  }
}

/** Reference data: regions and industry chains. */
export const referenceModule: HubModule = {
  name: "reference",
  resolvers: [ReferenceResolver],
  services: {
    reference: (deps) => new ReferenceService(deps.prisma),
  },
};
