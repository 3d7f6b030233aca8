import type { Prisma } from "../../infra/db/database";
import type { MatchingService } from "./matching.service";
import { unitOfWork } from "../../infra/db/unit-of-work";
import { activeSuppliers, reindexSuppliers } from "./reindex";

export interface RebuildOptions {
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Match at most this many needs (newest open ones first); all when absent. */
  needLimit?: number;
}

/**
 * Builds the matching index and the matches for data loaded in bulk (demo, imports): first every supplier
 * is analysed (no needs are indexed yet, so this offers them to nothing), then every need is matched against
 * the complete supplier corpus, one transaction per need. Every profile written records the matching's reading, so
 * the next start does not read them again (reanalysis.ts).
 */
export async function rebuildMatching(prisma: Prisma, matching: MatchingService, options: RebuildOptions = {}): Promise<{ suppliers: number; needs: number; matches: number }> {
  const suppliers = await activeSuppliers(prisma);
  await reindexSuppliers(prisma, matching, suppliers, (done, total) => options.onProgress?.(done, total, "indexing suppliers"));
  const needs = await prisma.techNeed.findMany({
    where: { status: { in: ["OPEN", "IN_DOCKING", "RESOLVED", "CLOSED"] } },
    select: { id: true },
    orderBy: [{ id: "desc" }],
    take: options.needLimit,
  });
  let matches = 0;
  for (const [i, need] of needs.entries()) {
    matches += (await unitOfWork(prisma, null, (tx) => matching.matchNeed(tx, need.id, undefined, { notify: false }), { timeout: 60_000 })).filter((e) => e.topic === "matchFound").length;
    if ((i + 1) % 25 === 0 || i + 1 === needs.length) options.onProgress?.(i + 1, needs.length, "matching needs");
  }
  // With a limit, the older open needs are left without a profile, which a start's re-analysis writes (reindex.ts).
  return { suppliers: suppliers.length, needs: needs.length, matches };
}
