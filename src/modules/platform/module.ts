import type { HubModule } from "../../context/hub-module";
import { PlatformResolver } from "./platform.resolver";
import { PlatformService } from "./platform.service";

declare module "../../context/context" {
  interface Services {
    platforms: PlatformService;
  }
}

/** Innovation platforms, a supplier kind. */
export const platformModule: HubModule = {
  name: "platform",
  resolvers: [PlatformResolver],
  services: {
    platforms: (deps, use) => new PlatformService(deps.prisma, use("reference"), use("matching")),
  },
};
