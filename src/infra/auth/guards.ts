import type { Role } from "../../generated/prisma/enums";
import { forbidden, unauthenticated } from "../errors";
import type { UserViewer, Viewer } from "./viewer";

/** Signed in with one of `roles` (any role when none given), else UNAUTHENTICATED / FORBIDDEN. */
export function requireRole(viewer: Viewer, ...roles: Role[]): UserViewer {
  if (viewer.kind === "anonymous") throw unauthenticated();
  if (roles.length && !roles.includes(viewer.role)) throw forbidden(`This needs one of the roles ${roles.join(", ")}`);
  return viewer;
}
