import DataLoader from "dataloader";
import type { Loaders } from "./context";
import { dockingsOfNeedLoader } from "../modules/docking/docking.loaders";
import { takeViewerRow, type Viewer } from "../infra/auth/viewer";
import type { Prisma } from "../infra/db/database";
import { groupedInKeyOrder, inKeyOrder } from "../infra/db/batch";
import type {
  EnterpriseRow,
  ExpertRow,
  IndustryChainRow,
  MatchRow,
  NeedRow,
  PlatformRow,
  RegionRow,
  ResponseRow,
  SocietyRow,
  UserRow,
} from "../infra/db/rows";
import { readableNeeds, readableResponses } from "../modules/access/policy";
import type { NotificationRow } from "../modules/notification/notification.service";
import { readableWithoutLinks } from "../modules/access/need-access";
import { supplierRowLoader } from "../modules/supplier/supplier.loaders";
import { breakdownLoader, matchesOfNeedsLoader, supplierNamesLoader, type MatchesKey } from "../modules/match/match.loaders";
import { needEngagedLoader, openEngagementsLoader } from "../modules/engagement/engagement.loaders";
import { referenceRows } from "../modules/reference/reference-cache";
import { workflowLoaders } from "../modules/workflow/workflow.loaders";
import { enterprisesById, usersById } from "./rows-by-id";
import { invitationLoader, invitationOfMatchLoader, invitationsOfNeedLoader } from "../modules/invitation/invitation.loaders";
import { contactPartnerLoader } from "../modules/access/contact-access";

const byId = <T extends { id: number }>(fetch: (ids: number[]) => Promise<T[]>) =>
  new DataLoader<number, T | null>(async (ids) => inKeyOrder(ids, await fetch([...ids]), (row) => row.id));

/** How each loader of a set is made, from what the set is made with (`DepsOf`). */
type Factories = Record<string, (deps: never) => unknown>;
type DepsOf<F extends Factories> = F[keyof F] extends (deps: infer D) => unknown ? D : never;
type LoaderSet<F extends Factories> = { readonly [K in keyof F]: ReturnType<F[K]> };

/**
 * A set of loaders, each made on first use. An operation uses a few of the ~30 (`{ __typename }` none, the
 * enterprise home page seven): making all of them for every request, and spreading them into one object (V8
 * copies a large spread slowly), cost CPU on every request (measured: docs/benchmarks.md, "Design decisions measured"). The getters live on a prototype made once per
 * kind of set; a request allocates one small object, then only the loaders its resolvers ask for.
 */
function lazyLoaders<F extends Factories>(factories: F): (deps: DepsOf<F>) => LoaderSet<F> {
  // `made` and `deps` are the set's own fields: no loader may take either name.
  class LazySet {
    readonly made = new Map<string, unknown>();
    constructor(readonly deps: DepsOf<F>) {}
  }
  for (const [name, make] of Object.entries(factories)) {
    Object.defineProperty(LazySet.prototype, name, {
      get(this: LazySet) {
        let loader = this.made.get(name);
        if (loader === undefined) this.made.set(name, (loader = (make as (deps: DepsOf<F>) => unknown)(this.deps)));
        return loader;
      },
    });
  }
  return (deps) => new LazySet(deps) as unknown as LoaderSet<F>;
}

/** Loaders whose answers are the same for every viewer (access is checked where their results are used). */
const sharedLoaders = {
  /** Unfiltered: for the viewer's `need` loader, and for a CONFIDENTIAL need's teaser fields only (Match.teaser). */
  anyNeed: (prisma: Prisma) => byId<NeedRow>((ids) => prisma.techNeed.findMany({ where: { id: { in: ids } } })),
  region: (prisma: Prisma) => new DataLoader<string, RegionRow | null>(async (codes) => {
    const { regions } = await referenceRows(prisma);
    return codes.map((code) => regions.get(code) ?? null);
  }),
  chain: (prisma: Prisma) => new DataLoader<string, IndustryChainRow | null>(async (codes) => {
    const { chains } = await referenceRows(prisma);
    return codes.map((code) => chains.get(code) ?? null);
  }),
  enterprise: (prisma: Prisma) => byId<EnterpriseRow>((ids) => enterprisesById(prisma, ids)),
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
   * event whose rights on the row agree ask the database once, not once each.
   */
  visibleNodes: () => new Map<string, Promise<object | null>>(),

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
  matchesOfNeed: (prisma: Prisma) => matchesOfNeedsLoader(prisma) as DataLoader<MatchesKey, MatchRow[], string>,
  matchBreakdown: (prisma: Prisma) => breakdownLoader(prisma),
  supplierNames: (prisma: Prisma) => supplierNamesLoader(prisma),
  /** Any kind's supplier row (supplier/kinds.ts), for kinds without a loader above. */
  supplierRow: (prisma: Prisma) => supplierRowLoader(prisma),
  needEngaged: (prisma: Prisma) => needEngagedLoader(prisma),
  openEngagementsOfExpert: (prisma: Prisma) => openEngagementsLoader(prisma),
};

