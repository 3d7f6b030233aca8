import type { NeedRow, PrismaTypes } from "../../infra/db/rows";
import type { NeedTimers } from "./workflow.type";
import { engagedNeeds } from "../engagement";

const DAY_MS = 86_400_000;

const seconds = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null);

/**
 * dockedAt is when docking began: a response or match accepted, and, once a docking is held, the start of the first
 * docking held (docking.service.ts recordOutcome writes it), so time to docking is the docking's date when there is one.
 */
export function needTimers(need: NeedRow): NeedTimers {
  return {
    openedAt: need.openedAt,
    firstResponseAt: need.firstResponseAt,
    firstDecisionAt: need.firstDecisionAt,
    dockedAt: need.dockedAt,
    resolvedAt: need.resolvedAt,
    closedAt: need.closedAt,
    expiredAt: need.expiredAt,
    secondsToFirstResponse: seconds(need.openedAt, need.firstResponseAt),
    secondsToDecision: seconds(need.openedAt, need.firstDecisionAt),
    secondsToDocking: seconds(need.openedAt, need.dockedAt),
  };
}

/**
 * An OPEN need that nobody has answered for `staleDays` days since it opened (HUB_STALE_NEED_DAYS), by its columns;
 * a need someone is working on (engagement.ts) is not stale either: the caller checks that (needEngaged loader).
 */
export function isStale(need: Pick<NeedRow, "status" | "openedAt" | "firstResponseAt">, staleDays: number, now = Date.now()): boolean {
  return need.status === "OPEN" && need.firstResponseAt === null && need.openedAt !== null && now - need.openedAt.getTime() >= staleDays * DAY_MS;
}

/** The same rule as a Prisma where (the stale filter's oracle in test/integration/need-queries.test.ts; the list runs need.queries.ts). */
export function staleNeeds(staleDays: number, now = Date.now()): PrismaTypes.TechNeedWhereInput {
  return { status: "OPEN", firstResponseAt: null, openedAt: { lte: new Date(now - staleDays * DAY_MS) }, NOT: engagedNeeds() };
}

export interface WorkflowSettings {
  /** Days without a response after which an OPEN need is flagged stale (HUB_STALE_NEED_DAYS). */
  staleNeedDays: number;
}

export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = { staleNeedDays: 14 };
