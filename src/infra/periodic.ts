import type { Logger } from "./logger";

/** A task the hub runs on a timer, and its way to stop. */
export interface Periodic {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `seconds` (never two runs at once: a tick that finds the last run still going is skipped),
 * logging a failure instead of throwing it. `firstAfterMs` is when the first run happens; 0 = at once. The timers
 * never keep the process alive. `seconds <= 0` runs nothing.
 */
export function every(seconds: number, task: () => Promise<unknown>, log: Logger, name: string, firstAfterMs = 0): Periodic {
  if (seconds <= 0) return { stop: async () => {} };
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = task()
      .catch((err) => log.error({ err }, `${name} failed`))
      .finally(() => {
        running = null;
      });
  };
  // The interval starts with the first run, not beside it: two timers due together both fired when the task held
  // the thread (PGlite's VACUUM does) and its promise settled before the second one's turn, so it ran twice.
  let timer: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    timer = setInterval(tick, seconds * 1000);
    timer.unref();
    tick();
  }, firstAfterMs);
  first.unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