export type SharedLoaders = LoaderSet<typeof sharedLoaders>;
export const createSharedLoaders: (prisma: Prisma) => SharedLoaders = lazyLoaders(sharedLoaders);

interface OwnDeps {
  prisma: Prisma;
  viewer: Viewer;
  shared: SharedLoaders;
  /** The workflow's four loaders, made together when one of them is first asked for. */
  workflow?: ReturnType<typeof workflowLoaders>;
}

const workflowOf = (deps: OwnDeps) => (deps.workflow ??= workflowLoaders(deps.prisma, deps.viewer));

/** An open CONFIDENTIAL need of no viewer's enterprise: whether a viewer would have to ask the database about one. */
const OTHERS_CONFIDENTIAL_NEED = { enterpriseId: -1, visibility: "CONFIDENTIAL", status: "OPEN" };

/** Loaders whose answers depend on who asks. */
const ownLoaders = {
  /** Only the needs this viewer may see; the others load as null, exactly like unknown ids. */
  need: ({ prisma, viewer, shared }: OwnDeps) =>
    new DataLoader<number, NeedRow | null>(async (ids) => {
      const rows = await shared.anyNeed.loadMany(ids);
      const decided = rows.map((row) => (row instanceof Error || row === null ? "no" : readableWithoutLinks(viewer, row)));
      // Only CONFIDENTIAL needs of others depend on matches and responses: those are asked of the database. A
      // viewer who may see such needs has it asked about every need it cannot see from the row, missing ids
      // included, so that a hidden need and a missing id run the same statements (no timing oracle, issue 22).
      const asker = readableWithoutLinks(viewer, OTHERS_CONFIDENTIAL_NEED) === "ask";
      const ask = ids.filter((_, i) => decided[i] === "ask" || (asker && decided[i] === "no"));
      const linked = ask.length ? await prisma.techNeed.findMany({ where: { id: { in: ask }, AND: [readableNeeds(viewer)] }, select: { id: true } }) : [];
      const visible = new Set(linked.map((r) => r.id));
      return rows.map((row, i) => (decided[i] === "yes" || (decided[i] === "ask" && visible.has(ids[i])) ? (row as NeedRow) : null));
    }),
  responsesOfNeed: ({ prisma, viewer }: OwnDeps) =>
    new DataLoader<number, ResponseRow[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await prisma.response.findMany({ where: { needId: { in: [...ids] }, AND: [readableResponses(viewer)] }, orderBy: { id: "asc" } }),
        (r) => r.needId,
      ),
    ),
  invitation: ({ prisma, viewer }: OwnDeps) => invitationLoader(prisma, viewer),
  invitationsOfNeed: ({ prisma, viewer }: OwnDeps) => invitationsOfNeedLoader(prisma, viewer),
  invitationOfMatch: ({ prisma, viewer }: OwnDeps) => invitationOfMatchLoader(prisma, viewer),
  historyOfNeed: (deps: OwnDeps) => workflowOf(deps).historyOfNeed,
  historyOfResponse: (deps: OwnDeps) => workflowOf(deps).historyOfResponse,
  historyOfMatch: (deps: OwnDeps) => workflowOf(deps).historyOfMatch,
  dealsOfNeed: (deps: OwnDeps) => workflowOf(deps).dealsOfNeed,
  dockingsOfNeed: ({ prisma, viewer }: OwnDeps) => dockingsOfNeedLoader(prisma, viewer),
  /** Whether the viewer is the other party of an ACCEPTED invitation or response with a contact's owner. */
  contactPartner: ({ prisma, viewer }: OwnDeps) => contactPartnerLoader(prisma, viewer),
};

// A viewer's set answers the shared loaders' names with the shared set's loaders (one cache for both).
const fromShared = Object.fromEntries(Object.keys(sharedLoaders).map((name) => [name, (deps: OwnDeps) => deps.shared[name as keyof SharedLoaders]])) as {
  [K in keyof SharedLoaders]: (deps: OwnDeps) => SharedLoaders[K];
};
const viewerLoaders = lazyLoaders({ ...fromShared, ...ownLoaders });

// The request's loaders as every resolver sees them (context.ts's Loaders, filled in here by declaration merging:
// context.ts, which every module imports, imports no loader).
type ViewerLoaders = ReturnType<typeof viewerLoaders>;
declare module "./context" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface Loaders extends ViewerLoaders {}
}

/**
 * One set per request (and per subscription event): caches never outlive the operation that filled them.
 * Loaders whose answer depends on who asks (needs, responses) are the viewer's own; the rest may be shared by
 * every subscriber of one event (`shared`), so an event costs its queries once per instance, not once per socket.
 */
export function createLoaders(prisma: Prisma, viewer: Viewer, sharedByEvent?: SharedLoaders): Loaders {
  const shared = sharedByEvent ?? createSharedLoaders(prisma);
  // An operation's own loaders start with the viewer's row as authentication just read it (`me` costs no
  // statement); an event's shared loaders never do: they serve other subscribers and the revocation check.
  const own = sharedByEvent ? undefined : takeViewerRow(viewer);
  if (own) shared.user.prime(own.id, own);
  return viewerLoaders({ prisma, viewer, shared });
}

export type { Loaders } from "./context";
