import { filter, map, pipe } from "@graphql-yoga/subscription";
import type { Context } from "./context";
import type { Loaders, LoaderSets, SharedLoaders } from "./context";
import type { Prisma } from "../infra/db/database";
import { tokenStillHolds, type Viewer } from "../infra/auth/viewer";
import { tokenStatesById } from "./rows-by-id";
import { isClassContext, isGroupContext, memberEvent, type MemberEvent, type MemberValues } from "../infra/pubsub/multiplex";

// Every subscriber of a topic on this instance receives the same event object: the viewer-independent loaders
// are built once per event and shared, so N subscribers cost one query per relation, plus their own checks.
const sharedByEvent = new WeakMap<object, SharedLoaders>();

function sharedFor(event: unknown, sets: LoaderSets): SharedLoaders {
  if (event === null || typeof event !== "object") return sets.shared();
  let shared = sharedByEvent.get(event);
  if (!shared) sharedByEvent.set(event, (shared = sets.shared()));
  return shared;
}

/**
 * Whether subscribers may still receive: each token not expired, its user active and its password unchanged. Asked
 * for all the members of a class at once (multiplex.ts); the users of every class an event reaches are read
 * together, id, active and tokenVersion only (one statement per event, whatever the classes).
 */
export function tokenCheck(prisma: Prisma): (viewers: readonly Viewer[]) => readonly boolean[] | Promise<readonly boolean[]> {
  const states = batchedById((ids) => tokenStatesById(prisma, ids));
  return (viewers) => {
    const now = Date.now();
    const live = (viewer: Viewer) => viewer.kind === "anonymous" || viewer.expiresAt * 1000 > now;
    const ids: number[] = [];
    for (const viewer of viewers) if (viewer.kind === "user" && live(viewer)) ids.push(viewer.userId);
    if (!ids.length) return viewers.map((viewer) => viewer.kind === "anonymous");
    return states(ids).then((byId) => viewers.map((viewer) => viewer.kind === "anonymous" || (live(viewer) && tokenStillHolds(viewer, byId.get(viewer.userId) ?? null))));
  };
}

/**
 * Rows by id for callers that each ask for many ids at once: the ids asked in one tick are read with one
 * statement (as DataLoader batches, without a promise per id), each caller given the map of the whole read.
 */
function batchedById<Row extends { id: number }>(read: (ids: number[]) => Promise<Row[]>): (ids: readonly number[]) => Promise<Map<number, Row>> {
  let pending: { ids: Set<number>; rows: Promise<Map<number, Row>> } | null = null;
  return (ids) => {
    if (!pending) {
      const batch: { ids: Set<number>; rows: Promise<Map<number, Row>> } = { ids: new Set(), rows: null! };
      // After the promise jobs of this tick, as DataLoader does: the classes an event reaches ask in one tick.
      batch.rows = new Promise<void>((resolve) => void Promise.resolve().then(() => process.nextTick(resolve))).then(async () => {
        pending = null;
        return new Map((await read([...batch.ids])).map((row) => [row.id, row]));
      });
      pending = batch;
    }
    for (const id of ids) pending.ids.add(id);
    return pending.rows;
  };
}

/**
 * The stream a subscriber receives from a topic: each event is loaded with fresh loaders and the subscriber's
 * own rights at the moment it is published; events it may not see are dropped, and nothing is delivered once
 * its token has expired or been revoked. (graphql-ws builds the context once per subscription, hence loaders
 * per event.)
 */
export function deliverVisible<E, T>(
  ctx: Context,
  topic: string,
  accept: (event: E) => boolean,
  load: (event: E, loaders: Loaders) => Promise<T | null>,
): AsyncIterable<T> {
  return pipe(
    loadedEvents(ctx, topic, accept, load),
    filter((value: T | null): value is T => value !== null),
  );
}

/**
 * As `deliverVisible`, for an event that may bring the subscriber several values (a write's notifications, some
 * of them for the same user): each is delivered as an event of its own, in order.
 */
export function deliverEachVisible<E, T>(
  ctx: Context,
  topic: string,
  accept: (event: E) => boolean,
  load: (event: E, loaders: Loaders) => Promise<T[]>,
): AsyncIterable<T> {
  return flatten(loadedEvents(ctx, topic, accept, load));
}

