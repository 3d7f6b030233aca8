import { createSourceEventStream, execute, subscribe, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { Viewer } from "../auth/viewer";
import type { Logger } from "../logger";
import type { ExecuteEach } from "./list-execution";
import { sendText, type TextSocket } from "../library-patches/ws-text-frame";

/** One subscription operation on one socket, as graphql-ws opened it. */
export interface Subscriber {
  /** The `ws` socket: the class's messages are written to it directly, as graphql-ws would. */
  socket: TextSocket;
  /** The operation id the client chose. */
  id: string;
  viewer: Viewer;
  /** The operation's own context (a group executes its members' values with one of theirs: MemberEvent.contextFor). */
  context: object;
  /** The result with its errors shaped for this subscriber (request id, masking), as graphql-ws's onNext would. */
  shape(result: ExecutionResult): unknown;
}

/**
 * The class of a subscription operation. `perMember`: a group, whose members each receive their own values of an
 * event (their own notifications): its stream yields MemberEvents, and the values of members alike in what the
 * rules read are executed together, once (listExecution), each member's result sent to it alone.
 */
export interface ClassOf {
  key: string;
  perMember: boolean;
}

/** A member's own values of an event, each with its facet (MemberEvent.valuesFor). */
export type MemberValues = ReadonlyArray<{ value: unknown; facet: string }>;

/** One event of a group's stream (context/deliver.ts `deliverOwn`). */
export interface MemberEvent {
  /** Whether the event may bring a member anything (no statement: most events concern few of a group's members). */
  concerns(viewer: Viewer): boolean;
  /**
   * A member's own values of the event, in order, each with the part of the viewer that executing it reads beyond
   * what the class's key holds (subscription-classes.ts): members whose values carry equal facets are executed together.
   * Asked only of members the event `concerns`.
   */
  valuesFor(viewer: Viewer): MemberValues | Promise<MemberValues>;
  /** The context to execute values with, for viewers alike in their facet: `base` (one member's own) with this event's loaders. */
  contextFor(base: object): object;
}

const memberEvents = new WeakSet<object>();

/** Marks an event of a group's stream as one (only a group's own stream makes them: deliverOwn). */
export function memberEvent(event: MemberEvent): MemberEvent {
  memberEvents.add(event);
  return event;
}

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;

const isMemberEvent = (value: unknown): value is MemberEvent => typeof value === "object" && value !== null && memberEvents.has(value);

export interface MultiplexOptions {
  /** The class of a subscription operation (subscription-classes.ts); null: it runs on its own. */
  classOf(args: ExecutionArgs): ClassOf | null;
  /** Executes a group's values of one facet together (list-execution.ts). */
  executeEach: ExecuteEach;
  /**
   * Whether each subscriber's token still holds, in order (deliver.ts `tokenCheck`): asked once per class and event
   * for all its members, so that 10,000 members cost one list, not 10,000 promises.
   */
  mayReceive(viewers: readonly Viewer[]): readonly boolean[] | Promise<readonly boolean[]>;
  /** Called once per execution of a class's document (the metric a test reads). */
  executed(): void;
  log: Logger;
}

const OPEN = 1;

/** Members of a group's facet executed together at most (sendEach), each slice one execution. */
export const SLICE = 500;

/** What graphql-ws receives for a member: it yields nothing (the class writes to the socket) and ends with the class. */
type SilentStream = AsyncIterableIterator<never> & { return(): Promise<IteratorResult<never, undefined>> };

/**
 * Subscriptions that cost per event, not per socket (as Hasura multiplexes live queries): subscribers of one class
 * (same document, variables and what the viewer may see: subscription-classes.ts) share one source stream; each
 * event is executed once for the class, its payload serialized once, and the same string sent to every member's
 * socket (only the operation id differs, put in front of it). graphql-ws still owns the protocol: it admits the
 * operation (onSubscribe), receives from `subscribe` a stream that never yields, and completes it when the client
 * or the socket goes; errors keep graphql-ws's shape per member. A group (a class of subscribers that each receive
 * their own values: a user's notifications) shares the source stream too, and executes its members' values together,
 * once per facet of what their rules read, each member sent its own result only (sendEach).
 */
export function createMultiplexer(options: MultiplexOptions) {
  const classes = new Map<string, SubscriptionClass>();
  const subscribers = new WeakMap<object, Subscriber>();

  class SubscriptionClass {
    /** Each member, the end of its silent stream and the head of its messages (`{"id":…,"type":"next","payload":`). */
    readonly members = new Map<Subscriber, { end: () => void; head: string }>();
    closed = false;
    constructor(
      readonly key: string,
      readonly perMember: boolean,
      readonly args: ExecutionArgs,
      readonly events: AsyncIterator<unknown>,
    ) {
      void this.run();
    }

    private async run() {
      try {
        for (let next = await this.events.next(); !next.done && !this.closed; next = await this.events.next()) {
          if (isMemberEvent(next.value)) {
            await this.sendEach(next.value);
            continue;
          }
          // A group's key leaves out the member's own rows (subscription-classes.ts PER_MEMBER): a value not split
          // per member (a stream that is not deliverOwn's) would reach every member, so it is dropped.
          if (this.perMember) {
            options.log.error({ key: this.key }, "a subscription group's stream yielded a value not split per member: dropped");
            continue;
          }
          const result = await execute({ ...this.args, rootValue: next.value });
          options.executed();
          await this.send(result as ExecutionResult);
        }
      } catch (err) {
        options.log.error({ err }, "subscription class stream failed");
      } finally {
        this.close();
        for (const { end } of [...this.members.values()]) end();
      }
    }

    private async send(result: ExecutionResult) {
      const members = [...this.members.keys()];
      const allowed = await options.mayReceive(members.map((m) => m.viewer));
      // Serialized once for the class; a result with errors is shaped per member (its request id, masking).
      const payload = result.errors?.length ? null : JSON.stringify(result);
      members.forEach((member, i) => {
        const joined = this.members.get(member);
        if (!allowed[i] || !joined || member.socket.readyState !== OPEN) return;
        const message = payload === null ? JSON.stringify({ id: member.id, type: "next", payload: member.shape(result) }) : `${joined.head}${payload}}`;
        sendText(member.socket, message);
      });
    }

    /**
     * A group's event: each member's own values, executed once per round and facet (round k: every member's k-th
     * value, so that a member with several receives them in order), with the context of one member of the facet;
     * each member is sent its own result, and nobody's values reach another's socket.
     */
    private async sendEach(event: MemberEvent) {
      // Only the members the event concerns: their values and their tokens, each read with one statement for all
      // of them (none for values the event carries), the two at once.
      const members: Subscriber[] = [];
      for (const member of this.members.keys()) if (event.concerns(member.viewer)) members.push(member);
      if (!members.length) return;
      const values = members.map((m) => event.valuesFor(m.viewer));
      const [own, allowed] = await Promise.all([values.some(isPromise) ? Promise.all(values) : (values as MemberValues[]), options.mayReceive(members.map((m) => m.viewer))]);
      for (let round = 0; ; round++) {
        const facets = new Map<string, { members: Subscriber[]; values: unknown[] }>();
        members.forEach((member, i) => {
          const value = allowed[i] ? own[i][round] : undefined;
          if (!value) return;
          const facet = facets.get(value.facet) ?? facets.set(value.facet, { members: [], values: [] }).get(value.facet)!;
          facet.members.push(member);
          facet.values.push(value.value);
        });
        if (!facets.size) return;
        for (const { members: alike, values } of facets.values()) {
          const args = { ...this.args, contextValue: event.contextFor(alike[0].context) };
          // In slices: the results of a slice are sent and dropped before the next is executed, so that a scavenge
          // during the sends copies one slice's results, not the whole group's (5,000 per hub at the bench's 10,000).
          for (let from = 0; from < alike.length; from += SLICE) {
            const slice = alike.length > SLICE ? alike.slice(from, from + SLICE) : alike;
            const results = await options.executeEach(args, slice === alike ? values : values.slice(from, from + SLICE));
            options.executed();
            slice.forEach((member, j) => {
              const joined = this.members.get(member);
              if (!joined || member.socket.readyState !== OPEN) return;
              const result = results[j];
              const payload = result.errors?.length ? JSON.stringify(member.shape(result)) : JSON.stringify(result);
              sendText(member.socket, `${joined.head}${payload}}`);
            });
          }
        }
      }
    }

    join(member: Subscriber): SilentStream {
      let end!: () => void;
      const ended = new Promise<IteratorResult<never, undefined>>((resolve) => (end = () => resolve({ done: true, value: undefined })));
      // The head is the same for every message of the member: made once, not once per event.
      this.members.set(member, { end, head: `{"id":${JSON.stringify(member.id)},"type":"next","payload":` });
      const leave = async (): Promise<IteratorResult<never, undefined>> => {
        this.members.delete(member);
        end();
        if (!this.members.size) this.close();
        return { done: true, value: undefined };
      };
      // graphql-ws waits on next() until the class ends, and calls return() when the client completes or the socket closes.
      const stream: SilentStream = {
        next: () => ended,
        return: leave,
        throw: async (err) => {
          await leave();
          throw err;
        },
        [Symbol.asyncIterator]: () => stream,
      };
      return stream;
    }

    close() {
      if (this.closed) return;
      this.closed = true;
      if (classes.get(this.key) === this) classes.delete(this.key);
      void this.events.return?.(undefined);
    }
  }

  return {
    /** Names the socket and operation id of a subscription's context (graphql-ws's onSubscribe). */
    bind(contextValue: object, subscriber: Subscriber): void {
      subscribers.set(contextValue, subscriber);
    },

    /** graphql-ws's `subscribe`: joins the operation's class, opening it (and its source stream) when it is the first. */
    async subscribe(args: ExecutionArgs): Promise<SilentStream | AsyncIterable<unknown> | ExecutionResult> {
      const member = subscribers.get(args.contextValue as object);
      const classOf = member ? options.classOf(args) : null;
      if (!member || classOf === null) return subscribe(args);
      const key = classOf.key;
      const open = classes.get(key);
      if (open) return open.join(member);
      const classArgs = { ...args, contextValue: classContext(args.contextValue as object, classOf.perMember) };
      // The subscriber's own refusal (who may call, bad arguments): the same for every member of the class.
      const source = await createSourceEventStream(classArgs);
      if (!(Symbol.asyncIterator in source)) return source;
      const events = source[Symbol.asyncIterator]();
      const opened = classes.get(key); // another member may have opened it meanwhile
      if (opened) {
        void events.return?.(undefined);
        return opened.join(member);
      }
      const created = new SubscriptionClass(key, classOf.perMember, classArgs, events);
      classes.set(key, created);
      return created.join(member);
    },

    /** Open classes and their members (for logs and tests). */
    size(): { classes: number; subscribers: number } {
      let members = 0;
      for (const c of classes.values()) members += c.members.size;
      return { classes: classes.size, subscribers: members };
    },
  };
}

export type Multiplexer = ReturnType<typeof createMultiplexer>;

// Contexts a subscription class's stream runs with: the class's members' tokens are checked one by one as each
// event is sent (context/deliver.ts), so the stream does not stop or drop events on its first member's token.
// A group's (perMember) stream yields MemberEvents instead of values.
const classContexts = new WeakMap<object, { perMember: boolean }>();

/** A copy of a subscriber's context for the stream its whole class shares. */
function classContext<C extends object>(ctx: C, perMember: boolean): C {
  const copy = { ...ctx };
  classContexts.set(copy, { perMember });
  return copy;
}

/** Whether a context is a class's copy (classContext), whose members' tokens are checked one by one. */
export const isClassContext = (ctx: object): boolean => classContexts.has(ctx);

/** Whether a context is a group's (its stream must yield MemberEvents: context/deliver.ts `deliverOwn`). */
export const isGroupContext = (ctx: object): boolean => classContexts.get(ctx)?.perMember === true;
