/**
 * Domain errors: services throw these; `formatError` (infra/http/format-error.ts) is the one place that maps
 * them to GraphQL errors with `extensions.code`. Anything else is logged and masked.
 */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  // a sign-in with the right password of an account that may not sign in (registration pending or rejected, deactivated)
  | "ACCOUNT_PENDING"
  | "ACCOUNT_REJECTED"
  | "ACCOUNT_DISABLED";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault (dotted path, e.g. "input.creditCode"), for BAD_USER_INPUT and CONFLICT. */
    readonly field?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const badInput = (field: string, message: string) => new DomainError("BAD_USER_INPUT", message, field);
export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You may not do this") => new DomainError("FORBIDDEN", message);
export const unauthenticated = (message = "Sign in first") => new DomainError("UNAUTHENTICATED", message);
export const conflict = (field: string, message: string) => new DomainError("CONFLICT", message, field);

/**
 * A write that lost a race on a unique column (Prisma's P2002): the service checked first, but another request
 * inserted the same value between its check and its insert. Becomes the CONFLICT the check would have given.
 */
export function conflictOnDuplicate(field: string, message: string): (err: unknown) => never {
  return (err) => {
    if (typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002") throw conflict(field, message);
    throw err;
  };
}
