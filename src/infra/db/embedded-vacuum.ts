import type { Logger } from "../logger";
import { every, type Periodic } from "../periodic";
import type { Database } from "./database";

/** Every how many vacuums the statistics are refreshed too (ANALYZE samples every table: the costly part). */
export const ANALYZE_EVERY = 6;

/**
 * What autovacuum does for a PostgreSQL server, for the embedded database, which has none: without it, the rows
 * that updates and deletes leave behind (re-ranked matches, re-indexed suppliers' postings, the index statistics'
 * counters) are never reclaimed, and index-only scans visit the table because no page is ever marked all-visible.
 * A plain VACUUM skips the pages that are already clean, so it is cheap when little was written; every
 * ANALYZE_EVERY-th run also refreshes the planner's statistics (measured: docs/benchmarks.md, "Design decisions measured").
 * PGlite has one connection: requests wait while it runs. PostgreSQL is left to its own autovacuum.
 */
export class EmbeddedVacuum {
  private runs = 0;

  constructor(
    private readonly database: Pick<Database, "kind" | "withSession">,
    private readonly log: Logger,
  ) {}

  /** One vacuum of the whole database (with ANALYZE on the first run and every ANALYZE_EVERY-th after it). */
  async run(): Promise<{ analyzed: boolean; ms: number } | null> {
    if (this.database.kind !== "pglite") return null;
    const analyzed = this.runs++ % ANALYZE_EVERY === 0;
    const started = performance.now();
    await this.database.withSession((session) => session.exec(analyzed ? "VACUUM (ANALYZE)" : "VACUUM"));
    const ms = Math.round(performance.now() - started);
    this.log.info({ ms, analyzed }, "embedded database vacuumed");
    return { analyzed, ms };
  }
}

/**
 * Vacuums every `minutes` (HUB_PGLITE_VACUUM_MINUTES; 0 = never), the first time a whole interval after start, off
 * the start-up path. On PostgreSQL each run does nothing (EmbeddedVacuum.run decides).
 */
export function startEmbeddedVacuum(database: Pick<Database, "kind" | "withSession">, minutes: number, log: Logger): Periodic {
  const vacuum = new EmbeddedVacuum(database, log);
  return every(minutes * 60, () => vacuum.run(), log, "embedded vacuum", minutes * 60_000);
}
