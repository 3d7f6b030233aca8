import type { HubModule } from "../../context/hub-module";
import { SocietyResolver } from "./society.resolver";
import { SocietyService } from "./society.service";

declare module "../../context/context" {
  interface Services {
    societies: SocietyService;
  }
}

/** Societies (学会), a supplier kind. */
export const societyModule: HubModule = {
  name: "society",
  resolvers: [SocietyResolver],
  services: {
    societies: (deps, use) => new SocietyService(deps.prisma, use("matching")),
  },
};
