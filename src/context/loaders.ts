import DataLoader from "dataloader";
import type { Loaders, LoaderSets, SharedLoaders } from "./context";
import type { ViewerLoaderDeps } from "./hub-module";
import { HUB_MODULES } from "../hub-modules";
import { takeViewerRows, type Viewer } from "../infra/auth/viewer";
import type { Prisma } from "../infra/db/database";
import { groupedInKeyOrder, inKeyOrder } from "../infra/db/batch";
import type { EnterpriseRow, ExpertRow, MatchRow, NeedRow, PlatformRow, ResponseRow, SocietyRow, UserRow } from "../infra/db/rows";
import type { NotificationRow } from "../modules/notification/notification.service";
import { enterpriseBriefsById, enterprisesById, usersById, type EnterpriseBrief } from "./rows-by-id";

const byId = <T extends { id: number }>(fetch: (ids: number[]) => Promise<T[]>) =>
  new DataLoader<number, T | null>(async (ids) => inKeyOrder(ids, await fetch([...ids]), (row) => row.id));

/**
 * Makes sets of loaders, each loader made on first use. An operation uses a few of the ~30 (`{ __typename }` none,
 * the enterprise home page seven): making all of them for every request, and spreading them into one object (V8
 * copies a large spread slowly), cost CPU on every request (measured: docs/benchmarks.md, "Design decisions
 * measured"). The getters live on a prototype made once per kind of set; a request allocates one small object,
 * then only the loaders its resolvers ask for. `made` and `args` are the set's own fields: no loader may take
 * either name.
 */
function lazyLoaders<A extends unknown[]>(factories: ReadonlyMap<string, (set: object, ...args: A) => unknown>): (...args: A) => object {
  class LazySet {
    readonly made = new Map<string, unknown>();
    readonly args: A;
    constructor(...args: A) {
      this.args = args;
    }
  }
  for (const [name, make] of factories) {
    Object.defineProperty(LazySet.prototype, name, {
      get(this: LazySet) {
        let loader = this.made.get(name);
        if (loader === undefined) this.made.set(name, (loader = make(this, ...this.args)));
        return loader;
      },
    });
  }
  return (...args) => new LazySet(...args);
}

/**
 * The row loaders the context owns (by id, and a few links between rows: prisma only), the same for every viewer
 * (access is checked where their results are used). The modules give the others (their module.ts).
 */
const rowLoaders = {
  /** Unfiltered: for the viewer's `need` loader, and for a CONFIDENTIAL need's teaser fields only (Match.teaser). */
  anyNeed: (prisma: Prisma) => byId<NeedRow>((ids) => prisma.techNeed.findMany({ where: { id: { in: ids } } })),
  enterprise: (prisma: Prisma) => byId<EnterpriseRow>((ids) => enterprisesById(prisma, ids)),
  /** Id, name and region only: for a selection that asks no more (enterprise.columns.ts). */
  enterpriseBrief: (prisma: Prisma) => byId<EnterpriseBrief>((ids) => enterpriseBriefsById(prisma, ids)),
  society: (prisma: Prisma) => byId<SocietyRow>((ids) => prisma.society.findMany({ where: { id: { in: ids } } })),
  // Without the expertise text (most of an expert's bytes, while lists of suppliers mostly show names):
  // `Expert.expertise` reads it through `expertiseOf` when a selection asks for it.
  expert: (prisma: Prisma) => byId<ExpertRow>((ids) => prisma.expert.findMany({ where: { id: { in: ids } }, omit: { expertise: true } }) as Promise<ExpertRow[]>),
  expertiseOf: (prisma: Prisma) => byId((ids) => prisma.expert.findMany({ where: { id: { in: ids } }, select: { id: true, expertise: true } })),
  platform: (prisma: Prisma) => byId<PlatformRow>((ids) => prisma.innovationPlatform.findMany({ where: { id: { in: ids } } })),
  user: (prisma: Prisma) => byId<UserRow>((ids) => usersById(prisma, ids)),
  response: (prisma: Prisma) => byId<ResponseRow>((ids) => prisma.response.findMany({ where: { id: { in: ids } } })),
  match: (prisma: Prisma) => byId<MatchRow>((ids) => prisma.match.findMany({ where: { id: { in: ids } } })),
  /** Unfiltered: a user's own are taken from it (NotificationService.ownOf); one statement for an event's subscribers. */
  anyNotification: (prisma: Prisma) => byId<NotificationRow>((ids) => prisma.notification.findMany({ where: { id: { in: ids } } })),
  /**
   * Nodes as viewers alike in what the type's rule reads may see them (node.resolver.ts): the subscribers of one
   * event whose rights on the row agree ask the database once, not once each. Once loaded, the node itself.
   */
  visibleNodes: () => new Map<string, Promise<object | null> | object | null>(),

  chainsOfEnterprise: (prisma: Prisma) => new DataLoader<number, string[]>(async (ids) =>
    groupedInKeyOrder(ids, await prisma.enterpriseChain.findMany({ where: { enterpriseId: { in: [...ids] } } }), (r) => r.enterpriseId).map(
      (rows) => rows.map((r) => r.chainCode),
    ),
  ),
  chainsOfExpert: (prisma: Prisma) => new DataLoader<number, string[]>(async (ids) =>
    groupedInKeyOrder(ids, await prisma.expertChain.findMany({ where: { expertId: { in: [...ids] } } }), (r) => r.expertId).map((rows) =>
      rows.map((r) => r.chainCode),
    ),
  ),
  chainsOfPlatform: (prisma: Prisma) => new DataLoader<number, string[]>(async (ids) =>
    groupedInKeyOrder(ids, await prisma.platformChain.findMany({ where: { platformId: { in: [...ids] } } }), (r) => r.platformId).map(
      (rows) => rows.map((r) => r.chainCode),
    ),
  ),
  societiesOfExpert: (prisma: Prisma) => new DataLoader<number, SocietyRow[]>(async (ids) =>
    groupedInKeyOrder(
      ids,
      await prisma.societyMembership.findMany({ where: { expertId: { in: [...ids] } }, include: { society: true } }),
      (r) => r.expertId,
    ).map((rows) => rows.map((r) => r.society)),
  ),
  expertsOfResponse: (prisma: Prisma) => new DataLoader<number, ExpertRow[]>(async (ids) =>
    groupedInKeyOrder(
      ids,
      await prisma.responseExpert.findMany({ where: { responseId: { in: [...ids] } }, include: { expert: true } }),
      (r) => r.responseId,
    ).map((rows) => rows.map((r) => r.expert)),
  ),
};

