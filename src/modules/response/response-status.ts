import type { ResponseStatus } from "../../generated/prisma/enums";

/** Who moves a response: the need's side (its enterprise, ADMIN) or the responding society (ADMIN too). */
export type ResponseParty = "need" | "society";

/**
 * The response lifecycle: submitted → shortlisted → accepted / declined, or withdrawn by the society before a
 * decision is final. Declining needs a reason code, which the society sees.
 */
const TRANSITIONS: Record<ResponseStatus, Partial<Record<ResponseStatus, ResponseParty[]>>> = {
  SUBMITTED: { SHORTLISTED: ["need"], ACCEPTED: ["need"], DECLINED: ["need"], WITHDRAWN: ["society"] },
  SHORTLISTED: { ACCEPTED: ["need"], DECLINED: ["need"], WITHDRAWN: ["society"] },
  ACCEPTED: {},
  DECLINED: {},
  WITHDRAWN: {},
};

export function responseTransition(from: ResponseStatus, to: ResponseStatus): ResponseParty[] {
  return TRANSITIONS[from][to] ?? [];
}

export function nextResponseStatuses(from: ResponseStatus): ResponseStatus[] {
  return Object.keys(TRANSITIONS[from]) as ResponseStatus[];
}

/** A society has at most one response in these statuses per need. */
export const OPEN_RESPONSE_STATUSES: ResponseStatus[] = ["SUBMITTED", "SHORTLISTED", "ACCEPTED"];

/** Statuses in which the need's side has decided (they count for the need's "time to decision"). */
export const DECISIONS: ResponseStatus[] = ["SHORTLISTED", "ACCEPTED", "DECLINED"];
