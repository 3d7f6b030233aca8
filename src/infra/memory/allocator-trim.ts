// Gives the C allocator's free memory back to the system now and then (glibc's malloc_trim).
//
// V8's background threads (JIT compilation, garbage collection) allocate through glibc, each in an arena of its
// own, and glibc keeps what they free unless it lies at the top of an arena: after start-up and under load, a good share
// of the hub's RSS are such free pages, varying from run to run (measured: docs/benchmarks.md, "Design decisions measured").
// malloc_trim(0) returns the free pages of every arena; it is not free on the hub's heaps, so it runs
// after V8's full collections (when its threads have just freed their work lists) and on a timer, at most once per
// event loop turn.
import { PerformanceObserver, constants, type PerformanceEntry } from "node:perf_hooks";
import type { Logger } from "../logger";

/** Hands free allocator memory back to the system. */
export type TrimFunction = () => void;

export interface AllocatorTrim {
  /** Trims at the next turn of the event loop (once start-up, which leaves the most behind, is done). */
  soon(): void;
  stop(): void;
}

/** The part of koffi's API used here (its type declarations are an ES module's, which this CommonJS build cannot import). */
interface Koffi {
  load(library: string): { func(signature: string): (...args: number[]) => number };
}

/**
 * glibc's malloc_trim(0), called through koffi (a C FFI that ships prebuilt binaries); null where there is no glibc
 * (macOS, Windows, musl) or the binding cannot load: there the allocator is left as it is.
 */
export function glibcTrim(): TrimFunction | null {
  if (process.platform !== "linux") return null;
  try {
    // Loaded only here: a platform without a koffi binary must still start.
    const koffi = require("koffi") as Koffi;
    const mallocTrim = koffi.load("libc.so.6").func("int malloc_trim(size_t pad)");
    return () => void mallocTrim(0);
  } catch {
    return null;
  }
}

const isFullCollection = (entry: PerformanceEntry) =>
  ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1) === constants.NODE_PERFORMANCE_GC_MAJOR;

/** Trims every `seconds` and after each full collection; `seconds` 0 or no trim function: never. */
export function startAllocatorTrim(seconds: number, log: Logger, trim: TrimFunction | null = glibcTrim()): AllocatorTrim {
  if (seconds <= 0 || !trim) {
    if (seconds > 0) log.info("no glibc here: the allocator's free memory is not trimmed");
    return { soon: () => {}, stop: () => {} };
  }
  let pending: NodeJS.Immediate | null = null;
  const run = () => {
    pending = null;
    trim();
  };
  // Outside the observer's callback and the timer's: a burst of collections costs one trim.
  const schedule = () => {
    pending ??= setImmediate(run).unref();
  };
  const collections = new PerformanceObserver((list) => {
    if (list.getEntries().some(isFullCollection)) schedule();
  });
  collections.observe({ entryTypes: ["gc"] });
  const timer = setInterval(schedule, seconds * 1000);
  timer.unref();
  return {
    soon: schedule,
    stop: () => {
      clearInterval(timer);
      collections.disconnect();
      if (pending) clearImmediate(pending);
      pending = null;
    },
  };
}
