import type { HubModule } from "../../context/hub-module";
import { createPasswordResetLimiter } from "../../infra/auth/login-limiter";
import { UserResolver } from "./user.resolver";
import { AuthService } from "./auth.service";
import { AccountService } from "./account.service";

declare module "../../context/context" {
  interface Services {
    auth: AuthService;
    accounts: AccountService;
  }
}

/** Users: login, tokens, the viewer's own account, account care. */
export const userModule: HubModule = {
  name: "user",
  resolvers: [UserResolver],
  services: {
    auth: (deps) => new AuthService(deps.prisma, deps.tokens, deps.log, deps.loginLimiter),
    accounts: (deps, use) => new AccountService(deps.prisma, use("accountMail"), deps.publicUrl ?? (() => "http://localhost:4000"), deps.passwordResetLimiter ?? createPasswordResetLimiter({ redisUrl: null, scope: "local", log: deps.log }), deps.clock),
  },
};
