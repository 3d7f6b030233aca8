import type { Prisma } from "../infra/db/database";
import type { QueryBudget } from "../infra/http/query-budget";
import type { RequestContext } from "../infra/http/request-context";
import type { HubPubSub } from "../infra/pubsub/pubsub";
import type { Viewer } from "../infra/auth/viewer";

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
  /** Makes the per-request loader sets (context/loaders.ts, from the modules' descriptors). */
  loaderSets: LoaderSets;
}

/**
 * How a request's loaders are made. A service, so that what makes a set of loaders (saved queries, subscriptions'
 * per-event sets) reaches the builder through the context instead of importing it: the builder imports the list of
 * modules (src/hub-modules.ts), and an import of it from a module would be a circle.
 */
export interface LoaderSets {
  /** A fresh set for one operation (or one event: `shared`, the event's viewer-independent loaders). */
  forViewer(viewer: Viewer, shared?: SharedLoaders): Loaders;
  /** The loaders whose answers are the same for every viewer, to share between the subscribers of one event. */
  shared(): SharedLoaders;
}

/** The viewer-independent part of a loader set (shared by the subscribers of one event). */
export type SharedLoaders = Pick<Loaders, "user" | "enterprise"> & { readonly [name: string]: unknown };

/**
 * A request's loaders; filled in the same way: context/loaders.ts adds the row loaders it owns, each module's
 * module.ts the loaders it gives (`declare module … { interface Loaders { … } }`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Loaders {}

/** What every resolver receives: who asks, this request's loaders, and the hub's services. */
export interface Context extends RequestContext {
  loaders: Loaders;
  services: Services;
}
