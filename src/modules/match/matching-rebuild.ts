import type { Prisma } from "../../infra/db/database";
import { SUPPLIER_KINDS } from "../supplier";
import type { MatchingService } from "./matching.service";
import type { SupplierRef } from "../supplier";
import { unitOfWork } from "../../infra/db/unit-of-work";

export interface RebuildOptions {
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Match at most this many needs (newest open ones first); all when absent. */
  needLimit?: number;
}

/**
 * Builds the matching index and the matches for data loaded in bulk (demo, imports): first every supplier
 * is analysed (no needs are indexed yet, so this offers them to nothing), then every need is matched against
 * the complete supplier corpus, one transaction per need.
 */
export async function rebuildMatching(prisma: Prisma, matching: MatchingService, options: RebuildOptions = {}): Promise<{ suppliers: number; needs: number; matches: number }> {
  const byKind = await Promise.all(
    SUPPLIER_KINDS.map(async (k) => (await prisma.$queryRawUnsafe<Array<{ id: number }>>(`SELECT id FROM "${k.table}" WHERE active ORDER BY id`)).map(({ id }) => ({ kind: k.kind, id }))),
  );
  const suppliers: SupplierRef[] = byKind.flat();
  const BATCH = 200;
  for (let i = 0; i < suppliers.length; i += BATCH) {
    await unitOfWork(prisma, null, (tx) => matching.indexSuppliers(tx, suppliers.slice(i, i + BATCH)), { timeout: 120_000 });
    options.onProgress?.(Math.min(i + BATCH, suppliers.length), suppliers.length, "indexing suppliers");
  }
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
  return { suppliers: suppliers.length, needs: needs.length, matches };
}
