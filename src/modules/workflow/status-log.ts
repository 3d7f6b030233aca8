import type { Context } from "../../context/context";
import type { DeclineReason, StatusSubject } from "../../generated/prisma/enums";
import type { PrismaTypes } from "../../infra/db/rows";
import { Prisma as P } from "../../generated/prisma/client";

type Tx = PrismaTypes.TransactionClient;

export interface StatusStep {
  subject: StatusSubject;
  needId: number;
  responseId?: number;
  matchId?: number;
  from: string | null;
  to: string;
  reasonCode?: DeclineReason | null;
  reason?: string | null;
  at: Date;
}

/**
 * The one writer of StatusChange rows (test/unit/one-writer.test.ts holds every other file to it): one row of
 * history per status step, inside the caller's transaction; the API's history and timers read it.
 */
export async function logStatusChange(tx: Tx, ctx: Pick<Context, "viewer">, step: StatusStep): Promise<void> {
  await logStatusChanges(tx, ctx, [step]);
}

/** Several steps in one statement (a sweep's batch). */
export async function logStatusChanges(tx: Tx, ctx: Pick<Context, "viewer">, steps: StatusStep[]): Promise<void> {
  if (!steps.length) return;
  const actorId = stepActor(ctx);
  await tx.statusChange.createMany({
    data: steps.map((step) => ({
      subject: step.subject,
      needId: step.needId,
      responseId: step.responseId ?? null,
      matchId: step.matchId ?? null,
      fromStatus: step.from,
      toStatus: step.to,
      reasonCode: step.reasonCode ?? null,
      reason: step.reason ?? null,
      actorId,
      at: step.at,
    })),
  });
}

/**
 * The same row as a part of a larger statement (postNeed writes a need and everything that goes with it in one):
 * an `INSERT … SELECT` of a need's first step for each row of `source` (a WITH clause's name holding needs).
 */
export function firstNeedStepSql(ctx: Pick<Context, "viewer">, to: string, source: P.Sql, at: Date): P.Sql {
  return P.sql`INSERT INTO "StatusChange" (subject, "needId", "fromStatus", "toStatus", "actorId", at)
      SELECT 'NEED', id, NULL, ${to}, ${stepActor(ctx)}::int, ${at}::timestamp(3) FROM ${source}`;
}

function stepActor(ctx: Pick<Context, "viewer">): number | null {
  return ctx.viewer.kind === "user" ? ctx.viewer.userId : null;
}

/**
 * The need's side decided something (shortlisted, accepted or declined a response; accepted or rejected a
 * match): the first such moment is the need's "time to decision".
 */
export async function noteDecision(tx: Tx, needId: number, at: Date): Promise<void> {
  await tx.techNeed.updateMany({ where: { id: needId, firstDecisionAt: null }, data: { firstDecisionAt: at } });
}

/**
 * Docking began (a response accepted, a match docked, a deal recorded): an OPEN need moves to IN_DOCKING and
 * the first docking time is kept. Returns whether the need's status changed (the caller publishes it).
 */
export async function noteDocking(tx: Tx, ctx: Pick<Context, "viewer">, needId: number, at: Date): Promise<boolean> {
  await tx.techNeed.updateMany({ where: { id: needId, dockedAt: null }, data: { dockedAt: at } });
  const moved = await tx.techNeed.updateMany({ where: { id: needId, status: "OPEN" }, data: { status: "IN_DOCKING" } });
  if (moved.count) await logStatusChange(tx, ctx, { subject: "NEED", needId, from: "OPEN", to: "IN_DOCKING", at });
  return moved.count > 0;
}
