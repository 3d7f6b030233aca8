import type { HubModule } from "../../context/hub-module";
import { createRegistrationLimiter } from "../../infra/auth/login-limiter";
import { RegistrationResolver } from "./registration.resolver";
import { RegistrationService } from "./registration.service";
import { notifyingAccountMail, type AccountMail } from "./account-mail";

declare module "../../context/context" {
  interface Services {
    registrations: RegistrationService;
    accountMail: AccountMail;
  }
}

/** Registration of enterprises and suppliers, and the mails it and account care send. */
export const registrationModule: HubModule = {
  name: "registration",
  resolvers: [RegistrationResolver],
  services: {
    registrations: (deps, use) => new RegistrationService(deps.prisma, use("enterprises"), use("societies"), use("experts"), use("matching"), use("accountMail"), deps.registrationLimiter ?? createRegistrationLimiter({ redisUrl: null, scope: "local", perHour: 10, log: deps.log })),
    accountMail: (deps, use) => deps.accountMail ?? notifyingAccountMail(use("notifier"), deps.publicUrl ?? (() => deps.notifications.publicUrl)),
  },
};
