// Specialist over mentioner. When a need's symptom reaches a discipline (data/symptoms.json) and that discipline joins
// its ask, dozens of profiles hold it: keyword-dense ones that name the problem once among many products (the demo's
// "在X等产品Y等问题的解决上积累了丰富经验"), and the specialist whose whole profile is the field. BM25 on the ask,
// mapped through a saturating curve, barely tells them apart; the mass of the ask's disciplines in the profile does
// (on the own set's dev split the right supplier held 5–8 against 1–2 for the profiles ranked above it).
// Measured against a focus ratio (share of the profile's discipline mass in the ask's), the cosine in discipline
// space, a breadth penalty and IDF-weighted mass: docs/matching-eval.md, "Fifth round". Each asked discipline counts
// by its weight in the ask, relative to the heaviest (sixth round): a need that asks mostly about 振动噪声 and touches
// 摩擦磨损 once prefers the supplier deep in 振动噪声, and a discipline reached only through the company's own
// background (镀膜 of a product already coated, weight ~0.1 against ~2 for the problem's) hardly counts at all.
import { DISCIPLINE_PREFIX } from "./dictionaries";
import { packVector, type PreparedQuery } from "./bm25";
import type { SupplierTerms } from "./types";

/**
 * Text relevance is scaled by (1 - DEPTH_SHARE) for a supplier holding none of the ask's disciplines, rising towards 1
 * with the mass it holds, m / (m + DEPTH_HALF). Chosen on the dev split (share 0.4–0.7 and half 12–32 all hold dev
 * hit@1 and raise MRR and nDCG@5; 0.5 / 16 raised hit@1 too). A wide half on purpose: nearly linear in the mass, so
 * that a profile naming the field eight times counts clearly more than one naming it twice, not the same.
 */
export const DEPTH_SHARE = 0.5;
export const DEPTH_HALF = 16;

/**
 * The disciplines a need asks about (the discipline ids among its ask's terms: analyzeNeed puts them there), each
 * with its share: its weight in the ask over the heaviest one's, so the main discipline counts 1 and the others less.
 */
export function askDisciplines(focus: Record<string, number> | undefined): Map<string, number> {
  const weights = Object.entries(focus ?? {}).filter(([term, w]) => term.startsWith(DISCIPLINE_PREFIX) && w > 0);
  const heaviest = Math.max(0, ...weights.map(([, w]) => w));
  return new Map(weights.map(([term, w]) => [term, w / heaviest]));
}

/**
 * The factor for one supplier: 1 when the need asks about no discipline. Its mass is the supplier's weight of each
 * asked discipline times that discipline's share (askDisciplines). `focus` is the need's prepared ask: its filter
 * tells most of the supplier's terms apart without a lookup.
 */
export function specialistFactor(disciplines: ReadonlyMap<string, number>, focus: PreparedQuery | null, supplierTerms: SupplierTerms): number {
  if (disciplines.size === 0 || !focus) return 1;
  const { keys, weights, bits } = packVector(supplierTerms);
  const { filter } = focus;
  let mass = 0;
  for (let i = 0; i < keys.length; i++) {
    const bit = bits[i]!;
    if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
    const share = disciplines.get(keys[i]!);
    if (share !== undefined) mass += Math.max(0, weights[i]!) * share;
  }
  return 1 - DEPTH_SHARE + (DEPTH_SHARE * mass) / (mass + DEPTH_HALF);
}
