import type { Role } from "../../generated/prisma/enums";
import { forbidden, unauthenticated } from "../errors";
import type { UserViewer, Viewer } from "./viewer";

/** Signed in with one of `roles` (any role when none given), else UNAUTHENTICATED / FORBIDDEN. Operations declare their callers in modules/access/policy.table.ts instead. */
export function requireRole(viewer: Viewer, ...roles: Role[]): UserViewer {
  if (viewer.kind === "anonymous") throw unauthenticated();
  if (roles.length && !roles.includes(viewer.role)) throw forbidden(`This needs one of the roles ${roles.join(", ")}`);
  return viewer;
}

/**
 * The signed-in viewer a service acts for. Who may call an operation is declared in modules/access/policy.table.ts
 * and checked before the resolver runs; this only narrows the type (and answers UNAUTHENTICATED should a service be
 * called without a user).
 */
export function actingUser(viewer: Viewer): UserViewer {
  if (viewer.kind === "anonymous") throw unauthenticated();
  return viewer;
}
