import type { HubModule } from "../../context/hub-module";
import { WorkstationResolver } from "./workstation.resolver";
import { WorkstationService } from "./workstation.service";

declare module "../../context/context" {
  interface Services {
    workstations: WorkstationService;
  }
}

/** Workstations (工作站). */
export const workstationModule: HubModule = {
  name: "workstation",
  resolvers: [WorkstationResolver],
  services: {
    workstations: (deps) => new WorkstationService(deps.prisma),
  },
};
