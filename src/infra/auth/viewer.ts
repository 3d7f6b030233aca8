import type { Role } from "../../generated/prisma/enums";

/** Who is asking: every service method takes it (through the context), so it is never a hidden global. */
export type Viewer = AnonymousViewer | UserViewer;

export interface AnonymousViewer {
  kind: "anonymous";
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
}

export const ANONYMOUS: AnonymousViewer = { kind: "anonymous" };

export function isRole(viewer: Viewer, ...roles: Role[]): viewer is UserViewer {
  return viewer.kind === "user" && roles.includes(viewer.role);
}

/** ADMIN and ANALYST see everything (ANALYST writes nothing). */
export function seesEverything(viewer: Viewer): boolean {
  return isRole(viewer, "ADMIN", "ANALYST");
}
