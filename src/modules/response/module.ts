import type { HubModule } from "../../context/hub-module";
import { ResponseResolver } from "./response.resolver";
import { ResponseSubscriptionResolver } from "./response.subscription";
import { ResponseService } from "./response.service";

declare module "../../context/context" {
  interface Services {
    responses: ResponseService;
  }
}

/** Responses of suppliers to needs. */
export const responseModule: HubModule = {
  name: "response",
  resolvers: [ResponseResolver, ResponseSubscriptionResolver],
  services: {
    responses: (deps, use) => new ResponseService(deps.prisma, deps.pubsub, use("notifier")),
  },
};
