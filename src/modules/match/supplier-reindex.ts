import type { Prisma } from "../../infra/db/database";
import { unitOfWork } from "../../infra/db/unit-of-work";
import { SUPPLIER_KINDS, type SupplierRef } from "../supplier";
import type { MatchingService } from "./matching.service";
import { lockSupplierProfiles } from "./match-index";

// The engine's fingerprint (matching/engine/fingerprint.ts) the stored supplier vectors were made with (Setting row).
const FINGERPRINT_KEY = "supplier-analysis-fingerprint";
const BATCH = 200;

/** Every active supplier of every kind, in a stable order. */
export async function activeSuppliers(prisma: Prisma): Promise<SupplierRef[]> {
  const byKind = await Promise.all(
    SUPPLIER_KINDS.map(async (k) => (await prisma.$queryRawUnsafe<Array<{ id: number }>>(`SELECT id FROM "${k.table}" WHERE active ORDER BY id`)).map(({ id }) => ({ kind: k.kind, id }))),
  );
  return byKind.flat();
}

/**
 * Analyses the suppliers into the index afresh, one transaction per batch, offering them to no need. A supplier whose
 * profile an edit is writing meanwhile is left to that edit (lockSupplierProfiles), which analyses its new text. After each batch
 * `onBatch(done, total)` is told; when it returns false the rest is left (a hub stopping). Returns whether all were done.
 */
export async function reindexSuppliers(prisma: Prisma, matching: MatchingService, suppliers: SupplierRef[], onBatch: (done: number, total: number) => boolean | void = () => {}): Promise<boolean> {
  for (let i = 0; i < suppliers.length; i += BATCH) {
    await unitOfWork(prisma, null, async (tx) => matching.indexSuppliers(tx, await lockSupplierProfiles(tx, suppliers.slice(i, i + BATCH))), { timeout: 120_000 });
    if (onBatch(Math.min(i + BATCH, suppliers.length), suppliers.length) === false && i + BATCH < suppliers.length) return false;
  }
  return true;
}

export async function storedAnalysisFingerprint(prisma: Prisma): Promise<string | null> {
  return (await prisma.setting.findUnique({ where: { key: FINGERPRINT_KEY } }))?.value ?? null;
}

/** Written last, once every supplier is analysed with `fingerprint`: a run cut short is done again on the next start. */
export async function recordAnalysisFingerprint(prisma: Prisma, fingerprint: string): Promise<void> {
  await prisma.setting.upsert({ where: { key: FINGERPRINT_KEY }, create: { key: FINGERPRINT_KEY, value: fingerprint }, update: { value: fingerprint } });
}
