import { actsAs, ownSupplierRows } from "../supplier";
import { supplierOfRow } from "../supplier";
import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import type { PrismaTypes } from "../../infra/db/rows";

export type DockingRow = PrismaTypes.DockingGetPayload<object>;

/**
 * Who sees a docking: both sides (the need's enterprise; the supplier: the expert, platform or society, and the
 * societies of a docked expert), ADMIN and ANALYST. Every docking door (node, TechNeed.dockings, the .ics file)
 * filters with it in SQL.
 */
export function readableDockings(viewer: Viewer): PrismaTypes.DockingWhereInput {
  if (viewer.kind === "anonymous") return { id: -1 };
  if (seesEverything(viewer)) return {};
  const own: PrismaTypes.DockingWhereInput[] = [];
  if (viewer.enterpriseId) own.push({ need: { enterpriseId: viewer.enterpriseId } });
  own.push(...ownSupplierRows(viewer));
  return own.length ? { OR: own } : { id: -1 };
}

/** The supplier's side acting on its own docking: the expert, platform or society the docking names. */
export function actsForSupplier(viewer: Viewer, d: Pick<DockingRow, "supplierKind" | "supplierId">): boolean {
  return actsAs(viewer, supplierOfRow(d));
}
