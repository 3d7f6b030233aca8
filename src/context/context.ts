import type { Prisma } from "../infra/db/database";
import type { QueryBudget } from "../infra/http/query-budget";
import type { RequestContext } from "../infra/http/request-context";
import type { HubPubSub } from "../infra/pubsub/pubsub";

/**
 * The services of the hub, one entry per service. Only the infrastructure's are named here: each module adds its
 * own from its module.ts (`declare module "../../context/context" { interface Services { … } }`, declaration
 * merging), so this file, which every resolver and service imports, imports none of them (no import circle through
 * the context, type-only imports included). context/services.ts builds them (src/hub-modules.ts lists the modules).
 */
export interface Services {
  prisma: Prisma;
  pubsub: HubPubSub;
  /** The per-caller query cost budget, shared by /graphql, WebSocket operations and saved queries. */
  queryBudget: QueryBudget;
}

/** A request's loaders; filled in the same way by context/loaders.ts (the loader sets its modules provide). */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Loaders {}

/** What every resolver receives: who asks, this request's loaders, and the hub's services. */
export interface Context extends RequestContext {
  loaders: Loaders;
  services: Services;
}
