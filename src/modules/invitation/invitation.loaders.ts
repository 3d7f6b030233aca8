import DataLoader from "dataloader";
import type { Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import { groupedInKeyOrder } from "../../infra/db/batch";
import type { InvitationRow } from "../../infra/db/rows";
import { readableInvitations } from "../access";

/** The invitations of each need, oldest first, that the viewer may see. */
export function invitationsOfNeedLoader(prisma: Prisma, viewer: Viewer) {
  return new DataLoader<number, InvitationRow[]>(async (needIds) =>
    groupedInKeyOrder(
      needIds,
      await prisma.invitation.findMany({ where: { needId: { in: [...needIds] }, AND: [readableInvitations(viewer)] }, orderBy: { id: "asc" } }),
      (r) => r.needId,
    ),
  );
}

/** Each match's latest invitation, when the viewer may see it. */
export function invitationOfMatchLoader(prisma: Prisma, viewer: Viewer) {
  return new DataLoader<number, InvitationRow | null>(async (matchIds) =>
    groupedInKeyOrder(
      matchIds,
      await prisma.invitation.findMany({ where: { matchId: { in: [...matchIds] }, AND: [readableInvitations(viewer)] }, orderBy: { id: "desc" } }),
      (r) => r.matchId,
    ).map((rows) => rows[0] ?? null),
  );
}

/** Invitations by id, as the viewer may see them (node(id:), the mutations' answers). */
export function invitationLoader(prisma: Prisma, viewer: Viewer) {
  return new DataLoader<number, InvitationRow | null>(async (ids) => {
    const rows = await prisma.invitation.findMany({ where: { id: { in: [...ids] }, AND: [readableInvitations(viewer)] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
