import type { SupplierKind } from "../../generated/prisma/enums";
import type { Viewer } from "../../infra/auth/viewer";
import { SUPPLIER_KINDS } from "./kinds";

/** A supplier's key on Match, Invitation and Docking (and their Prisma where-fragment). */
export interface SupplierKey {
  supplierKind: SupplierKind;
  supplierId: number;
}

/** Rows (Match, Invitation, Docking alike) whose supplier is an expert member of a society. */
export type MemberExpertRows = { supplier: { memberships: { some: { societyId: number } } } };

/** The suppliers the viewer's user acts for (each kind's `viewerLink` on the user: its expert, platform, society). */
export function actedSuppliers(viewer: Viewer): SupplierKey[] {
  if (viewer.kind === "anonymous") return [];
  const keys: SupplierKey[] = [];
  for (const k of SUPPLIER_KINDS) {
    const id = k.viewerLink ? viewer[k.viewerLink] : null;
    if (id) keys.push({ supplierKind: k.kind, supplierId: id });
  }
  return keys;
}

/** Whether the viewer acts for this supplier itself (not through a society's membership). */
export function actsAs(viewer: Viewer, ref: { kind: SupplierKind; id: number }): boolean {
  return actedSuppliers(viewer).some((k) => k.supplierKind === ref.kind && k.supplierId === ref.id);
}

/**
 * Where-fragments for the Match, Invitation or Docking rows of a supplier the viewer acts for: its own (by the one
 * key) and, for a society's user, those of the society's member experts. Empty when it acts for none.
 */
export function ownSupplierRows(viewer: Viewer): Array<SupplierKey | MemberExpertRows> {
  const own: Array<SupplierKey | MemberExpertRows> = actedSuppliers(viewer);
  if (viewer.kind === "user" && viewer.societyId) own.push(memberExpertRows(viewer.societyId));
  return own;
}

export function memberExpertRows(societyId: number): MemberExpertRows {
  return { supplier: { memberships: { some: { societyId } } } };
}

/**
 * Whether the viewer speaks for a supplier: acts for it, or (a society's user) for a society its expert belongs to.
 * `memberOf(expertId, societyId)` answers the membership (a loader or a count), asked only when it matters.
 */
export async function speaksFor(
  viewer: Viewer,
  ref: { kind: SupplierKind; id: number },
  memberOf: (expertId: number, societyId: number) => Promise<boolean>,
): Promise<boolean> {
  if (actsAs(viewer, ref)) return true;
  return viewer.kind === "user" && viewer.societyId !== null && ref.kind === "EXPERT" && memberOf(ref.id, viewer.societyId);
}

/** `memberOf` through the request's loader of an expert's societies. */
export function memberOfLoaded(loaders: { societiesOfExpert: { load(expertId: number): Promise<ReadonlyArray<{ id: number }>> } }) {
  return async (expertId: number, societyId: number) => (await loaders.societiesOfExpert.load(expertId)).some((s) => s.id === societyId);
}
