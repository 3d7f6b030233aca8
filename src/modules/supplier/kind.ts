import type { Prisma as P } from "../../generated/prisma/client";
import type { SupplierKind } from "../../generated/prisma/enums";
import type { PrismaTypes } from "../../infra/db/rows";
import type { SupplierDoc } from "../matching";

type Tx = PrismaTypes.TransactionClient;

/** One supplier by its key, whatever its kind (a Match, Invitation or Docking names it by (supplierKind, supplierId)). */
export interface SupplierRef {
  kind: SupplierKind;
  id: number;
}

/** One supplier per row whatever its kind, as every kind's `scoringSql` selects it: the columns a kind lacks are null. */
export interface ScoringRow {
  kind: SupplierKind;
  id: number;
  name: string;
  /** expert keywords, society and institute disciplines */
  keywords: string[] | null;
  chains: string[] | null;
  capacity: number | null;
  busy: number | null;
  responses: number | null;
  accepted: number | null;
  /** a platform's kind, an institute's kind */
  subkind: string | null;
  regionCode: string | null;
}

/**
 * What the hub knows of one kind of supplier: everything that differs between experts, platforms, societies and
 * institutes. Code that handles suppliers iterates `SUPPLIER_KINDS` (kinds.ts) instead of branching on the kind, so
 * a new kind is a module with one of these and an entry in that list.
 */
export interface SupplierKindSpec {
  /** Its SupplierKind value: with a row's id, the key (supplierKind, supplierId) by which Match, Invitation and
   * Docking refer to it (a foreign key to "Supplier", whose rows the kind table's triggers keep). */
  kind: SupplierKind;
  /** Its GraphQL object type, a member of `union Supplier`; also its global IDs' type. */
  typeName: string;
  graphqlType: () => Function;
  /** Its table (SQL name); every supplier table has `id`, `name` and `active`. */
  table: string;
  /** How notifications name it (专家, 学会 …). */
  label: string;
  /** How many of the kind the candidate search keeps per need, before scoring (match-index.ts). */
  quota: number;
  /** The viewer's field naming the supplier of this kind its user acts for; none: only ADMIN acts for it. */
  viewerLink?: "expertId" | "platformId" | "societyId";
  /** Whole rows by id (the `Supplier` union's loader), for kinds without a loader of their own in context/loaders.ts. */
  rows(db: Tx, ids: number[]): Promise<Array<{ id: number }>>;
  /** What the matcher indexes: active suppliers' documents with their texts, by id. */
  documents(tx: Tx, ids: number[]): Promise<Map<number, SupplierDoc>>;
  /** One SELECT of `ScoringRow` columns, in that order, for the active suppliers among `ids` (one UNION ALL for all kinds). */
  scoringSql(ids: number[]): P.Sql;
  /** The scoring document of a row `scoringSql` selected (no free texts: scoring reads the analysed vectors). */
  scoringDoc(row: ScoringRow): SupplierDoc;
}
