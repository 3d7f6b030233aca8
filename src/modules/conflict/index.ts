/** The conflict module's public face: what other modules may import (docs/boundaries.md). */
export { conflictedNeedIds, conflictedSuppliersSql, inConflict, supplierOfMatch } from "./conflict-rules";
