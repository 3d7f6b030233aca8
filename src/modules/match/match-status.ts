import type { MatchStatus } from "../../generated/prisma/enums";

/** Who moves a match: the need's side (enterprise, ADMIN) or the supplier's side (its society, expert or platform). */
export type MatchParty = "need" | "supplier";

/**
 * The match lifecycle: suggested → viewed → contacted → accepted / rejected → docked → closed.
 * Accepting and rejecting are the need's enterprise's decisions; either side records viewing and contact.
 */
const TRANSITIONS: Record<MatchStatus, Partial<Record<MatchStatus, MatchParty[]>>> = {
  SUGGESTED: { VIEWED: ["need", "supplier"], CONTACTED: ["need", "supplier"], ACCEPTED: ["need"], REJECTED: ["need"] },
  VIEWED: { CONTACTED: ["need", "supplier"], ACCEPTED: ["need"], REJECTED: ["need"] },
  CONTACTED: { ACCEPTED: ["need"], REJECTED: ["need"] },
  ACCEPTED: { DOCKED: ["need"], REJECTED: ["need"] },
  REJECTED: {},
  DOCKED: { CLOSED: ["need"] },
  CLOSED: {},
};

export function matchTransition(from: MatchStatus, to: MatchStatus): MatchParty[] {
  return TRANSITIONS[from][to] ?? [];
}

export function nextMatchStatuses(from: MatchStatus): MatchStatus[] {
  return Object.keys(TRANSITIONS[from]) as MatchStatus[];
}
