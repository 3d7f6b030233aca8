import type { Role } from "../../generated/prisma/enums";
import type { EnterpriseRow, UserRow } from "../db/rows";

/** Who is asking: every service method takes it (through the context), so it is never a hidden global. */
export type Viewer = AnonymousViewer | UserViewer;

export interface AnonymousViewer {
  kind: "anonymous";
  /** A 大屏 display token's viewer: anonymous rights, and only the dashboard's statistics (display-token.ts). */
  display?: true;
}

export interface UserViewer {
  kind: "user";
  userId: number;
  role: Role;
  enterpriseId: number | null;
  societyId: number | null;
  expertId: number | null;
  platformId: number | null;
  /** Seconds since the epoch when the token stops working (subscriptions stop delivering then). */
  expiresAt: number;
  /** The user's tokenVersion the token was issued under: a long-lived subscription re-checks it per event. */
  tokenVersion: number;
}

export const ANONYMOUS: AnonymousViewer = { kind: "anonymous" };

export function isRole(viewer: Viewer, ...roles: Role[]): viewer is UserViewer {
  return viewer.kind === "user" && roles.includes(viewer.role);
}

/** ADMIN and ANALYST see everything (ANALYST writes nothing). */
export function seesEverything(viewer: Viewer): boolean {
  return isRole(viewer, "ADMIN", "ANALYST");
}

/**
 * Whether a viewer's token still holds now, given the user's row as it is now: not expired, the user active, no
 * password change since it was issued. A subscription's viewer is fixed at connection_init, so deliveries ask
 * this for every event.
 */
export function tokenStillHolds(viewer: Viewer, user: { active: boolean; tokenVersion: number } | null): boolean {
  if (viewer.kind === "anonymous") return true;
  return viewer.expiresAt * 1000 > Date.now() && user !== null && user.active && user.tokenVersion === viewer.tokenVersion;
}

// The user's row (and its enterprise's, if any) as read to authenticate a request, handed once to the loaders of the
// operation that follows (so `me` and an enterprise user's `organization` cost no second statement). Once only: a
// subscription keeps its viewer for hours, and the loaders made for its later events must read the rows afresh.
export interface ViewerRows {
  user: UserRow;
  enterprise: EnterpriseRow | null;
}
const freshRows = new WeakMap<UserViewer, ViewerRows>();

export function rememberViewerRows(viewer: UserViewer, rows: ViewerRows): void {
  freshRows.set(viewer, rows);
}

/** The rows remembered with this viewer, if no loaders took them yet; they are forgotten as they are handed out. */
export function takeViewerRows(viewer: Viewer): ViewerRows | undefined {
  if (viewer.kind === "anonymous") return undefined;
  const rows = freshRows.get(viewer);
  freshRows.delete(viewer);
  return rows;
}
