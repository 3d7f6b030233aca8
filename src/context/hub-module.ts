import type { LoginLimiter } from "../infra/auth/login-limiter";
import type { TokenService } from "../infra/auth/tokens";
import type { Prisma } from "../infra/db/database";
import type { QueryBudget } from "../infra/http/query-budget";
import type { Logger } from "../infra/logger";
import type { HubPubSub } from "../infra/pubsub/pubsub";
import type { WorkflowSettings } from "../modules/workflow/timers";
import type { AccountMail } from "../modules/registration/account-mail";
import type { Viewer } from "../infra/auth/viewer";
import type { Loaders, Services } from "./context";

export interface ServiceDeps {
  prisma: Prisma;
  pubsub: HubPubSub;
  tokens: TokenService;
  log: Logger;
  loginLimiter?: LoginLimiter;
  workflow?: WorkflowSettings;
  /** The per-caller query cost budget, shared by /graphql, WebSocket operations and saved queries. */
  queryBudget: QueryBudget;
  notifications?: NotificationSettings;
  /** HUB_TIME_ZONE: statistics count months, days and windows there. */
  timeZone?: string;
  registrationLimiter?: LoginLimiter;
  /** Password-reset requests per e-mail and per client address. */
  passwordResetLimiter?: LoginLimiter;
  /** The time account care reads (reset links' expiry); tests move it instead of waiting an hour. */
  clock?: () => number;
  /** What registration and account care send (reset links, review notices); logs only unless connected. */
  accountMail?: AccountMail;
  /** The hub's public address, for links in mails (HUB_PUBLIC_URL). */
  publicUrl?: () => string;
  /**
   * The fingerprint of the matching engine's reading this instance writes and claims (default: the engine's own,
   * analysisFingerprint()). Tests give another to play an instance of another version (match/reanalysis.ts).
   */
  reading?: string;
  /** How often the claimed reading's instances look for rows of another reading (HUB_REANALYSIS_SWEEP_SECONDS). */
  reanalysisSweepSeconds?: number;
}

/** What notifications need of the hub's configuration (config.ts). */
export interface NotificationSettings {
  /** SMTP_URL is set: notifications are also mailed. */
  mailOn: boolean;
  publicUrl: string;
  timeZone: string;
  digestHour: number;
}

/** ServiceDeps with the defaults filled in (context/services.ts): what a module's service factories receive. */
export type HubDeps = ServiceDeps & Required<Pick<ServiceDeps, "workflow" | "notifications" | "timeZone">>;

/** Another service of the hub, by name: built on first use, once (the order of the modules does not matter). */
export type UseService = <K extends keyof Services>(name: K) => Services[K];

/**
 * What a module gives the hub (its `module.ts`; the list is src/hub-modules.ts): its GraphQL resolver classes, and
 * how to build each of its services. A module declares its services' names and types in `Services`
 * (context/context.ts) by declaration merging, next to the factories that build them.
 */
export interface HubModule {
  name: string;
  /** The module's resolver classes, in the order the schema lists them. */
  resolvers?: readonly Function[];
  services?: { readonly [K in keyof Services]?: (deps: HubDeps, use: UseService) => Services[K] };
  /**
   * Its loaders whose answers are the same for every viewer: one set per request, shared by the subscribers of one
   * event. A module declares their names and types in `Loaders` (context/context.ts) by declaration merging.
   */
  sharedLoaders?: { readonly [K in keyof Loaders]?: (prisma: Prisma) => Loaders[K] };
  /** Its loaders whose answers depend on who asks; `loaders` is the request's set (to build on other loaders). */
  viewerLoaders?: { readonly [K in keyof Loaders]?: (deps: ViewerLoaderDeps, loaders: Loaders) => Loaders[K] };
}

/** What a viewer's loader is made with (context/loaders.ts). */
export interface ViewerLoaderDeps {
  prisma: Prisma;
  viewer: Viewer;
}
