import type { HubModule } from "../../context/hub-module";
import { ExpirySweep } from "./expiry-sweep";

declare module "../../context/context" {
  interface Services {
    expiry: ExpirySweep;
  }
}

/** The expiry sweep: needs and invitations past their time. */
export const schedulerModule: HubModule = {
  name: "scheduler",
  services: {
    expiry: (deps) => new ExpirySweep(deps.prisma, deps.pubsub, deps.log),
  },
};
