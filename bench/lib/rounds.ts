// Interleaved rounds: the read path measures its servers in short alternating rounds instead of one after the
// other, so that a noisy minute on a shared machine falls on every server of a cell alike rather than on one of them.
import { summarize } from "./common";
import type { LoadResult } from "./load";

/** One server's share of one round: completed requests over the measured window, every latency kept. */
export interface Round {
  requests: number;
  seconds: number;
  latencies: number[];
  errors: number;
  firstError?: string;
}

/**
 * The order servers are visited in round `round`: the list rotated by one more place each round (ABC, BCA, CAB,
 * ABC …). Over as many rounds as there are servers each server takes every place once, so a drift that is linear
 * over the cell adds the same to all of them.
 */
export function rotation<T>(items: readonly T[], round: number): T[] {
  if (!items.length) return [];
  const k = ((round % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** A cell's rounds taken as one measurement: summed requests over summed time, latencies pooled. */
export function combine(rounds: readonly Round[]): LoadResult {
  const latencies = rounds.flatMap((r) => r.latencies);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const requests = rounds.reduce((sum, r) => sum + r.requests, 0);
  return {
    ...summarize(latencies),
    rps: seconds > 0 ? requests / seconds : NaN,
    requests,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    firstError: rounds.find((r) => r.firstError)?.firstError,
  };
}

export interface Ratio {
  /** Throughput of `a` over `b`, each summed over every round. */
  ratio: number;
  /** The least and most of the per-round ratios: how far one round alone could have misled. */
  min: number;
  max: number;
}

const rateOf = (r: Round) => r.requests / r.seconds;

/** `a` against `b` over the same rounds (round i of one beside round i of the other). */
export function ratioOf(a: readonly Round[], b: readonly Round[]): Ratio {
  if (a.length !== b.length || !a.length) throw new Error(`ratio over ${a.length} and ${b.length} rounds`);
  const perRound = a.map((r, i) => rateOf(r) / rateOf(b[i]));
  return { ratio: combine(a).rps / combine(b).rps, min: Math.min(...perRound), max: Math.max(...perRound) };
}

/** `0.86 (0.79–0.93)`: the summed ratio, then the spread of the rounds. */
export function formatRatio(r: Ratio, digits = 2): string {
  return `${r.ratio.toFixed(digits)} (${r.min.toFixed(digits)}–${r.max.toFixed(digits)})`;
}
