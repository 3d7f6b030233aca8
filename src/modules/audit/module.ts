import type { HubModule } from "../../context/hub-module";
import { AuditResolver } from "./audit.resolver";
import { AuditService } from "./audit.service";

declare module "../../context/context" {
  interface Services {
    audit: AuditService;
  }
}

/** The audit log. */
export const auditModule: HubModule = {
  name: "audit",
  resolvers: [AuditResolver],
  services: {
    audit: (deps) => new AuditService(deps.prisma),
  },
};
