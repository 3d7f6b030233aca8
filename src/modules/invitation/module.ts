import type { HubModule } from "../../context/hub-module";
import { InvitationResolver, NeedInvitationResolver } from "./invitation.resolver";
import { InvitationService } from "./invitation.service";

declare module "../../context/context" {
  interface Services {
    invitations: InvitationService;
  }
}

/** Invitations of suppliers to needs. */
export const invitationModule: HubModule = {
  name: "invitation",
  resolvers: [InvitationResolver, NeedInvitationResolver],
  services: {
    invitations: (deps, use) => new InvitationService(deps.prisma, deps.pubsub, use("notifier")),
  },
};
