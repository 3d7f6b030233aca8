// The kinds name their GraphQL types, whose decorators run when this list is first imported (by loaders and
// matching too, before the schema is built): the metadata polyfill must be there first.
import "reflect-metadata";
import type { SupplierKind } from "../../generated/prisma/enums";
import { badInput } from "../../infra/errors";
import { decodeGlobalId } from "../../infra/relay/global-id";
import { expertKind } from "./kinds/expert";
import { platformKind } from "./kinds/platform";
import { societyKind } from "./kinds/society";
import { universityKind } from "./kinds/university";
import type { SupplierKindSpec, SupplierRef } from "./kind";

/**
 * Every kind of supplier the hub matches, in the order lists show them. A new kind: a module with its GraphQL type
 * (exported from its index.ts), its `SupplierKindSpec` in kinds/ (see kinds/university.ts: how the supplier layer
 * reads, indexes and scores the kind's table), an entry here, and in a migration its table, its
 * `SupplierKind` value and its table's three "Supplier" triggers (supplier_rows_added / _removed / _truncated, as in
 * 20261207040000_supplier_key): Match, Invitation and Docking then refer to it by (supplierKind, supplierId) with no
 * column of its own. Everything that handles suppliers (matching, the Supplier union, loaders, access,
 * notifications) iterates this list.
 */
export const SUPPLIER_KINDS: readonly SupplierKindSpec[] = [expertKind, platformKind, societyKind, universityKind];

const BY_KIND = new Map(SUPPLIER_KINDS.map((k) => [k.kind, k]));
const BY_TYPE = new Map(SUPPLIER_KINDS.map((k) => [k.typeName, k]));

export function supplierKind(kind: SupplierKind): SupplierKindSpec {
  const spec = BY_KIND.get(kind);
  if (!spec) throw new Error(`No supplier kind ${kind} in SUPPLIER_KINDS`);
  return spec;
}

/** The kind whose GraphQL type (and global-ID type) is `typeName`; undefined for types that are no supplier. */
export const supplierKindOfType = (typeName: string): SupplierKindSpec | undefined => BY_TYPE.get(typeName);

/** A row's supplier (Match, Invitation, Docking): its key (supplierKind, supplierId). */
export function supplierOfRow(row: { supplierKind: SupplierKind; supplierId: number }): SupplierRef {
  return { kind: row.supplierKind, id: row.supplierId };
}

/** The Prisma where-fragment (or data) naming one supplier by its key: `{ supplierKind: "EXPERT", supplierId: 7 }`. */
export function supplierKeyOf(ref: SupplierRef): { supplierKind: SupplierKind; supplierId: number } {
  return { supplierKind: ref.kind, supplierId: ref.id };
}

/** The ids of each kind among `refs` (every kind present, with [] when none). */
export function idsByKind(refs: ReadonlyArray<{ kind: SupplierKind; id: number }>): Record<SupplierKind, number[]> {
  const ids = Object.fromEntries(SUPPLIER_KINDS.map((k) => [k.kind, [] as number[]])) as Record<SupplierKind, number[]>;
  for (const ref of refs) ids[ref.kind].push(ref.id);
  return ids;
}

/** Each kind's quota in the candidate search. */
export const CANDIDATE_QUOTA = Object.fromEntries(SUPPLIER_KINDS.map((k) => [k.kind, k.quota])) as Record<SupplierKind, number>;

/** A supplier's global ID (of any kind's type) as kind and id; BAD_USER_INPUT on `field` for anything else. */
export function supplierOfGlobalId(globalId: string, field: string): { kind: SupplierKind; id: number } {
  const decoded = decodeGlobalId(globalId);
  const spec = decoded && supplierKindOfType(decoded.type);
  if (!decoded || !spec) throw badInput(field, `${field} must be the ID of a supplier (${SUPPLIER_KINDS.map((k) => k.typeName).join(", ")})`);
  return { kind: spec.kind, id: decoded.id };
}
