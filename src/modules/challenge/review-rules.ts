import { badInput } from "../../infra/errors";
import { localDay, localHourOn } from "../../infra/local-time";

/** Scores run from 0 to 10 on each criterion; a solution's weighted total from 0 to 100. */
export const MAX_SCORE = 10;
export const MAX_CRITERIA = 10;
/** 公示 lasts five working days unless ADMIN says otherwise (at most thirty). */
export const DEFAULT_NOTICE_WORKING_DAYS = 5;
export const MAX_NOTICE_WORKING_DAYS = 30;
export const MAX_TEXT = 2000;

export interface CriterionInput {
  name: string;
  weight: number;
}

/** The enterprise's criteria, checked: 1–10 distinct names, whole weights of at least 1 that sum to 100. */
export function checkedCriteria(criteria: CriterionInput[]): CriterionInput[] {
  if (!criteria.length || criteria.length > MAX_CRITERIA) throw badInput("criteria", `A challenge has 1 to ${MAX_CRITERIA} criteria`);
  const seen = new Set<string>();
  const out = criteria.map((c, i) => {
    const name = c.name.trim();
    if (!name || name.length > 100) throw badInput(`criteria.${i}.name`, "A criterion needs a name of at most 100 characters");
    if (seen.has(name)) throw badInput(`criteria.${i}.name`, `Criterion "${name}" is named twice`);
    seen.add(name);
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) throw badInput(`criteria.${i}.weight`, "A weight is a whole number from 1 to 100");
    return { name, weight: c.weight };
  });
  const total = out.reduce((sum, c) => sum + c.weight, 0);
  if (total !== 100) throw badInput("criteria", `The weights must sum to 100 (they sum to ${total})`);
  return out;
}

export interface ScoreRow {
  responseId: number;
  expertId: number;
  criterionId: number;
  score: number;
}

export interface Ranked {
  responseId: number;
  rank: number;
  /** 0–100: each panelist's Σ score × weight / 10, averaged over the panelists who scored the solution. */
  weightedTotal: number;
  panelistsScored: number;
}

/**
 * The ranking of a challenge's solutions: highest weighted total first; equal totals share a rank (1, 1, 3);
 * a solution nobody scored yet is last with 0. Rounded to two decimals, as the notice publishes it.
 */
export function rankSolutions(responseIds: number[], weights: Map<number, number>, scores: ScoreRow[]): Ranked[] {
  const byResponse = new Map<number, Map<number, number>>();
  for (const s of scores) {
    const weight = weights.get(s.criterionId);
    if (weight === undefined) continue;
    const panel = byResponse.get(s.responseId) ?? new Map<number, number>();
    panel.set(s.expertId, (panel.get(s.expertId) ?? 0) + (s.score * weight) / MAX_SCORE);
    byResponse.set(s.responseId, panel);
  }
  const totals = responseIds.map((responseId) => {
    const panel = [...(byResponse.get(responseId)?.values() ?? [])];
    const mean = panel.length ? panel.reduce((a, b) => a + b, 0) / panel.length : 0;
    return { responseId, weightedTotal: Math.round(mean * 100) / 100, panelistsScored: panel.length };
  });
  totals.sort((a, b) => b.weightedTotal - a.weightedTotal || a.responseId - b.responseId);
  return totals.map((t, i) => ({ ...t, rank: i > 0 && totals[i - 1]!.weightedTotal === t.weightedTotal ? rankOf(totals, i) : i + 1 }));
}

function rankOf(totals: Array<{ weightedTotal: number }>, i: number): number {
  let j = i;
  while (j > 0 && totals[j - 1]!.weightedTotal === totals[i]!.weightedTotal) j--;
  return j + 1;
}

/**
 * When a notice published at `at` ends: local midnight (HUB_TIME_ZONE) after the `days`-th working day (Monday to
 * Friday) following the day of publication. Public holidays are not known to the hub: ADMIN lengthens the notice
 * over them (workingDays).
 */
export function noticeEnd(at: Date, days: number, timeZone: string): Date {
  let noon = localHourOn(at, 12, timeZone);
  let counted = 0;
  while (counted < days) {
    noon = localHourOn(new Date(noon.getTime() + 24 * 3_600_000), 12, timeZone);
    const [y, m, d] = localDay(noon, timeZone).split("-").map(Number) as [number, number, number];
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return localHourOn(new Date(noon.getTime() + 24 * 3_600_000), 0, timeZone);
}

/** A required text, trimmed, of at most MAX_TEXT characters. */
export function requiredText(text: string, field: string, what: string): string {
  const t = text.trim();
  if (!t) throw badInput(field, `${what} is required`);
  if (t.length > MAX_TEXT) throw badInput(field, `${field} must be at most ${MAX_TEXT} characters`);
  return t;
}
