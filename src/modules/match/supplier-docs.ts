import type { PrismaTypes } from "../../infra/db/rows";
import type { SupplierKind } from "../../generated/prisma/enums";
import type { SupplierDoc } from "../matching";
import { idsByKind, SUPPLIER_KINDS } from "../supplier";
import type { SupplierRef } from "../supplier";
import { scoringDocs, type DocsByKind } from "./supplier-scoring-docs";
import { supplierOutcomes } from "./supplier-outcomes";

type Tx = PrismaTypes.TransactionClient;

// Defined with the scoring documents, which this file reads through (no import circle between the two).
export type { DocsByKind };

export const supplierKey = (ref: SupplierRef) => `${ref.kind}:${ref.id}`;

/**
 * Loads what the engine needs to know about suppliers, a few queries per kind whatever the count (each kind's
 * `documents`, supplier/kinds.ts). `texts: false` leaves the free texts out, in one statement for every kind:
 * scoring reads the analysed vectors, only analysis needs the texts (supplier-scoring-docs.ts).
 */
export async function loadSupplierDocs(tx: Tx, refs: SupplierRef[], { texts = true } = {}): Promise<Map<string, SupplierDoc>> {
  const wanted = idsByKind(refs);
  const byKind = texts ? await docsWithTexts(tx, wanted) : await scoringDocs(tx, wanted);
  const docs = new Map<string, SupplierDoc>();
  for (const { kind } of SUPPLIER_KINDS) for (const [id, doc] of byKind[kind]) docs.set(supplierKey({ kind, id }), doc);
  return docs;
}

/** Each kind's documents, with the decisions recorded on its matches (as scoringDocs gives them). */
async function docsWithTexts(tx: Tx, ids: Record<SupplierKind, number[]>): Promise<DocsByKind> {
  const [outcomes, ...read] = await Promise.all([
    supplierOutcomes(tx, ids),
    ...SUPPLIER_KINDS.map((k) => (ids[k.kind].length ? k.documents(tx, ids[k.kind]) : Promise.resolve(new Map<number, SupplierDoc>()))),
  ]);
  for (const [i, k] of SUPPLIER_KINDS.entries()) {
    for (const [id, doc] of read[i]) {
      const recorded = outcomes.get(supplierKey({ kind: k.kind, id }));
      if (recorded) doc.outcomes = recorded;
    }
  }
  return Object.fromEntries(SUPPLIER_KINDS.map((k, i) => [k.kind, read[i]])) as DocsByKind;
}
