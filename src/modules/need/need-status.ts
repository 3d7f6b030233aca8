import type { NeedStatus } from "../../generated/prisma/enums";

/**
 * The need lifecycle: draft → open → in docking → resolved / closed, and expired past the deadline.
 * EXPIRED is reached by the expiry sweep only; an expired need can be reopened (with a new deadline) or closed.
 */
const TRANSITIONS: Record<NeedStatus, NeedStatus[]> = {
  DRAFT: ["OPEN", "CLOSED"],
  OPEN: ["IN_DOCKING", "RESOLVED", "CLOSED"],
  IN_DOCKING: ["OPEN", "RESOLVED", "CLOSED"],
  EXPIRED: ["OPEN", "CLOSED"],
  RESOLVED: [],
  CLOSED: [],
};

export function allowedNextStatuses(from: NeedStatus): readonly NeedStatus[] {
  return TRANSITIONS[from];
}

export function canMoveNeed(from: NeedStatus, to: NeedStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses in which a need takes part in matching. */
export const MATCHABLE_NEED_STATUSES: NeedStatus[] = ["OPEN", "IN_DOCKING"];
