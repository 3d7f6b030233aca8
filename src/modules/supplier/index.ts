/** The supplier module's public face: what other modules may import (docs/boundaries.md). */
export type { ScoringRow, SupplierKindSpec, SupplierRef } from "./kind";
export { CANDIDATE_QUOTA, SUPPLIER_KINDS, idsByKind, supplierKeyOf, supplierKind, supplierKindOfType, supplierOfGlobalId, supplierOfRow } from "./kinds";
export { actedSuppliers, actsAs, memberExpertRows, memberOfLoaded, ownSupplierRows, speaksFor, type MemberExpertRows, type SupplierKey } from "./acting";
export { loadSupplier } from "./supplier.loaders";
