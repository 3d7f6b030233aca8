import type { NeedRow } from "../../infra/db/rows";
import { badInput, type DomainError } from "../../infra/errors";
import type { UpdateNeedInput } from "./need.input";

/** The statuses in which a need may be corrected. */
export const EDITABLE_NEED_STATUSES = ["OPEN", "DRAFT"] as const;

/** The fields whose change makes the need's matches stale: it is analysed and matched again. */
export const MATCHED_NEED_FIELDS = ["title", "description", "chainCode", "kind", "keywords"] as const;

/** The columns a correction writes (undefined: unchanged). */
export function needChanges(input: UpdateNeedInput) {
  return {
    title: input.title?.trim() || undefined,
    description: input.description?.trim() || undefined,
    chainCode: input.industryChainCode ?? undefined,
    kind: input.kind ?? undefined,
    keywords: input.keywords ? [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))] : undefined,
    budgetMin: input.budgetMin ?? undefined,
    budgetMax: input.budgetMax ?? undefined,
    deadline: input.deadline ?? undefined,
    visibility: input.visibility ?? undefined,
    teaser: input.teaser?.trim() || undefined,
  };
}

/** What is wrong with a correction of this need, as the error to throw; null if nothing. */
export function needUpdateProblem(need: NeedRow, changes: ReturnType<typeof needChanges>, now = Date.now()): DomainError | null {
  if (!(EDITABLE_NEED_STATUSES as readonly string[]).includes(need.status)) {
    return badInput("id", `A ${need.status} need cannot be corrected (only OPEN or DRAFT needs can)`);
  }
  if ((changes.visibility ?? need.visibility) === "CONFIDENTIAL" && !(changes.teaser ?? need.teaser)) {
    return badInput("input.teaser", "A CONFIDENTIAL need needs a teaser: what is sought, without names");
  }
  const min = changes.budgetMin ?? need.budgetMin;
  const max = changes.budgetMax ?? need.budgetMax;
  if (min != null && max != null && min > max) return badInput(changes.budgetMax !== undefined ? "input.budgetMax" : "input.budgetMin", "budgetMax must not be less than budgetMin");
  if (changes.deadline) {
    if (changes.deadline.getTime() <= now) return badInput("input.deadline", "deadline must be in the future");
    if (need.deadline && changes.deadline.getTime() < need.deadline.getTime()) {
      return badInput("input.deadline", `The deadline can only move later than ${need.deadline.toISOString()}`);
    }
    if (need.submissionDeadline && need.isChallenge && changes.deadline.getTime() < need.submissionDeadline.getTime()) {
      return badInput("input.deadline", "deadline must not be before the submissionDeadline");
    }
  }
  return null;
}
