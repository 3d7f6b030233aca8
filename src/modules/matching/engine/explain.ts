// Explanations: the matched terms a person can read, and a one-line reason in Chinese, e.g.
// 命中：热失控、储能；同属新能源产业链；专家当前 1/3 在办
import { conceptLabel } from "./concepts";
import { BIGRAM_PREFIX, CONCEPT_PREFIX, dictionaries } from "./dictionaries";
import type { NeedDoc, SupplierDoc } from "./types";

const MAX_MATCHED_TERMS = 8;
const MAX_REASON_TERMS = 4;

/** Words and concept labels by contribution, best first, without duplicates; bigrams only if nothing else matched. */
export function matchedTermsOf(contributions: Array<{ term: string; contribution: number }>): string[] {
  const sorted = [...contributions].sort((a, b) => b.contribution - a.contribution);
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (label: string) => {
    if (!label || seen.has(label)) return;
    // A concept label that only restates a word already listed (or the reverse) adds nothing.
    for (const s of seen) if (s.includes(label) || label.includes(s)) return;
    seen.add(label);
    out.push(label);
  };
  for (const c of sorted) {
    if (out.length >= MAX_MATCHED_TERMS) break;
    if (c.term.startsWith(BIGRAM_PREFIX)) continue;
    push(c.term.startsWith(CONCEPT_PREFIX) ? conceptLabel(c.term) : c.term);
  }
  if (out.length === 0) {
    for (const c of sorted.slice(0, MAX_MATCHED_TERMS)) push(c.term.slice(BIGRAM_PREFIX.length));
  }
  return out;
}

/** The labels of the related concepts a supplier matched (TermVector.related), by contribution, best first. */
export function relatedLabelsOf(contributions: Array<{ term: string; contribution: number }>): string[] {
  return [...new Set([...contributions].sort((a, b) => b.contribution - a.contribution).map((c) => conceptLabel(c.term)))].filter(Boolean);
}

/** How the reason names concepts the need did not say, added from what its first-ranked suppliers share. */
export const RELATED_PREFIX = "相关领域（由排名靠前的供给方共有）：";

export function chainName(code: string): string {
  return dictionaries().chainNames[code] ?? code;
}

export interface FeatureValues {
  industryChain: number;
  kindFit: number;
  capacity: number;
  region: number;
}

/** `related`: labels of the matched concepts the need did not say (TermVector.related), named apart from what it said. */
export function explain(need: NeedDoc, s: SupplierDoc, matchedTerms: string[], values: FeatureValues, related: string[] = []): string {
  const d = dictionaries();
  const parts: string[] = [];
  if (matchedTerms.length > 0) parts.push(`命中：${matchedTerms.slice(0, MAX_REASON_TERMS).join("、")}`);
  if (related.length > 0) parts.push(RELATED_PREFIX + related.slice(0, MAX_REASON_TERMS).join("、"));

  const chains = s.chainCodes ?? [];
  if (chains.includes(need.chainCode)) parts.push(`同属${chainName(need.chainCode)}产业链`);
  else if (values.industryChain > 0 && chains.length > 0) {
    const related = chains.filter((c) => (d.chainCloseness.get(`${need.chainCode}|${c}`) ?? 0) > 0);
    if (related.length > 0) parts.push(`相关产业链：${related.map(chainName).join("、")}`);
  }

  if (s.kind === "PLATFORM") {
    const kindName = d.platformKindNames[s.platformKind ?? "OTHER"] ?? "平台";
    parts.push(values.kindFit >= 0.9 ? `${kindName}，适合此类需求` : kindName);
  } else if (s.kindLabel) {
    parts.push(values.kindFit >= 0.9 ? `${s.kindLabel}，适合此类需求` : s.kindLabel);
  }

  if (s.kind === "EXPERT" && s.capacity !== undefined && s.capacity !== null) {
    const busy = Math.max(0, s.activeEngagements ?? 0);
    parts.push(busy >= s.capacity ? `专家名额已满（${busy}/${s.capacity} 在办）` : `专家当前 ${busy}/${s.capacity} 在办`);
  }

  if (need.regionCode && s.regionCode && need.regionCode === s.regionCode) {
    parts.push(`同在${d.regionNames[s.regionCode] ?? "本地"}`);
  }
  const note = outcomeNote(need.chainCode, s);
  if (note) parts.push(note);
  return parts.join(REASON_SEPARATOR);
}

const REASON_SEPARATOR = "；";
/** How the clause on recorded decisions begins; always the reason's last part (publicReason drops it). */
export const OUTCOME_NOTE_PREFIX = "本链记录：";

/**
 * The decisions behind the outcome feature, counted, in the domain's words: 本链记录：3 项需求邀请或对接过，2 项需求判为不对口.
 * Counts only, never whose need: and the hub shows it to the need's side and staff only (publicReason).
 */
export function outcomeNote(chainCode: string, s: SupplierDoc): string | null {
  const o = s.outcomes?.[chainCode];
  if (!o || (o.fit <= 0 && o.misfit <= 0)) return null;
  const parts: string[] = [];
  if (o.fit > 0) parts.push(`${o.fit} 项需求邀请或对接过`);
  if (o.misfit > 0) parts.push(`${o.misfit} 项需求判为不对口`);
  return OUTCOME_NOTE_PREFIX + parts.join("，");
}

/** The reason without the clause on other needs' decisions: what viewers other than the need's side and staff read. */
export function publicReason(reason: string): string {
  if (!reason.includes(OUTCOME_NOTE_PREFIX)) return reason;
  return reason
    .split(REASON_SEPARATOR)
    .filter((part) => !part.startsWith(OUTCOME_NOTE_PREFIX))
    .join(REASON_SEPARATOR);
}
