// The own labelled set (test/fixtures/matching-own.json, issue 29): 109 needs over 82 suppliers, split into dev and
// test before any tuning. The split is a hash of a recorded seed and the need's key, so it never depends on the
// order of the file or on what the engine does: tune on dev, report test.
import type { MatchingSample, SampleNeed } from "./evaluate";

export type OwnSplit = "dev" | "test";
export interface OwnNeed extends SampleNeed { type: string; source: string }
export interface OwnSet extends Omit<MatchingSample, "needs"> { needs: OwnNeed[]; split: { seed: number; method: string } }

/** FNV-1a, 32 bits, over the UTF-8 bytes. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function splitOf(key: string, seed: number): OwnSplit {
  return fnv1a32(`${seed}:${key}`) % 2 === 0 ? "dev" : "test";
}

/** The set restricted to one split's needs (every supplier stays: they are the candidates). */
export function ownSplit(set: OwnSet, split: OwnSplit): OwnSet {
  return { ...set, needs: set.needs.filter((n) => splitOf(n.key, set.split.seed) === split) };
}
