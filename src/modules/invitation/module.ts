import type { HubModule } from "../../context/hub-module";
import { InvitationResolver, NeedInvitationResolver } from "./invitation.resolver";
import { InvitationService } from "./invitation.service";
import { invitationLoader, invitationOfMatchLoader, invitationsOfNeedLoader } from "./invitation.loaders";

declare module "../../context/context" {
  interface Services {
    invitations: InvitationService;
  }
  interface Loaders {
    invitation: ReturnType<typeof invitationLoader>;
    invitationsOfNeed: ReturnType<typeof invitationsOfNeedLoader>;
    invitationOfMatch: ReturnType<typeof invitationOfMatchLoader>;
  }
}

/** Invitations of suppliers to needs. */
export const invitationModule: HubModule = {
  name: "invitation",
  resolvers: [InvitationResolver, NeedInvitationResolver],
  services: {
    invitations: (deps, use) => new InvitationService(deps.prisma, deps.pubsub, use("notifier")),
  },
  viewerLoaders: {
    invitation: ({ prisma, viewer }) => invitationLoader(prisma, viewer),
    invitationsOfNeed: ({ prisma, viewer }) => invitationsOfNeedLoader(prisma, viewer),
    invitationOfMatch: ({ prisma, viewer }) => invitationOfMatchLoader(prisma, viewer),
  },
};
