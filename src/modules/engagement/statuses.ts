import type { MatchStatus, NeedStatus } from "../../generated/prisma/enums";

/**
 * An engagement: a supplier working on a need that is still open. Today that is an ACCEPTED response (each of its
 * experts, and its society) or an ACCEPTED / DOCKED match; an engagement ends when its need is resolved, closed or
 * expired, or its response / match leaves those statuses (withdrawn, declined, rejected, closed).
 *
 * Accepted invitations on open needs are engagements too (accepting one also moves its match to ACCEPTED; they are
 * named here all the same, so an engagement does not hang on that step).
 */
export const ENGAGED_MATCH_STATUSES: MatchStatus[] = ["ACCEPTED", "DOCKED"];
/** The need statuses in which an engagement is open (the need is still worked on). */
export const OPEN_NEED_STATUSES: NeedStatus[] = ["OPEN", "IN_DOCKING"];
