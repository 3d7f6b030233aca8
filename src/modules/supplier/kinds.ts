// The kinds name their GraphQL types, whose decorators run when this list is first imported (by loaders and
// matching too, before the schema is built): the metadata polyfill must be there first.
import "reflect-metadata";
import type { SupplierKind } from "../../generated/prisma/enums";
import { badInput } from "../../infra/errors";
import { decodeGlobalId } from "../../infra/relay/global-id";
import { expertKind } from "../expert/expert.supplier";
import { platformKind } from "../platform/platform.supplier";
import { societyKind } from "../society/society.supplier";
import { universityKind } from "../university/university.supplier";
import type { SupplierKindSpec, SupplierLink } from "./kind";

/**
 * Every kind of supplier the hub matches, in the order lists show them. A new kind: a module with its
 * `SupplierKindSpec` (see university/university.supplier.ts), an entry here, its table and `SupplierKind` value in a
 * migration. Everything that handles suppliers (matching, the Supplier union, loaders, access, notifications)
 * iterates this list.
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

/** The link columns of Match, Invitation and Docking, one per kind. */
export const SUPPLIER_LINKS: readonly SupplierLink[] = SUPPLIER_KINDS.map((k) => k.link);

/** A row's supplier (Match, Invitation, Docking: exactly one link column is set, the one its supplierKind names). */
export function supplierOfRow(row: { supplierKind: SupplierKind } & Partial<Record<SupplierLink, number | null>>): { kind: SupplierKind; id: number } {
  return { kind: row.supplierKind, id: row[supplierKind(row.supplierKind).link]! };
}

/** The Prisma where-fragment (or data) naming one supplier by its link column: `{ expertId: 7 }`. */
export function supplierLinkOf(ref: { kind: SupplierKind; id: number }): Partial<Record<SupplierLink, number>> {
  return { [supplierKind(ref.kind).link]: ref.id };
}

/** Every link column of a row to write: the supplier's set, the others null. */
export function supplierLinks(ref: { kind: SupplierKind; id: number }): Record<SupplierLink, number | null> {
  return Object.fromEntries(SUPPLIER_KINDS.map((k) => [k.link, k.kind === ref.kind ? ref.id : null])) as Record<SupplierLink, number | null>;
}

/** SQL: the supplier id of a Match, Invitation or Docking row under `alias` (the one link column set). */
export function supplierIdSql(alias: string): string {
  return `COALESCE(${SUPPLIER_LINKS.map((l) => `${alias}."${l}"`).join(", ")})`;
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
