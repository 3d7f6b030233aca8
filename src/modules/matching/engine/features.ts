// The non-text features. Each returns a value in 0..1; score.ts decides how much each counts.
import { dictionaries } from "./dictionaries";
import type { NeedDoc, SupplierDoc } from "./types";

/** Same chain 1; a neighbouring chain (adjacency table) partial; supplier with no chain recorded: neutral. */
export function industryChainFit(needChain: string, supplierChains: string[]): number {
  const d = dictionaries();
  if (supplierChains.length === 0) return d.unknownChain;
  let best = 0;
  for (const c of supplierChains) {
    if (c === needChain) return 1;
    best = Math.max(best, d.chainCloseness.get(`${needChain}|${c}`) ?? 0);
  }
  return best;
}

const NANYANG_PREFIX = "4113";

function inNanyang(code: string): boolean {
  return code.startsWith(NANYANG_PREFIX) || code.startsWith("NY-");
}

/** Same county 1; elsewhere in Nanyang 0.6; unknown on either side 0.4 (neutral-ish); outside Nanyang 0.2. */
export function regionFit(needRegion: string | null, supplierRegion: string | null): number {
  if (!needRegion || !supplierRegion) return 0.4;
  if (needRegion === supplierRegion) return 1;
  if (inNanyang(needRegion) && inNanyang(supplierRegion)) return 0.6;
  return 0.2;
}

/**
 * Free capacity. Experts: 1 when all slots are free, falling to 0.3 with one slot left, 0 when every slot is busy.
 * Platforms and societies have no slot model: 1.
 */
export function capacityFit(s: SupplierDoc): number {
  if (s.kind !== "EXPERT" || s.capacity === undefined || s.capacity === null) return 1;
  const capacity = Math.max(0, s.capacity);
  const busy = Math.max(0, s.activeEngagements ?? 0);
  if (capacity === 0 || busy >= capacity) return 0;
  const free = capacity - busy;
  return 0.3 + (0.7 * (free - 1)) / Math.max(1, capacity - 1);
}

/** Prior acceptance rate and its strength (pseudo-responses) for smoothing. */
export const TRACK_PRIOR_RATE = 0.6;
export const TRACK_PRIOR_STRENGTH = 5;

/** Smoothed acceptance rate: a newcomer gets the prior, a long record its own rate. */
export function trackRecord(s: SupplierDoc): number {
  const responses = Math.max(0, s.responses ?? 0);
  const accepted = Math.min(responses, Math.max(0, s.acceptedResponses ?? 0));
  return (accepted + TRACK_PRIOR_RATE * TRACK_PRIOR_STRENGTH) / (responses + TRACK_PRIOR_STRENGTH);
}

function supplierKindKey(s: SupplierDoc): string {
  return s.kind === "PLATFORM" ? (s.platformKind ?? "OTHER") : s.kind;
}

/** Supplier kinds a need's text asks for by name ("由...社会组织牵头" → SOCIETY, "中试基地" → PILOT_BASE). */
export function wantedKinds(need: NeedDoc): Set<string> {
  const text = `${need.title}\n${need.description}`;
  const wanted = new Set<string>();
  for (const cue of dictionaries().kindCues) if (cue.pattern.test(text)) for (const f of cue.fits) wanted.add(f);
  return wanted;
}

/**
 * Need kind vs supplier kind (prior table), sharpened by cues in the need's text: a named kind gets 1, the others
 * keep only part of their prior. Pass `wanted` (from wantedKinds) when scoring many suppliers for one need.
 */
export function kindFit(need: NeedDoc, s: SupplierDoc, wanted: Set<string> = wantedKinds(need)): number {
  const d = dictionaries();
  const key = supplierKindKey(s);
  const prior = d.kindPriors[need.kind]?.[key] ?? s.kindPriors?.[need.kind] ?? 0.5;
  if (wanted.size === 0) return prior;
  if (wanted.has(key) || (s.kind !== "PLATFORM" && wanted.has(s.kind))) return 1;
  return prior * d.otherKindFactor;
}

/**
 * Schedule: a need due soon is better served by someone with a free slot now. 1 without a deadline or with free
 * capacity; for a busy expert it falls as the deadline nears (0 within 30 days). Budget is not scored: suppliers
 * carry no price data.
 */
export function scheduleFit(need: NeedDoc, s: SupplierDoc, now: Date = new Date()): number {
  if (!need.deadline) return 1;
  const days = (need.deadline.getTime() - now.getTime()) / 86_400_000;
  if (days <= 0) return 0.5;
  if (capacityFit(s) > 0) return 1;
  return Math.max(0, Math.min(1, (days - 30) / 150));
}

/**
 * Outcome prior: Beta(OUTCOME_PRIOR_FIT, OUTCOME_PRIOR_MISFIT), mean 0.5, as strong as four decisions, so that one
 * rejection moves the estimate a little (0.5 → 0.4) and only repeated ones move it far (five → 0.22).
 */
export const OUTCOME_PRIOR_FIT = 2;
export const OUTCOME_PRIOR_MISFIT = 2;
const OUTCOME_PRIOR_MEAN = OUTCOME_PRIOR_FIT / (OUTCOME_PRIOR_FIT + OUTCOME_PRIOR_MISFIT);
/** How far the value can go either way: it is centred on the prior, so a supplier without records scores 0. */
export const OUTCOME_RANGE = { min: -OUTCOME_PRIOR_MEAN, max: 1 - OUTCOME_PRIOR_MEAN } as const;

/**
 * What the need sides of this chain decided about the supplier: the smoothed share of fitting decisions (posterior
 * mean of the Beta prior above) minus the prior's mean. Signed on purpose: 0 without records, negative after
 * OUT_OF_SCOPE rejections, positive after invitations and dockings; so an unknown supplier is neither helped nor hurt.
 */
export function outcomeFit(needChain: string, s: SupplierDoc): number {
  const o = s.outcomes?.[needChain];
  if (!o) return 0;
  const fit = Math.max(0, o.fit);
  const misfit = Math.max(0, o.misfit);
  return (fit + OUTCOME_PRIOR_FIT) / (fit + misfit + OUTCOME_PRIOR_FIT + OUTCOME_PRIOR_MISFIT) - OUTCOME_PRIOR_MEAN;
}
