import type { HubModule } from "../../context/hub-module";
import { ReferenceResolver } from "./reference.resolver";
import type { IndustryChainRow, RegionRow } from "../../infra/db/rows";
import type { Prisma } from "../../infra/db/database";
import { ReferenceLoader } from "./reference-loader";
import { ReferenceService } from "./reference.service";

declare module "../../context/context" {
  interface Services {
    reference: ReferenceService;
  }
  interface Loaders {
    region: ReferenceLoader<RegionRow>;
    chain: ReferenceLoader<IndustryChainRow>;
  }
}

/** Reference data: regions and industry chains. */
export const referenceModule: HubModule = {
  name: "reference",
  resolvers: [ReferenceResolver],
  services: {
    reference: (deps) => new ReferenceService(deps.prisma),
  },
  sharedLoaders: {
    region: (prisma: Prisma) => new ReferenceLoader<RegionRow>(prisma, (rows) => rows.regions),
    chain: (prisma: Prisma) => new ReferenceLoader<IndustryChainRow>(prisma, (rows) => rows.chains),
  },
};
