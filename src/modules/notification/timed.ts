import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes } from "../../infra/db/rows";
import type { Logger } from "../../infra/logger";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import type { SupplierKind } from "../../generated/prisma/enums";
import type { DailyDigest } from "./digest";
import { needEngagedSql } from "../engagement";
import { dockingReminder, needDeadlineNear, needStale, type SupplierOf } from "./notes";
import type { NotificationNote, Notifier } from "./notify";
import { unitOfWork } from "../../infra/db/unit-of-work";

type Tx = PrismaTypes.TransactionClient;

const DAY_MS = 86_400_000;
const BATCH = 100;
/** NEED_DEADLINE_NEAR comes this long before the deadline. */
export const DEADLINE_NEAR_MS = 3 * DAY_MS;
/** DOCKING_REMINDER comes this long before the docking. */
export const DOCKING_REMINDER_MS = DAY_MS;

export interface TimedSettings {
  staleNeedDays: number;
  timeZone: string;
}

/** A docking whose reminder is due; see `dueDockingReminders`. */
export interface DueDocking {
  id: number;
  startsAt: Date;
  supplier: SupplierOf;
  need: { id: number; title: string; enterpriseId: number };
}

/**
 * The SCHEDULED dockings starting within DOCKING_REMINDER_MS of `now`, not yet started, whose reminder for their
 * current start time was not written yet (the onceKey `dockingReminder` writes, so a moved docking is reminded
 * again), after id `afterId`, at most `limit`, by id.
 */
export async function dueDockingReminders(tx: Tx, now: Date, afterId: number, limit: number): Promise<DueDocking[]> {
  const rows = await tx.$queryRaw<Array<{ id: number; startsAt: Date; supplierKind: SupplierKind; supplierId: number; needId: number; title: string; enterpriseId: number }>>`
    SELECT d.id, d."startsAt", d."supplierKind"::text AS "supplierKind", d."supplierId",
      n.id AS "needId", n.title, n."enterpriseId"
    FROM "Docking" d JOIN "TechNeed" n ON n.id = d."needId"
    WHERE d.status = 'SCHEDULED' AND d."startsAt" > ${now}::timestamp(3) AND d."startsAt" <= ${new Date(now.getTime() + DOCKING_REMINDER_MS)}::timestamp(3)
      AND d.id > ${afterId}
      AND NOT EXISTS (SELECT 1 FROM "Notification" x WHERE x."onceKey" = 'DOCKING_REMINDER:Docking:' || d.id || ':' || to_char(d."startsAt", ${ISO}::text))
    ORDER BY d.id LIMIT ${limit}`;
  return rows.map((r) => ({ id: r.id, startsAt: r.startsAt, supplier: { kind: r.supplierKind, id: r.supplierId }, need: { id: r.needId, title: r.title, enterpriseId: r.enterpriseId } }));
}

/** The ISO form JavaScript's toISOString gives, in SQL, for the onceKeys that carry an instant. */
const ISO = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

/**
 * Timed notifications: NEED_DEADLINE_NEAR, NEED_STALE and DOCKING_REMINDER, and the daily digest. Each run writes
 * what is due and not yet written, so a hub that was down when one fell due writes it on its next run. Every
 * instance sweeps; each notification carries a onceKey (unique per recipient, insert … on conflict do nothing), so
 * two sweeps at once write and mail it once.
 */
export class NotificationSweep {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
    private readonly notifier: Notifier,
    private readonly settings: TimedSettings,
    private readonly digest: DailyDigest | null,
    private readonly log: Logger,
    /** The dockings whose reminder is due (tests give their own until the Docking table exists). */
    private readonly dueDockings: typeof dueDockingReminders = dueDockingReminders,
  ) {}

  /** One full sweep; returns how many notifications it wrote. */
  async run(now = new Date()): Promise<number> {
    let written = 0;
    written += await this.each(now, (tx, afterId) => this.deadlinesNear(tx, now, afterId));
    written += await this.each(now, (tx, afterId) => this.staleNeeds(tx, now, afterId));
    written += await this.each(now, async (tx, afterId) => {
      const due = await this.dueDockings(tx, now, afterId, BATCH);
      return due.map((d) => ({ id: d.id, note: dockingReminder(d.need, d, this.settings.timeZone) }));
    });
    const digests = this.digest ? await this.digest.run(now) : 0;
    if (written || digests) this.log.info({ written, digests }, "notification sweep");
    return written;
  }

  /** Runs `find` batch after batch (by id, so candidates without recipients do not hold the sweep), one transaction each. */
  private async each(now: Date, find: (tx: Tx, afterId: number) => Promise<Array<{ id: number; note: NotificationNote }>>): Promise<number> {
    let afterId = 0;
    let written = 0;
    for (;;) {
      const { found, told } = await unitOfWork(this.prisma, this.pubsub, async (tx, emit) => {
        const found = await find(tx, afterId);
        const told = await this.notifier.notify(tx, found.map((f) => f.note), now);
        emit(...told);
        return { found, told: told.length };
      });
      written += told;
      if (found.length < BATCH) return written;
      afterId = found[found.length - 1].id;
    }
  }

  private async deadlinesNear(tx: Tx, now: Date, afterId: number) {
    const rows = await tx.$queryRaw<Array<{ id: number; title: string; enterpriseId: number; deadline: Date }>>`
      SELECT n.id, n.title, n."enterpriseId", n.deadline FROM "TechNeed" n
      WHERE n.status = 'OPEN' AND n.deadline > ${now}::timestamp(3) AND n.deadline <= ${new Date(now.getTime() + DEADLINE_NEAR_MS)}::timestamp(3)
        AND n.id > ${afterId}
        AND NOT EXISTS (SELECT 1 FROM "Notification" x WHERE x."onceKey" = 'NEED_DEADLINE_NEAR:TechNeed:' || n.id || ':' || to_char(n.deadline, ${ISO}::text))
      ORDER BY n.id LIMIT ${BATCH}`;
    return rows.map((n) => ({ id: n.id, note: needDeadlineNear(n, this.settings.timeZone) }));
  }

  private async staleNeeds(tx: Tx, now: Date, afterId: number) {
    const { staleNeedDays } = this.settings;
    // The rule of workflow/timers.ts (staleNeeds): OPEN, no response, opened that many days ago, nobody working on it.
    const rows = await tx.$queryRaw<Array<{ id: number; title: string; enterpriseId: number }>>`
      SELECT n.id, n.title, n."enterpriseId" FROM "TechNeed" n
      WHERE n.status = 'OPEN' AND n."firstResponseAt" IS NULL AND n."openedAt" <= ${new Date(now.getTime() - staleNeedDays * DAY_MS)}::timestamp(3)
        AND NOT ${needEngagedSql("n")} AND n.id > ${afterId}
        AND NOT EXISTS (SELECT 1 FROM "Notification" x WHERE x."onceKey" = 'NEED_STALE:TechNeed:' || n.id)
      ORDER BY n.id LIMIT ${BATCH}`;
    return rows.map((n) => ({ id: n.id, note: needStale(n, staleNeedDays) }));
  }
}
