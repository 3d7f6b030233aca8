import type { Prisma } from "../../infra/db/database";
import type { Logger } from "../../infra/logger";
import type { MatchingService } from "./matching.service";
import { claimedReading, claimReading } from "./reading-claim";
import { type IndexPart, type OnBatch, openNeedsOfAnotherReading, reindexNeeds, reindexSuppliers, suppliersOfAnotherReading } from "./reindex";

/**
 * Runs `work` only if this instance takes the lock `key` (a PostgreSQL advisory lock), returning whether it did. The
 * hub gives it (app.ts): the database's sessions are infrastructure, this module only names the lock.
 */
export type TryExclusive = (key: number, work: () => Promise<void>) => Promise<boolean>;

/**
 * What /readyz says of one half's stored vectors: `waiting` while another instance re-reads them (or this one has not
 * come to them yet), `running` with its progress (`total`: the rows of another reading), `current` once none is left,
 * `superseded` when another instance's reading is the claimed one (that one re-reads them; this one re-reads nothing).
 */
export type ReanalysisStatus = { state: "waiting" | "current" | "failed" | "superseded" } | { state: "running"; done: number; total: number };

/** /readyz's fields, one per half of the index. */
export interface VectorsStatus {
  supplierVectors: ReanalysisStatus;
  needVectors: ReanalysisStatus;
}

export interface ReanalysisOptions {
  /** After a failure: the first pause, doubled after each failure up to `max` (ms). */
  retry?: { first: number; max: number };
  /** How often the claimed reading's instances look for rows of another reading (0: at start only). */
  sweepSeconds?: number;
}

// Any constant works, as long as it is not the migrator's; instances starting together serialise on it.
const REANALYSIS_LOCK_KEY = 72_610_418;
// How often an instance that found the lock taken looks again (the holder may finish, or die and leave it free).
const RETRY_MS = 1_000;
// After a failure (the database went away mid-run, say) it is tried again, sooner first, then at most every 15 minutes:
// stale vectors are worse than a retry's cost, and a hub may run for weeks before its next start.
const FAILED_RETRY_MS = { first: 30_000, max: 15 * 60_000 };
// The first sweep comes sooner than the others: in a rolling upgrade the older instances go on serving, and writing
// rows of their reading, for the minutes it takes.
const FIRST_SWEEP_MS = 60_000;
const SWEEP_SECONDS = 300;

/** A half of the index: its rows of another reading than `reading`, listed, with the way to re-read that list (true: all done). */
type Part = (prisma: Prisma, reading: string) => Promise<{ total: number; reindex(matching: MatchingService, onBatch: OnBatch): Promise<boolean> }>;

function indexPart<T>(
  list: (prisma: Prisma, reading: string) => Promise<T[]>,
  reindex: (prisma: Prisma, matching: MatchingService, items: T[], onBatch: OnBatch) => Promise<boolean>,
): Part {
  return async (prisma, reading) => {
    const items = await list(prisma, reading);
    return { total: items.length, reindex: (matching, onBatch) => reindex(prisma, matching, items, onBatch) };
  };
}

const PARTS: Record<IndexPart, Part> = {
  suppliers: indexPart(suppliersOfAnotherReading, reindexSuppliers),
  needs: indexPart(openNeedsOfAnotherReading, reindexNeeds),
};

/** How a pass over a half ended: nothing of another reading left, the hub stopping, or another reading claimed meanwhile. */
type PassOutcome = "current" | "stopped" | "superseded";

/**
 * Each stored vector records the reading that made it (SupplierProfile.reading, NeedProfile.reading): vectors of
 * another reading no longer share keys with text read now. The reading they are to be made with is the claimed one
 * (reading-claim.ts): an instance starting with another reading than the claimed one claims its own, so the newest
 * start wins and two readings never take turns. Only the claimed reading's instances re-read others' rows, in the
 * background, in batches, at half pace, one instance at a time: at start, then in a sweep soon after and every
 * `sweepSeconds` (rows an older instance wrote while a rolling upgrade went on). First the active suppliers, then the
 * open needs' profiles (ranked against the fresh suppliers; their matches stay). An instance whose reading is no longer
 * claimed still writes rows of its own reading as it serves, and re-reads nothing.
 */
export class Reanalysis {
  private status: Record<IndexPart, ReanalysisStatus> = { suppliers: { state: "waiting" }, needs: { state: "waiting" } };
  private run: Promise<void> | null = null;
  private stopping = false;
  private firstOutcome: Promise<void> | null = null;
  private outcome = () => {};
  /** Ends the pause between attempts at once (stop). */
  private wake = () => {};
  private readonly reading: string;
  private readonly retry: { first: number; max: number };
  private readonly sweepMs: number;

