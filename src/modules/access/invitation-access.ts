import { ownSupplierRows } from "../supplier";
import { seesEverything, type Viewer } from "../../infra/auth/viewer";
import type { PrismaTypes } from "../../infra/db/rows";

type InvitationWhere = PrismaTypes.InvitationWhereInput;

/**
 * Invitations are seen by the two parties only: the need's enterprise (its sender) and the invited supplier's side
 * (the expert's user, the platform's users, the society's users, also for its member experts), ADMIN and ANALYST.
 * Lists, node(id:), TechNeed.invitations and Match.invitation filter with this fragment in SQL.
 */
export function readableInvitations(viewer: Viewer): InvitationWhere {
  if (viewer.kind === "anonymous") return { id: -1 };
  if (seesEverything(viewer)) return {};
  const own: InvitationWhere[] = [];
  if (viewer.enterpriseId) own.push({ need: { enterpriseId: viewer.enterpriseId } });
  const supplier = invitedSide(viewer);
  if (supplier) own.push(supplier);
  return own.length ? { OR: own } : { id: -1 };
}

/** Invitations addressed to a supplier the viewer acts for; null when it acts for none. */
export function invitedSide(viewer: Viewer & { kind: "user" }): InvitationWhere | null {
  const own: InvitationWhere[] = ownSupplierRows(viewer);
  return own.length ? { OR: own } : null;
}