type RowLoaders = { readonly [K in keyof typeof rowLoaders]: ReturnType<(typeof rowLoaders)[K]> };

// The request's loaders as every resolver sees them (context.ts's Loaders, filled in here and in the modules'
// module.ts by declaration merging: context.ts, which every module imports, imports no loader).
declare module "./context" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface Loaders extends RowLoaders {}
}

type SharedFactory = (prisma: Prisma) => unknown;
type ViewerFactory = (deps: ViewerLoaderDeps, loaders: Loaders) => unknown;

/** The two kinds of set, from the row loaders above and the modules' descriptors (src/hub-modules.ts). */
function loaderKinds() {
  const shared = new Map<string, SharedFactory>(Object.entries(rowLoaders));
  const own = new Map<string, ViewerFactory>();
  const add = <F>(into: Map<string, F>, module: string, factories: object | undefined) => {
    for (const [name, make] of Object.entries(factories ?? {})) {
      if (shared.has(name) || own.has(name)) throw new Error(`The loader ${name} is given twice (the second: ${module})`);
      if (name === "made" || name === "args") throw new Error(`A loader may not be called ${name} (${module})`);
      into.set(name, make as F);
    }
  };
  for (const module of HUB_MODULES) {
    add(shared, module.name, module.sharedLoaders);
    add(own, module.name, module.viewerLoaders);
  }
  const sharedSet = lazyLoaders(new Map([...shared].map(([name, make]) => [name, (_set: object, prisma: Prisma) => make(prisma)])));
  // A viewer's set answers the shared loaders' names with the shared set's loaders (one cache for both).
  const viewerFactories = new Map<string, (set: object, deps: ViewerLoaderDeps, shared: SharedLoaders) => unknown>();
  for (const name of shared.keys()) viewerFactories.set(name, (_set, _deps, sharedSet) => sharedSet[name]);
  for (const [name, make] of own) viewerFactories.set(name, (set, deps) => make(deps, set as Loaders));
  const viewerSet = lazyLoaders(viewerFactories);
  return {
    shared: (prisma: Prisma) => sharedSet(prisma) as SharedLoaders,
    forViewer: (deps: ViewerLoaderDeps, shared: SharedLoaders) => viewerSet(deps, shared) as Loaders,
  };
}

let kinds: ReturnType<typeof loaderKinds> | undefined;

/** Made on first use: the modules' list is complete only once every module has loaded. */
const loaderKindsOnce = () => (kinds ??= loaderKinds());

export function createSharedLoaders(prisma: Prisma): SharedLoaders {
  return loaderKindsOnce().shared(prisma);
}

/**
 * One set per request (and per subscription event): caches never outlive the operation that filled them.
 * Loaders whose answer depends on who asks (needs, responses) are the viewer's own; the rest may be shared by
 * every subscriber of one event (`shared`), so an event costs its queries once per instance, not once per socket.
 */
export function createLoaders(prisma: Prisma, viewer: Viewer, sharedByEvent?: SharedLoaders): Loaders {
  const shared = sharedByEvent ?? createSharedLoaders(prisma);
  // An operation's own loaders start with the viewer's rows as authentication just read them (`me` and its
  // enterprise cost no statement); an event's shared loaders never do: they serve other subscribers and the
  // revocation check.
  const own = sharedByEvent ? undefined : takeViewerRows(viewer);
  if (own) shared.user.prime(own.user.id, own.user);
  if (own?.enterprise) shared.enterprise.prime(own.enterprise.id, own.enterprise);
  return loaderKindsOnce().forViewer({ prisma, viewer }, shared);
}

/** The `loaderSets` service (context/services.ts): how the code of the modules makes a set. */
export function loaderSets(prisma: Prisma): LoaderSets {
  return {
    forViewer: (viewer, shared) => createLoaders(prisma, viewer, shared),
    shared: () => createSharedLoaders(prisma),
  };
}

export type { Loaders, SharedLoaders } from "./context";
