import type { Prisma } from "../../infra/db/database";
import { unitOfWork } from "../../infra/db/unit-of-work";
import { SUPPLIER_KINDS, type SupplierRef } from "../supplier";
import type { MatchingService } from "./matching.service";
import { lockOpenNeeds, lockSupplierProfiles } from "./match-index";

/** The two halves of the index whose stored vectors an engine's reading made. */
export type IndexPart = "suppliers" | "needs";

// The engine's fingerprint (matching/engine/fingerprint.ts) each half's stored vectors were made with (Setting rows).
const FINGERPRINT_KEY: Record<IndexPart, string> = { suppliers: "supplier-analysis-fingerprint", needs: "need-analysis-fingerprint" };
const SUPPLIER_BATCH = 200;
// A need is ranked to be re-read (its related concepts come from its top suppliers): a batch of 25 is a few seconds.
const NEED_BATCH = 25;

/** Told after each batch with how many are done, and awaited; returning false leaves the rest (a hub stopping). */
export type OnBatch = (done: number, total: number) => boolean | void | Promise<boolean | void>;

/** Every active supplier of every kind, in a stable order. */
export async function activeSuppliers(prisma: Prisma): Promise<SupplierRef[]> {
  const byKind = await Promise.all(
    SUPPLIER_KINDS.map(async (k) => (await prisma.$queryRawUnsafe<Array<{ id: number }>>(`SELECT id FROM "${k.table}" WHERE active ORDER BY id`)).map(({ id }) => ({ kind: k.kind, id }))),
  );
  return byKind.flat();
}

/** The needs new suppliers are offered to (OPEN, IN_DOCKING): the only ones whose stored profile is read again. */
export async function openNeeds(prisma: Prisma): Promise<number[]> {
  return (await prisma.techNeed.findMany({ where: { status: { in: ["OPEN", "IN_DOCKING"] } }, select: { id: true }, orderBy: { id: "asc" } })).map((n) => n.id);
}

/**
 * Analyses the suppliers into the index afresh, one transaction per batch, offering them to no need. A supplier whose
 * profile an edit is writing meanwhile is left to that edit (lockSupplierProfiles), which analyses its new text.
 * Returns whether all were done.
 */
export function reindexSuppliers(prisma: Prisma, matching: MatchingService, suppliers: SupplierRef[], onBatch?: OnBatch): Promise<boolean> {
  return inBatches(suppliers, SUPPLIER_BATCH, onBatch, (batch) =>
    unitOfWork(prisma, null, async (tx) => matching.indexSuppliers(tx, await lockSupplierProfiles(tx, batch)), { timeout: 120_000 }),
  );
}

/**
 * Reads the open needs' profiles afresh, one transaction per batch, changing no match. A need an edit is changing
 * meanwhile (its row locked) is left to that edit, which writes its profile with this reading. Returns whether all
 * were done.
 */
export function reindexNeeds(prisma: Prisma, matching: MatchingService, needIds: number[], onBatch?: OnBatch): Promise<boolean> {
  return inBatches(needIds, NEED_BATCH, onBatch, (batch) =>
    unitOfWork(prisma, null, async (tx) => matching.reanalyseNeeds(tx, await lockOpenNeeds(tx, batch)), { timeout: 120_000 }),
  );
}

async function inBatches<T>(items: T[], size: number, onBatch: OnBatch = () => {}, work: (batch: T[]) => Promise<unknown>): Promise<boolean> {
  for (let i = 0; i < items.length; i += size) {
    await work(items.slice(i, i + size));
    if ((await onBatch(Math.min(i + size, items.length), items.length)) === false && i + size < items.length) return false;
  }
  return true;
}

export async function storedAnalysisFingerprint(prisma: Prisma, part: IndexPart): Promise<string | null> {
  return (await prisma.setting.findUnique({ where: { key: FINGERPRINT_KEY[part] } }))?.value ?? null;
}

/** Written last, once every vector of the part is made with `fingerprint`: a run cut short is done again on the next start. */
export async function recordAnalysisFingerprint(prisma: Prisma, part: IndexPart, fingerprint: string): Promise<void> {
  const key = FINGERPRINT_KEY[part];
  await prisma.setting.upsert({ where: { key }, create: { key, value: fingerprint }, update: { value: fingerprint } });
}
