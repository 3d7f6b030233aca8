import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { currentScope, runInScope } from "../request-scope";
import { causes } from "./unavailable";

/**
 * One operation's time limit. Armed only for queries (execution-timeout.ts): a mutation is never cut short, so an
 * answer of TIMEOUT always means nothing was written. Checked in two ways, because an embedded database works on
 * the event loop's own thread and a timer may not fire until the work is done: the timer answers the caller as
 * soon as it can, and every database statement sent after the limit is refused (see `abortableAdapter`).
 */
export class Deadline {
  private at = Infinity;
  private timer: NodeJS.Timeout | null = null;
  private onExpire!: () => void;
  /** True once a statement was refused: the operation's answer is incomplete and must not be sent as is. */
  cut = false;
  /** Settles when the timer fires (never, unless armed). */
  readonly expired = new Promise<void>((resolve) => (this.onExpire = resolve));

  arm(ms: number): void {
    if (this.timer) return;
    this.at = Date.now() + ms;
    this.timer = setTimeout(() => this.onExpire(), ms);
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** Whether a statement sent now should be refused (and marks the operation cut if so). */
  refuses(): boolean {
    if (Date.now() < this.at) return false;
    this.cut = true;
    return true;
  }
}

declare module "../request-scope" {
  interface RequestScope {
    /** The operation's time limit, for every statement its work sends (`guardStatement`, `abortableAdapter`). */
    readonly deadline?: Deadline;
  }
}

const ABORTED = "The operation ran out of time; its remaining database statements were not sent";

export class OperationAborted extends Error {
  constructor() {
    super(ABORTED);
    this.name = "OperationAborted";
  }
}

/** Whether an error (however wrapped by Prisma and GraphQL) is a statement refused after the deadline. */
export function wasCutShort(error: unknown): boolean {
  return causes(error).some((e) => e.name === "OperationAborted" || (typeof e.message === "string" && e.message.includes(ABORTED)));
}

/** Runs `work` under `deadline`: database statements it sends after the deadline fail at once instead of running. */
export function underDeadline<T>(deadline: Deadline, work: () => T): T {
  return runInScope({ deadline }, work);
}

/** The deadline the calling code runs under, if any (an operation run inside another shares its deadline). */
export function currentDeadline(): Deadline | undefined {
  return currentScope().deadline;
}

export const TIMED_OUT: unique symbol = Symbol("timed out");

/**
 * Runs `work` under `deadline` (armed by the caller or by the work itself) and answers as soon as either it ends or
 * the deadline's timer fires: TIMED_OUT when the timer fired first or a statement was refused (the answer would be
 * incomplete). Work left running stops at its next database statement; nobody waits for it.
 */
export async function raceDeadline<T>(deadline: Deadline, work: () => Promise<T>): Promise<T | typeof TIMED_OUT> {
  const execution = underDeadline(deadline, work);
  try {
    const result = await Promise.race([execution, deadline.expired.then((): typeof TIMED_OUT => TIMED_OUT)]);
    if (result !== TIMED_OUT && !deadline.cut) return result;
  } catch (err) {
    if (!deadline.cut && !wasCutShort(err)) throw err;
  } finally {
    deadline.disarm();
  }
  execution.catch(() => undefined);
  return TIMED_OUT;
}

/** A statement about to be sent outside Prisma (sql.ts): fails like a refused one once the deadline is past. */
export function guardStatement<T>(send: () => Promise<T>): Promise<T> {
  return currentScope().deadline?.refuses() ? Promise.reject(new OperationAborted()) : send();
}

/** Wraps a driver adapter so that every statement first asks the current operation's deadline. */
export function abortableAdapter(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return guarded(factory);
}

function guarded<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return (...args: unknown[]) => guardStatement(() => value.apply(object, args) as Promise<unknown>);
      }
      if (property === "connect" || property === "startTransaction") {
        return async (...args: unknown[]) => guarded(await value.apply(object, args));
      }
      return value.bind(object);
    },
  });
}
