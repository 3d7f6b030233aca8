import type { PrismaTypes } from "../../infra/db/rows";
import type { HubEvent } from "../../infra/pubsub/events";
import { supplierKeyOf } from "../supplier";
import type { MatchingService } from "./matching.service";
import type { SupplierRef } from "../supplier";

type Tx = PrismaTypes.TransactionClient;

export interface BulkMatchOptions {
  /** Of `refs`, those that existed before (their old suggestions were scored on their old text). */
  changed?: SupplierRef[];
  onProgress?: (phase: "index" | "match", done: number, total: number) => void;
}

const INDEX_BATCH = 200;
const LINK_BATCH = 500;

/**
 * Suppliers written in bulk (an import), indexed and matched inside the caller's transaction, as the seed does it
 * (matching-rebuild.ts) rather than one supplier at a time: every supplier is analysed into the index first, then
 * each open need that shares a term with one of them, or holds a suggestion of a changed one, is matched again
 * against the whole corpus. The new suppliers enter the top lists they earn, exactly as in postNeed's ranking; a
 * changed supplier's suggestions are rescored or dropped. Events to publish after commit, MATCH_FOUND told as
 * createExpert's path tells it.
 */
export async function indexAndMatchSuppliers(tx: Tx, matching: MatchingService, refs: SupplierRef[], options: BulkMatchOptions = {}): Promise<HubEvent[]> {
  const progress = options.onProgress ?? (() => {});
  for (let i = 0; i < refs.length; i += INDEX_BATCH) {
    await matching.indexSuppliers(tx, refs.slice(i, i + INDEX_BATCH));
    progress("index", Math.min(i + INDEX_BATCH, refs.length), refs.length);
  }
  const needIds = new Set(await needsSharingTerms(tx, refs));
  const changed = options.changed ?? [];
  for (let i = 0; i < changed.length; i += LINK_BATCH) {
    const held = await tx.match.findMany({ where: { status: "SUGGESTED", OR: changed.slice(i, i + LINK_BATCH).map(supplierKeyOf) }, select: { needId: true } });
    for (const { needId } of held) needIds.add(needId);
  }
  if (needIds.size && refs.length > 1000) {
    // Fresh statistics for the candidate search after a large load (PGlite has no autovacuum), as the seed does.
    await tx.$executeRawUnsafe(`ANALYZE "SupplierTerm", "SupplierProfile"`);
  }
  const events: HubEvent[] = [];
  const ordered = [...needIds].sort((a, b) => b - a);
  for (const [i, needId] of ordered.entries()) {
    events.push(...(await matching.matchNeed(tx, needId)));
    if ((i + 1) % 25 === 0 || i + 1 === ordered.length) progress("match", i + 1, ordered.length);
  }
  return events;
}

/** Open needs (OPEN, IN_DOCKING: those a new supplier is offered to) sharing at least one indexed term with the suppliers. */
async function needsSharingTerms(tx: Tx, refs: SupplierRef[]): Promise<number[]> {
  if (!refs.length) return [];
  const rows = await tx.$queryRaw<Array<{ id: number }>>`
    SELECT DISTINCT nt."needId" AS id FROM "NeedTerm" nt
      JOIN "TechNeed" n ON n.id = nt."needId" AND n.status IN ('OPEN', 'IN_DOCKING')
    WHERE nt.term IN (
      SELECT st.term FROM "SupplierTerm" st
        JOIN unnest(${refs.map((r) => r.kind)}::text[], ${refs.map((r) => r.id)}::int[]) AS r(kind, id)
          ON st."supplierKind" = r.kind::"SupplierKind" AND st."supplierId" = r.id)`;
  return rows.map((r) => r.id);
}
