import type { HubEvent } from "../pubsub/events";
import type { PrismaTypes } from "./rows";

export type Tx = PrismaTypes.TransactionClient;

/** Collects events inside a unit of work; they are published only once its transaction has committed. */
export type Emit = (...events: HubEvent[]) => void;

/** Where a unit of work's events go after commit (the hub's pub/sub). */
export interface Publisher {
  publish(events: HubEvent[]): void;
}

/** Any Prisma client of the hub's schema (the services' counting one, a script's plain one). */
interface TransactionRunner {
  $transaction(work: (tx: Tx) => Promise<unknown>, options?: UnitOfWorkOptions): Promise<unknown>;
}

/** Prisma's interactive-transaction limits (bulk work such as imports and rebuilds raises them). */
export interface UnitOfWorkOptions {
  timeout?: number;
  maxWait?: number;
}

/**
 * The hub's one way to write several rows: `work` runs in one transaction and emits the events its writes cause;
 * they are published after the commit, all together, and never when it rolls back (a throw inside `work` or the
 * commit failing). `publisher` is null for writes that announce nothing; emitting in one of those is a bug.
 */
export async function unitOfWork<T>(prisma: TransactionRunner, publisher: Publisher | null, work: (tx: Tx, emit: Emit) => Promise<T>, options?: UnitOfWorkOptions): Promise<T> {
  const events: HubEvent[] = [];
  const emit: Emit = (...more) => {
    if (!publisher) throw new Error("This unit of work has no publisher for its events");
    events.push(...more);
  };
  const result = (await prisma.$transaction((tx) => work(tx, emit), options)) as T;
  if (events.length) publisher!.publish(events);
  return result;
}
