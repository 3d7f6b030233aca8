import type { Services } from "../context/services";
import { hashPassword } from "../infra/auth/password";
import type { Logger } from "../infra/logger";
import { rebuildMatching } from "../modules/match/matching-rebuild";
import { generateDemo } from "./generator";
import { loadDemo, DEMO_PASSWORD } from "./loader";

export interface SeedOptions {
  scale?: number;
  fraction?: number;
  /** Match at most this many needs; the rest keep no suggestions until they change. */
  needLimit?: number;
  onProgress?: (done: number, total: number, phase: string) => void;
}

/** Generates, loads and matches the demo through the hub's own services. */
export async function seedDemo(services: Services, log: Logger, options: SeedOptions) {
  const started = Date.now();
  const demo = generateDemo({ scale: options.scale, fraction: options.fraction });
  const counts = await loadDemo(services.prisma, demo, { hashPassword, onProgress: options.onProgress });
  const loadedMs = Date.now() - started;
  // Fresh statistics after a bulk load, or the planner scans whole term tables (there is no autovacuum on PGlite).
  await services.prisma.$executeRawUnsafe("ANALYZE");
  const matching = await rebuildMatching(services.prisma, services.matching, { needLimit: options.needLimit, onProgress: options.onProgress });
  // VACUUM as well: it marks the freshly written pages all-visible, so the candidate search reads the postings
  // from the index alone (an index-only scan) instead of visiting a table page per posting.
  await services.prisma.$executeRawUnsafe("VACUUM (ANALYZE)");
  log.info({ counts, matching, loadedMs, totalMs: Date.now() - started, demoPassword: DEMO_PASSWORD }, "demo data loaded");
  return { counts, matching };
}