  constructor(
    private readonly prisma: Prisma,
    private readonly matching: MatchingService,
    private readonly log: Logger,
    { retry = FAILED_RETRY_MS, sweepSeconds = SWEEP_SECONDS }: ReanalysisOptions = {},
  ) {
    // The reading its rows are written with is the one it claims and re-reads others' rows into.
    this.reading = matching.reading;
    this.retry = retry;
    this.sweepMs = sweepSeconds * 1000;
  }

  /** Claims this instance's reading and starts re-reading in the background (once); serving goes on meanwhile. */
  start(tryExclusive: TryExclusive): void {
    this.firstOutcome ??= new Promise((resolve) => (this.outcome = resolve));
    this.run ??= this.untilStopped(tryExclusive).finally(() => this.outcome());
  }

  current(): VectorsStatus {
    return { supplierVectors: this.status.suppliers, needVectors: this.status.needs };
  }

  /** Resolves when the start's pass (and a re-analysis it started) has ended or first failed; tests wait on it. */
  settled(): Promise<void> {
    return this.firstOutcome ?? Promise.resolve();
  }

  /** Stops after the batch in progress (or at once, between passes); the rows left are found again by the next pass. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.run;
  }

  private async untilStopped(tryExclusive: TryExclusive): Promise<void> {
    let claimed = false;
    for (let failures = 0, sweeps = 0; !this.stopping; ) {
      try {
        if (!claimed) claimed = (await this.claim(), true);
        if (!(await this.pass(tryExclusive))) {
          await this.pause(RETRY_MS);
          continue;
        }
        failures = 0;
        this.outcome();
        if (!this.sweepMs) return;
        await this.pause(sweeps++ ? this.sweepMs : Math.min(FIRST_SWEEP_MS, this.sweepMs));
      } catch (err) {
        for (const part of ["suppliers", "needs"] as const) if (this.status[part].state !== "current") this.status[part] = { state: "failed" };
        const retryInMs = Math.min(this.retry.first * 2 ** failures++, this.retry.max);
        this.log.error({ err, retryInMs }, "re-analysis of the stored vectors failed; it is tried again");
        this.outcome();
        await this.pause(retryInMs);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }

  private async claim(): Promise<void> {
    const replaced = await claimReading(this.prisma, this.reading);
    if (replaced !== this.reading) this.log.info({ reading: this.reading, replaced }, "this instance's reading of text is claimed: stored vectors of another are read again");
  }

  /** Whether this instance's reading is still the claimed one; if not, /readyz says so. */
  private async stillClaimed(): Promise<boolean> {
    const claimed = await claimedReading(this.prisma);
    if (claimed === this.reading) return true;
    if (this.status.suppliers.state !== "superseded") this.log.warn({ reading: this.reading, claimed }, "another instance's reading of text is claimed: this one re-reads no stored vector");
    this.status = { suppliers: { state: "superseded" }, needs: { state: "superseded" } };
    return false;
  }

  /** One look for rows of another reading, and their re-reading; false when another instance holds the lock. */
  private async pass(tryExclusive: TryExclusive): Promise<boolean> {
    if (!(await this.stillClaimed())) return true;
    return tryExclusive(REANALYSIS_LOCK_KEY, async () => {
      for (const part of ["suppliers", "needs"] as const) if (this.status[part].state === "superseded") this.status[part] = { state: "waiting" };
      // Needs are ranked against the suppliers, so they wait for the suppliers' vectors to be current.
      if ((await this.reanalysePart("suppliers")) === "current") await this.reanalysePart("needs");
    });
  }

  private async reanalysePart(part: IndexPart): Promise<PassOutcome> {
    const listed = await PARTS[part](this.prisma, this.reading);
    if (!listed.total) return (this.status[part] = { state: "current" }), "current";
    const started = Date.now();
    this.log.info({ part, reading: this.reading, total: listed.total }, "re-analysis started");
    this.status[part] = { state: "running", done: 0, total: listed.total };
    let outcome = "current" as PassOutcome; // set by the batches' callback
    let batchStarted = Date.now();
    await listed.reindex(this.matching, async (done, total) => {
      this.status[part] = { state: "running", done, total };
      this.log.info({ part, done, total }, "re-analysis progress");
      if (done === total) return true;
      // Each batch is followed by a pause as long as it took: the hub serves meanwhile, and analysing or ranking is CPU
      // its requests would wait for (tens of ms a need); at half pace they keep the larger share of it.
      await this.pause(Date.now() - batchStarted);
      batchStarted = Date.now();
      // A newer instance claimed its reading meanwhile: the rest is its to re-read.
      outcome = this.stopping ? "stopped" : (await this.stillClaimed()) ? "current" : "superseded";
      return outcome === "current";
    });
    if (outcome === "stopped") this.status[part] = { state: "waiting" };
    if (outcome !== "current") return outcome;
    this.status[part] = { state: "current" };
    this.log.info({ part, count: listed.total, ms: Date.now() - started, reading: this.reading }, "re-analysis finished");
    return "current";
  }
}
