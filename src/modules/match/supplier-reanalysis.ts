import type { Prisma } from "../../infra/db/database";
import type { Logger } from "../../infra/logger";
import { analysisFingerprint } from "../matching";
import type { MatchingService } from "./matching.service";
import { activeSuppliers, recordAnalysisFingerprint, reindexSuppliers, storedAnalysisFingerprint } from "./supplier-reindex";

/**
 * Runs `work` only if this instance takes the lock `key` (a PostgreSQL advisory lock), returning whether it did. The
 * hub gives it (app.ts): the database's sessions are infrastructure, this module only names the lock.
 */
export type TryExclusive = (key: number, work: () => Promise<void>) => Promise<boolean>;

/**
 * What /readyz says of the stored supplier vectors: `waiting` while another instance re-analyses them (or this one
 * has not looked yet), `running` with its progress, `current` once they are made by this engine's reading.
 */
export type ReanalysisStatus = { state: "waiting" | "current" | "failed" } | { state: "running"; done: number; total: number };

// Any constant works, as long as it is not the migrator's; instances starting together serialise on it.
const REANALYSIS_LOCK_KEY = 72_610_418;
// How often an instance that found the lock taken looks again (the holder may finish, or die and leave it free).
const RETRY_MS = 1_000;

/**
 * Stored supplier vectors made by an older reading of the engine (dictionaries or analysis code changed since) no
 * longer share keys with needs read by the new one. On start, when the fingerprint stored beside the index is not the
 * engine's, every active supplier is analysed afresh in the background, in batches, and the fingerprint is written
 * last. One instance does it; the others wait and then find it current. Needs' matches are left as they are.
 */
export class SupplierReanalysis {
  private status: ReanalysisStatus = { state: "waiting" };
  private run: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly prisma: Prisma,
    private readonly matching: MatchingService,
    private readonly log: Logger,
  ) {}

  /** Starts the check in the background (once); serving goes on meanwhile. */
  start(tryExclusive: TryExclusive): void {
    this.run ??= this.untilDone(tryExclusive).catch((err) => {
      this.status = { state: "failed" };
      this.log.error({ err }, "supplier re-analysis failed; it is tried again on the next start");
    });
  }

  current(): ReanalysisStatus {
    return this.status;
  }

  /** Resolves when the check (and a re-analysis it started) has ended; tests wait on it. */
  settled(): Promise<void> {
    return this.run ?? Promise.resolve();
  }

  /** Stops after the batch in progress; the next start does the rest. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.run;
  }

  private async untilDone(tryExclusive: TryExclusive): Promise<void> {
    while (!this.stopping && !(await tryExclusive(REANALYSIS_LOCK_KEY, () => this.reanalyseIfStale()))) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
    }
  }

  private async reanalyseIfStale(): Promise<void> {
    const fingerprint = analysisFingerprint();
    const stored = await storedAnalysisFingerprint(this.prisma);
    if (stored === fingerprint) return void (this.status = { state: "current" });
    const suppliers = await activeSuppliers(this.prisma);
    const started = Date.now();
    // A fresh database: nothing to re-analyse, the fingerprint says what its first vectors will be made with.
    if (suppliers.length) this.log.info({ from: stored, to: fingerprint, total: suppliers.length }, "supplier re-analysis started");
    this.status = { state: "running", done: 0, total: suppliers.length };
    const finished = await reindexSuppliers(this.prisma, this.matching, suppliers, (done, total) => {
      this.status = { state: "running", done, total };
      this.log.info({ done, total }, "supplier re-analysis progress");
      return !this.stopping;
    });
    if (!finished) return void (this.status = { state: "waiting" });
    await recordAnalysisFingerprint(this.prisma, fingerprint);
    this.status = { state: "current" };
    if (suppliers.length) this.log.info({ suppliers: suppliers.length, ms: Date.now() - started, fingerprint }, "supplier re-analysis finished");
  }
}
