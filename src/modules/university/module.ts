import type { HubModule } from "../../context/hub-module";
import { UniversityResolver } from "./university.resolver";
import { UniversityService } from "./university.service";

declare module "../../context/context" {
  interface Services {
    universities: UniversityService;
  }
}

/** Universities and research institutes (高校院所), a supplier kind. */
export const universityModule: HubModule = {
  name: "university",
  resolvers: [UniversityResolver],
  services: {
    universities: (deps, use) => new UniversityService(deps.prisma, use("reference"), use("matching")),
  },
};
