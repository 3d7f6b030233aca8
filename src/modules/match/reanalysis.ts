import type { Prisma } from "../../infra/db/database";
import type { Logger } from "../../infra/logger";
import { analysisFingerprint } from "../matching";
import type { MatchingService } from "./matching.service";
import { activeSuppliers, type IndexPart, openNeeds, type OnBatch, recordAnalysisFingerprint, reindexNeeds, reindexSuppliers, storedAnalysisFingerprint } from "./reindex";

/**
 * Runs `work` only if this instance takes the lock `key` (a PostgreSQL advisory lock), returning whether it did. The
 * hub gives it (app.ts): the database's sessions are infrastructure, this module only names the lock.
 */
export type TryExclusive = (key: number, work: () => Promise<void>) => Promise<boolean>;

/**
 * What /readyz says of one half's stored vectors: `waiting` while another instance re-analyses them (or this one has
 * not come to them yet), `running` with its progress, `current` once they are made by this engine's reading.
 */
export type ReanalysisStatus = { state: "waiting" | "current" | "failed" } | { state: "running"; done: number; total: number };

/** /readyz's fields, one per half of the index. */
export interface VectorsStatus {
  supplierVectors: ReanalysisStatus;
  needVectors: ReanalysisStatus;
}

// Any constant works, as long as it is not the migrator's; instances starting together serialise on it.
const REANALYSIS_LOCK_KEY = 72_610_418;
// How often an instance that found the lock taken looks again (the holder may finish, or die and leave it free).
const RETRY_MS = 1_000;
// After a failure (the database went away mid-run, say) it is tried again, sooner first, then at most every 15 minutes:
// stale vectors are worse than a retry's cost, and a hub may run for weeks before its next start.
const FAILED_RETRY_MS = { first: 30_000, max: 15 * 60_000 };

/** A half of the index: what it re-analyses, listed, with the way to re-analyse that list (true: all done). */
type Part = (prisma: Prisma) => Promise<{ total: number; reindex(matching: MatchingService, onBatch: OnBatch): Promise<boolean> }>;

function indexPart<T>(list: (prisma: Prisma) => Promise<T[]>, reindex: (prisma: Prisma, matching: MatchingService, items: T[], onBatch: OnBatch) => Promise<boolean>): Part {
  return async (prisma) => {
    const items = await list(prisma);
    return { total: items.length, reindex: (matching, onBatch) => reindex(prisma, matching, items, onBatch) };
  };
}

const PARTS: Record<IndexPart, Part> = { suppliers: indexPart(activeSuppliers, reindexSuppliers), needs: indexPart(openNeeds, reindexNeeds) };

/**
 * Stored vectors made by an older reading of the engine (dictionaries or analysis code changed since) no longer share
 * keys with text read by the new one. On start, when the fingerprint stored beside a half of the index is not the
 * engine's, that half is analysed afresh in the background, in batches, and its fingerprint is written last: first
 * every active supplier, then every open need's profile (ranked against the fresh suppliers; its matches stay). One
 * instance does it; the others wait and then find it current.
 */
export class Reanalysis {
  private status: Record<IndexPart, ReanalysisStatus> = { suppliers: { state: "waiting" }, needs: { state: "waiting" } };
  private run: Promise<void> | null = null;
  private stopping = false;
  private firstOutcome: Promise<void> | null = null;
  private outcome = () => {};
  /** Ends the pause between attempts at once (stop). */
  private wake = () => {};

  constructor(
    private readonly prisma: Prisma,
    private readonly matching: MatchingService,
    private readonly log: Logger,
    private readonly retry = FAILED_RETRY_MS,
  ) {}

  /** Starts the check in the background (once); serving goes on meanwhile. */
  start(tryExclusive: TryExclusive): void {
    this.firstOutcome ??= new Promise((resolve) => (this.outcome = resolve));
    this.run ??= this.untilDone(tryExclusive).finally(() => this.outcome());
  }

  current(): VectorsStatus {
    return { supplierVectors: this.status.suppliers, needVectors: this.status.needs };
  }

  /** Resolves when the check (and a re-analysis it started) has ended or first failed; tests wait on it. */
  settled(): Promise<void> {
    return this.firstOutcome ?? Promise.resolve();
  }

  /** Stops after the batch in progress (or at once, between attempts); the next start does the rest. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.run;
  }

  private async untilDone(tryExclusive: TryExclusive): Promise<void> {
    for (let failures = 0; !this.stopping; ) {
      try {
        if (await tryExclusive(REANALYSIS_LOCK_KEY, () => this.reanalyseIfStale())) return;
        await this.pause(RETRY_MS);
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
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => (clearTimeout(timer), resolve());
    });
  }

  private async reanalyseIfStale(): Promise<void> {
    const fingerprint = analysisFingerprint();
    // Needs are ranked against the suppliers, so they wait for the suppliers' vectors to be current.
    if (await this.reanalyseIfStalePart("suppliers", fingerprint)) await this.reanalyseIfStalePart("needs", fingerprint);
  }

  /** Returns whether the part's vectors are current at the end (false: the hub is stopping). */
  private async reanalyseIfStalePart(part: IndexPart, fingerprint: string): Promise<boolean> {
    const stored = await storedAnalysisFingerprint(this.prisma, part);
    if (stored === fingerprint) return (this.status[part] = { state: "current" }), true;
    const listed = await PARTS[part](this.prisma);
    const started = Date.now();
    // A fresh database: nothing to re-analyse, the fingerprint says what its first vectors will be made with.
    if (listed.total) this.log.info({ part, from: stored, to: fingerprint, total: listed.total }, "re-analysis started");
    this.status[part] = { state: "running", done: 0, total: listed.total };
    let batchStarted = Date.now();
    const finished = await listed.reindex(this.matching, async (done, total) => {
      this.status[part] = { state: "running", done, total };
      this.log.info({ part, done, total }, "re-analysis progress");
      // Each batch is followed by a pause as long as it took: the hub serves meanwhile, and analysing or ranking is CPU
      // its requests would wait for (tens of ms a need); at half pace they keep the larger share of it.
      if (done < total && !this.stopping) await this.pause(Date.now() - batchStarted);
      batchStarted = Date.now();
      return !this.stopping;
    });
    if (!finished) return (this.status[part] = { state: "waiting" }), false;
    await recordAnalysisFingerprint(this.prisma, part, fingerprint);
    this.status[part] = { state: "current" };
    if (listed.total) this.log.info({ part, count: listed.total, ms: Date.now() - started, fingerprint }, "re-analysis finished");
    return true;
  }
}
