import { seesEverything, type Viewer } from "../../infra/auth/viewer";

/** A user (and so their email) is seen by that user, ADMIN and ANALYST; to everyone else it does not exist. */
export function mayReadUser(viewer: Viewer, user: number | object): boolean {
  if (typeof user === "object" && signedIn.has(user)) return true;
  const userId = typeof user === "number" ? user : (user as { id: number }).id;
  return viewer.kind === "user" && (viewer.userId === userId || seesEverything(viewer));
}

// login and changePassword answer with the user whose credentials the caller has just proved (the request
// itself may be anonymous or carry another token): those rows are the caller's own.
const signedIn = new WeakSet<object>();
export function asSignedIn<T extends object>(user: T): T {
  signedIn.add(user);
  return user;
}
