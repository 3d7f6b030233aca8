import type { Prisma } from "../../infra/db/database";
import { unitOfWork } from "../../infra/db/unit-of-work";
import { SUPPLIER_KINDS, type SupplierRef } from "../supplier";
import type { MatchingService } from "./matching.service";
import { lockOpenNeeds, lockSupplierProfiles } from "./match-index";

/** The two halves of the index whose stored vectors an engine's reading made. */
export type IndexPart = "suppliers" | "needs";

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

/**
 * The active suppliers whose stored vector another reading than `reading` made (or an unknown one), in a stable order.
 * Read through the index on the marker (three ranges: below, above, null), so a sweep that finds none reads no row
 * and costs nothing more as the corpus grows.
 */
export async function suppliersOfAnotherReading(prisma: Prisma, reading: string): Promise<SupplierRef[]> {
  const byKind = await Promise.all(
    SUPPLIER_KINDS.map(async (k) => {
      const rows = await prisma.$queryRawUnsafe<Array<{ id: number }>>(
        `SELECT p."supplierId" AS id FROM "SupplierProfile" p JOIN "${k.table}" s ON s.id = p."supplierId" AND s.active
         WHERE p."supplierKind" = '${k.kind}' AND (p.reading < $1 OR p.reading > $1 OR p.reading IS NULL) ORDER BY 1`,
        reading,
      );
      return rows.map(({ id }) => ({ kind: k.kind, id }));
    }),
  );
  return byKind.flat();
}

/**
 * The needs new suppliers are offered to (OPEN, IN_DOCKING: the only ones whose stored profile is read again) whose
 * profile another reading made, or that have none yet (a seed that matched only the newest leaves the others to this).
 * Found from the open needs (an index on status), not from the profiles: closed needs keep theirs of older readings.
 */
export async function openNeedsOfAnotherReading(prisma: Prisma, reading: string): Promise<number[]> {
  const rows = await prisma.$queryRaw<Array<{ id: number }>>`
    SELECT n.id FROM "TechNeed" n LEFT JOIN "NeedProfile" p ON p."needId" = n.id
    WHERE n.status IN ('OPEN', 'IN_DOCKING') AND p.reading IS DISTINCT FROM ${reading} ORDER BY n.id`;
  return rows.map((r) => r.id);
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
