import type { HubModule } from "../../context/hub-module";
import { ReferenceResolver } from "./reference.resolver";
import DataLoader from "dataloader";
import type { IndustryChainRow, RegionRow } from "../../infra/db/rows";
import type { Prisma } from "../../infra/db/database";
import { referenceRows } from "./reference-cache";
import { ReferenceService } from "./reference.service";

declare module "../../context/context" {
  interface Services {
    reference: ReferenceService;
  }
  interface Loaders {
    region: DataLoader<string, RegionRow | null>;
    chain: DataLoader<string, IndustryChainRow | null>;
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
    region: (prisma: Prisma) => new DataLoader<string, RegionRow | null>(async (codes) => {
      const { regions } = await referenceRows(prisma);
      return codes.map((code) => regions.get(code) ?? null);
    }),
    chain: (prisma: Prisma) => new DataLoader<string, IndustryChainRow | null>(async (codes) => {
      const { chains } = await referenceRows(prisma);
      return codes.map((code) => chains.get(code) ?? null);
    }),
  },
};
