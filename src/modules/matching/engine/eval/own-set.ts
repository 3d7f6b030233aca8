// The own labelled set (test/fixtures/matching-own.json, issue 29): 109 needs over 82 suppliers, split into dev and
// test before any tuning. The split is a hash of a recorded seed and the need's key, so it never depends on the
// order of the file or on what the engine does: tune on dev, report test.
import { formatEval, type EvalResult, type MatchingSample, type SampleNeed } from "./evaluate";

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

/** The own set's table, with hit@1 by kind of difficulty (paraphrase, trap, kind, neighbour, plain). */
export function formatOwn(result: EvalResult, set: OwnSet): string {
  const lines = formatEval(result).split("\n").filter((l) => !l.startsWith("n7-16"));
  const byType = new Map<string, number[]>();
  for (const r of result.perNeed) {
    const type = set.needs.find((n) => n.key === r.key)?.type ?? "?";
    byType.set(type, [...(byType.get(type) ?? []), r.hit1]);
  }
  lines.push(`hit@1 by type: ${[...byType].map(([t, v]) => `${t} ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(3)} (${v.length})`).join(", ")}`);
  return lines.join("\n");
}
