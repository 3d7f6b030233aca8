import type { Prisma } from "../../infra/db/database";
import type { IndustryChainRow, RegionRow } from "../../infra/db/rows";

export interface ReferenceRows {
  regions: ReadonlyMap<string, RegionRow>;
  chains: ReadonlyMap<string, IndustryChainRow>;
}

// Regions and industry chains are written only at start (ReferenceService.seed, before the hub serves), so each
// process reads them once and answers `region`/`industryChain` fields from memory: a statement less per request.
const cache = new WeakMap<Prisma, Promise<ReferenceRows>>();
/** The same rows once read, for answers that need not wait (reference-loader.ts). */
const loaded = new WeakMap<Prisma, ReferenceRows>();

export function referenceRows(prisma: Prisma): Promise<ReferenceRows> {
  let rows = cache.get(prisma);
  if (!rows) {
    rows = Promise.all([prisma.region.findMany(), prisma.industryChain.findMany()]).then(([regions, chains]) => ({
      regions: new Map(regions.map((r) => [r.code, r])),
      chains: new Map(chains.map((c) => [c.code, c])),
    }));
    const read = rows;
    // Held only while this read is still the cached one (reference data written meanwhile is read again).
    read.then((held) => void (cache.get(prisma) === read && loaded.set(prisma, held)), () => undefined);
    rows.catch(() => cache.delete(prisma)); // a failed read (database down) is tried again next time
    cache.set(prisma, rows);
  }
  return rows;
}

/** Forgets what was read (after the reference data is written). */
export function forgetReferenceRows(prisma: Prisma): void {
  cache.delete(prisma);
  loaded.delete(prisma);
}

/** The rows, if this process has read them already. */
export function loadedReferenceRows(prisma: Prisma): ReferenceRows | undefined {
  return loaded.get(prisma);
}
