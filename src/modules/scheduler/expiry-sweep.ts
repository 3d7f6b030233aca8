import type { Prisma } from "../../infra/db/database";
import type { HubEvent } from "../../infra/pubsub/events";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import type { Logger } from "../../infra/logger";
import { every, type Periodic } from "../../infra/periodic";
import { ANONYMOUS } from "../../infra/auth/viewer";
import { recordAudits } from "../audit";
import { logStatusChanges } from "../workflow";
import { unitOfWork } from "../../infra/db/unit-of-work";

const BATCH = 100;
/** The sweep acts as the hub itself: no user, so history and audit rows carry no actor. */
const SYSTEM = { viewer: ANONYMOUS, requestId: "expiry-sweep" };

/**
 * Moves OPEN needs past their deadline to EXPIRED. Safe with several hub instances sweeping the same database:
 * rows are claimed with `FOR UPDATE SKIP LOCKED` and re-checked (`status = 'OPEN'`) by the UPDATE itself, so a
 * need that another sweep (or a user) changed first is left alone, and each need expires exactly once, with one
 * history row, one audit row and one event.
 */
export class ExpirySweep {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
    private readonly log: Logger,
  ) {}

  /** One full sweep; returns the ids this call expired. */
  async run(now = new Date()): Promise<number[]> {
    const expired: number[] = [];
    for (;;) {
      const batch = await this.batch(now);
      expired.push(...batch);
      if (batch.length < BATCH) break;
    }
    if (expired.length) this.log.info({ expired: expired.length }, "expiry sweep");
    return expired;
  }

  private async batch(now: Date): Promise<number[]> {
    // Timestamps are stored as UTC without a zone (Prisma's DateTime); compare with the ISO instant cast alike.
    const at = now.toISOString();
    const ids = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
      const rows = await tx.$queryRaw<Array<{ id: number }>>`
        UPDATE "TechNeed" SET status = 'EXPIRED', "expiredAt" = CAST(${at} AS timestamp(3)), "updatedAt" = CAST(${at} AS timestamp(3))
        WHERE id IN (
          SELECT id FROM "TechNeed"
          WHERE status = 'OPEN' AND deadline < CAST(${at} AS timestamp(3))
          ORDER BY id LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED
        ) AND status = 'OPEN'
        RETURNING id`;
      const ids = rows.map((r) => Number(r.id));
      // One statement each for the history and audit rows of the batch, so a large batch stays far inside the
      // transaction's time limit.
      await logStatusChanges(tx, SYSTEM, ids.map((needId) => ({ subject: "NEED" as const, needId, from: "OPEN", to: "EXPIRED", at: now })));
      await recordAudits(tx, SYSTEM, ids.map((id) => ({ action: "need.expire", entity: { type: "TechNeed", id }, summary: { from: "OPEN", to: "EXPIRED" } })));
      emit(...ids.map((needId): HubEvent => ({ topic: "needStatusChanged", payload: { needId, status: "EXPIRED" } })));
      return ids;
    }, { timeout: 30_000 });
    return ids;
  }
}

/** Runs the sweep at start and every `seconds` (HUB_SWEEP_SECONDS; 0 turns it off); stop() waits for a running sweep. */
export function startSweeper(sweep: ExpirySweep, seconds: number, log: Logger): Periodic {
  return every(seconds, () => sweep.run(), log, "expiry sweep");
}
