import { badInput } from "../../infra/errors";
import type { SupplierRef } from "../match/supplier-docs";

/** What a docking is arranged from: the need, the supplier, and the row that links them. */
export interface DockingSource {
  need: { id: number; title: string; enterpriseId: number; status: string };
  supplier: SupplierRef;
  responseId: number | null;
  invitationId: number | null;
}

/**
 * TO FILL AFTER MERGING INVITATIONS (another branch): load the invitation as the viewer may see it (NOT_FOUND
 * otherwise), require it ACCEPTED (BAD_USER_INPUT on input.invitationId), and return its need and supplier with
 * `invitationId` set. Who may schedule is then checked by the caller (the need's side or the supplier's side).
 */
export async function dockingFromInvitation(_invitationId: string): Promise<DockingSource> {
  throw badInput("input.invitationId", "invitations are not available yet");
}
