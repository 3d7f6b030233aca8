import type { Prisma } from "../../infra/db/database";
import { supplierOfRow } from "../supplier";
import type { Viewer } from "../../infra/auth/viewer";
import { badInput, notFound } from "../../infra/errors";
import { idOf } from "../../infra/relay/global-id";
import { invitedSide, readableInvitations } from "../access";
import type { SupplierRef } from "../supplier";

/** What a docking is arranged from: the need, the supplier, and the row that links them. */
export interface DockingSource {
  need: { id: number; title: string; enterpriseId: number; status: string };
  supplier: SupplierRef;
  responseId: number | null;
  invitationId: number | null;
  /** Whether the viewer acts for the supplier (then it may arrange the docking as the need's side may). */
  viewerIsSupplier: boolean;
}

export const NEED_FIELDS = { id: true, title: true, enterpriseId: true, status: true } as const;

/**
 * An ACCEPTED invitation as the viewer may see it (NOT_FOUND otherwise; BAD_USER_INPUT on input.invitationId when it
 * is not ACCEPTED), with its need and supplier. Who may schedule is checked by the caller.
 */
export async function dockingFromInvitation(prisma: Prisma, viewer: Viewer, invitationGlobalId: string): Promise<DockingSource> {
  const id = idOf("Invitation", invitationGlobalId, "input.invitationId");
  const found =
    id === null ? null : await prisma.invitation.findFirst({ where: { id, AND: [readableInvitations(viewer)] }, include: { need: { select: NEED_FIELDS } } });
  if (!found) throw notFound("Invitation");
  if (found.status !== "ACCEPTED") throw badInput("input.invitationId", `The invitation is ${found.status}: the supplier must accept it first`);
  const side = viewer.kind === "user" ? invitedSide(viewer) : null;
  const viewerIsSupplier = side !== null && (await prisma.invitation.count({ where: { id: found.id, AND: [side] } })) > 0;
  const supplier: SupplierRef = supplierOfRow(found);
  return { need: found.need, supplier, responseId: null, invitationId: found.id, viewerIsSupplier };
}
