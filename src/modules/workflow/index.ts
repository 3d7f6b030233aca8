/** The workflow module's public face: what other modules may import (docs/boundaries.md). */
export { firstNeedStepSql, logStatusChange, logStatusChanges, noteDecision, noteDocking } from "./status-log";
export { DEFAULT_WORKFLOW_SETTINGS, isStale, needTimers, staleNeeds } from "./timers";
export type { WorkflowSettings } from "./timers";
export { CooperationMode, DeclineReason } from "./workflow.enums";
export { DeclineNote, MatchStep, NeedStep, NeedTimers, ResponseStep } from "./workflow.type";