/** How a subscription whose subscribers each receive their own rows (a user's notifications) finds them in an event. */
export interface OwnValues<E, T> {
  /** Whether an event may bring the viewer anything (no statement: most events concern few of the subscribers). */
  concerns(event: E, viewer: Viewer): boolean;
  /**
   * The viewer's own values of an event, in order ([] when it brings the viewer none); `loaders()` makes the
   * viewer's loaders for this event, for values the event does not carry.
   */
  load(event: E, viewer: Viewer, loaders: () => Loaders): readonly T[] | Promise<readonly T[]>;
  /**
   * What of the viewer executing the document on a value reads beyond what the document's fields read (its
   * subscription class: schema/subscription-classes.ts), as a string equal for viewers the rules answer alike:
   * e.g. a notification's subject, decided by the rule of the subject's type.
   */
  facetOf(viewer: Viewer, value: T): string;
}

/**
 * As `deliverEachVisible`, for a subscription whose subscribers each receive only their own values. Run for a group
 * of subscribers (infra/pubsub/multiplex.ts: one document, variables and viewer facet, many users), the stream yields
 * each event once, as a MemberEvent: the group takes each member's own values from it and executes those of members
 * alike in `facetOf` together, so an event costs executions per facet, not per user. Run alone, it is the
 * subscriber's own filtered stream.
 */
export function deliverOwn<E, T>(ctx: Context, topic: string, own: OwnValues<E, T>): AsyncIterable<T | MemberEvent> {
  const { viewer, services } = ctx;
  if (!isGroupContext(ctx)) {
    return deliverEachVisible<E, T>(ctx, topic, (event) => own.concerns(event, viewer), async (event, loaders) => [...(await own.load(event, viewer, () => loaders))]);
  }
  return pipe(
    services.pubsub.subscribe<E>(topic),
    map((event: E) =>
      memberEvent({
        concerns: (member) => own.concerns(event, member),
        // Each member's values: from the event itself, or through this event's shared loaders (rows read with one
        // statement for all); no promise, and no loaders made, when the event carries them (a fan-out's 10,000).
        // Asked only of the members the event concerns (multiplex.ts sendEach asked `concerns` first).
        valuesFor: (member) => {
          const values = own.load(event, member, () => services.loaderSets.forViewer(member, sharedFor(event, services.loaderSets)));
          return values instanceof Promise ? values.then((list) => withFacets(own, member, list)) : withFacets(own, member, values);
        },
        contextFor: (base) => {
          const context = base as Context;
          return { ...context, loaders: services.loaderSets.forViewer(context.viewer, sharedFor(event, services.loaderSets)) };
        },
      }),
    ),
  );
}

function withFacets<E, T>(own: OwnValues<E, T>, member: Viewer, values: readonly T[]): MemberValues {
  const facets = new Array<{ value: unknown; facet: string }>(values.length);
  for (let i = 0; i < values.length; i++) facets[i] = { value: values[i], facet: own.facetOf(member, values[i]) };
  return facets;
}

function loadedEvents<E, R>(ctx: Context, topic: string, accept: (event: E) => boolean, load: (event: E, loaders: Loaders) => Promise<R>): AsyncIterable<R | null> {
  const { viewer, services } = ctx;
  const ownToken = !isClassContext(ctx);
  return pipe(
    services.pubsub.subscribe<E>(topic),
    filter((event: E) => accept(event) && (!ownToken || viewer.kind === "anonymous" || viewer.expiresAt * 1000 > Date.now())),
    map(async (event: E) => {
      const shared = sharedFor(event, services.loaderSets);
      // A deactivated user, or one whose password changed, stops receiving at once, not when the token expires
      // (the user rows of one event's subscribers are read through the shared loader).
      if (ownToken && viewer.kind === "user" && !tokenStillHolds(viewer, await shared.user.load(viewer.userId))) return null;
      // graphql-ws builds the context once per subscription and graphql-js resolves each event's fields with it:
      // swap in this event's loaders (events of one subscription are executed one after another).
      const loaders = services.loaderSets.forViewer(viewer, shared);
      ctx.loaders = loaders;
      return load(event, loaders);
    }),
  );
}

/**
 * The values of a stream of lists (null: none), one by one. `return()` goes straight to the source (a yoga
 * Repeater, which ends a pending `next()` at once), so a closed subscription stops listening even between events.
 */
function flatten<T>(source: AsyncIterable<T[] | null>): AsyncIterableIterator<T> {
  const lists = source[Symbol.asyncIterator]();
  let waiting: T[] = [];
  const values: AsyncIterableIterator<T> = {
    async next() {
      while (!waiting.length) {
        const list = await lists.next();
        if (list.done) return { done: true, value: undefined };
        waiting = list.value ?? [];
      }
      return { done: false, value: waiting.shift()! };
    },
    async return() {
      waiting = [];
      await lists.return?.();
      return { done: true, value: undefined };
    },
    async throw(err: unknown) {
      waiting = [];
      await lists.return?.();
      throw err;
    },
    [Symbol.asyncIterator]: () => values,
  };
  return values;
}
