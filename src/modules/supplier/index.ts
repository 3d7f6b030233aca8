/** The supplier module's public face: what other modules may import (docs/boundaries.md). */
export type { ScoringRow, SupplierKindSpec, SupplierLink } from "./kind";
export { CANDIDATE_QUOTA, SUPPLIER_KINDS, SUPPLIER_LINKS, idsByKind, supplierIdSql, supplierKind, supplierKindOfType, supplierLinkOf, supplierLinks, supplierOfGlobalId, supplierOfRow } from "./kinds";
export { loadSupplier } from "./supplier.loaders";
