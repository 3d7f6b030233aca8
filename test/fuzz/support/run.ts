import fc from "fast-check";
import { callArb, damaged, document, type Call } from "./calls";
import { changes, fingerprint } from "./database";
import { assertAnswer, post, type Answer } from "./http";
import { REGRESSIONS } from "./regressions";
import { resolve } from "./values";
import { idResolver, type FuzzHub } from "./world";

/**
 * The property, per mutation: whatever the call, an answer arrives that passes `assertAnswer`; a call that
 * failed left the database exactly as it was (no row added, none changed, audit and history included); a
 * call that succeeded was audited. Runs use a fixed seed (FUZZ_SEED to explore others); a failure names the
 * FUZZ_SEED, FUZZ_ONLY and FUZZ_PATH that replay it (FUZZ_SHRINK=1 to shrink it first).
 */
export const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);
const PATH = process.env.FUZZ_PATH;
/** Replaying one counterexample: only this mutation (its seed stays SEED + its place in the group). */
export const ONLY = process.env.FUZZ_ONLY;
/** Runs per mutation; the default keeps the fuzz files within about a minute on the embedded database. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 14);

export type Outcome = "ok" | string;
export const outcomes = new Map<string, Map<Outcome, number>>();

function note(mutation: string, outcome: Outcome): void {
  const m = outcomes.get(mutation) ?? new Map<Outcome, number>();
  m.set(outcome, (m.get(outcome) ?? 0) + 1);
  outcomes.set(mutation, m);
}

/** Sends one call and checks its answer and its effect on the database; returns the answer. */
export async function check(h: FuzzHub, call: Call): Promise<Answer> {
  const prisma = h.t.hub.database.prisma;
  const args = resolve(damaged(call), await idResolver(h)) as Record<string, unknown>;
  const doc = document(call, args);
  const body = JSON.stringify(doc);
  const client = h.senders[call.sender];
  const before = await fingerprint(prisma);
  const answer = await post(client.url, client.token, body);
  const shown = () => `${call.sender}: ${body}`;
  assertAnswer(answer, shown);
  const after = await fingerprint(prisma);
  const result = answer.data?.[call.mutation] as Record<string, unknown> | boolean | null | undefined;
  const failed = result === null || result === undefined || Boolean(answer.errors?.length);
  note(call.mutation, failed ? String(answer.errors?.[0]?.extensions?.code ?? answer.status) : "ok");
  const changed = changes(before, after);
  if (failed && changed.length) throw new Error(`a rejected call wrote: ${changed.join(", ")}\nrequest: ${shown().slice(0, 1500)}\nanswer: ${JSON.stringify(answer.errors).slice(0, 800)}`);
  if (!failed && !UNAUDITED.has(call.mutation) && before.AuditEvent === after.AuditEvent) throw new Error(`a successful call wrote no audit row\nrequest: ${shown().slice(0, 1500)}`);
  // The password changed: keep the sender signed in with the token the answer carries.
  if (!failed && call.mutation === "changePassword" && call.sender === "passwordChanger") {
    h.senders.passwordChanger = client.as(String((result as { token: string }).token));
  }
  return answer;
}

/** Fuzzes each of `mutations` with RUNS calls; every mutation runs, then all counterexamples are reported together. */
export async function fuzz(h: FuzzHub, mutations: string[]): Promise<void> {
  const failures: string[] = [];
  for (const [i, mutation] of mutations.entries()) {
    if (ONLY && mutation !== ONLY) continue;
    const details = await fc.check(
      fc.asyncProperty(callArb(mutation), async (call) => void (await check(h, call))),
      { numRuns: RUNS, seed: SEED + i, path: PATH, endOnFailure: process.env.FUZZ_SHRINK !== "1", examples: PATH ? [] : (REGRESSIONS[mutation] ?? []).map((c) => [c]) },
    );
    if (details.failed) failures.push(`${mutation} (replay: FUZZ_SEED=${SEED} FUZZ_ONLY=${mutation} FUZZ_PATH=${details.counterexamplePath}):\n${String(details.errorInstance).slice(0, 2500)}\n${(fc.defaultReportMessage(details) ?? "").slice(0, 4000)}`);
  }
  if (failures.length) throw new Error(failures.join("\n\n"));
}

/**
 * Successful calls that write no audit row on purpose: login, and requestPasswordReset, which answers true whatever
 * the email and writes only a token for an existing account (an audit row per unknown email would be a record of
 * guesses).
 */
const UNAUDITED = new Set(["login", "requestPasswordReset"]);

/** One line per mutation: how its calls ended, for the log (and for asserting that the fuzz got deep). */
export function outcomeReport(): string {
  return [...outcomes].map(([m, o]) => `${m}: ${[...o].map(([k, n]) => `${k} ${n}`).join(", ")}`).join("\n");
}
