import type { PrismaTypes } from "../../infra/db/rows";
import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import { badInput } from "../../infra/errors";
import { Prisma as P } from "../../generated/prisma/client";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";

type Tx = PrismaTypes.TransactionClient;

/** Who wrote: the acting user (none when the hub itself acts, e.g. the expiry sweep) and the request. */
export type AuditAuthor = Pick<Context, "viewer" | "requestId">;

/** One audit row to write: the action and what it acted on. */
export interface AuditEntry {
  action: string;
  entity: { type: string; id: number };
  summary?: Record<string, unknown>;
}

/**
 * The one writer of AuditEvent rows (test/unit/one-writer.test.ts holds every other file to it). Who changed what,
 * when: written in the same transaction as the change, so it exists exactly when the change does.
 */
export async function recordAudit(tx: Tx, by: AuditAuthor, action: string, entity: { type: string; id: number }, summary: Record<string, unknown> = {}): Promise<void> {
  await recordAudits(tx, by, [{ action, entity, summary }]);
}

/** Several audit rows in one statement (a sweep's batch). */
export async function recordAudits(tx: Tx, by: AuditAuthor, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const actorId = auditActor(by);
  await tx.auditEvent.createMany({
    data: entries.map(({ action, entity, summary = {} }) => ({
      actorId,
      action,
      entityType: entity.type,
      entityId: entity.id,
      summary: summary as PrismaTypes.InputJsonValue,
      requestId: by.requestId,
    })),
  });
}

/**
 * The same row as a part of a larger statement (postNeed writes a need and everything that goes with it in one):
 * an `INSERT … SELECT` of one audit row per row of `source` (a WITH clause's name), its id the entity's id.
 */
export function auditInsertSql(by: AuditAuthor, action: string, entityType: string, source: P.Sql, summary: Record<string, unknown>, at: Date): P.Sql {
  return P.sql`INSERT INTO "AuditEvent" (at, "actorId", action, "entityType", "entityId", summary, "requestId")
      SELECT ${at}::timestamp(3), ${auditActor(by)}::int, ${action}, ${entityType}, id, ${JSON.stringify(summary)}::jsonb, ${by.requestId} FROM ${source}`;
}

function auditActor(by: AuditAuthor): number | null {
  return by.viewer.kind === "user" ? by.viewer.userId : null;
}

export type AuditRow = PrismaTypes.AuditEventGetPayload<object>;

/** The audit filter with database ids (decoded from global IDs by the resolver). */
export interface AuditQuery {
  entityType?: string;
  entity?: { type: string; id: number } | null;
  actorId?: number | null;
  action?: string;
}

export class AuditService {
  constructor(private readonly prisma: Prisma) {}

  /** ADMIN only (policy.table.ts); newest first. */
  list(_ctx: Context, args: PageArgs, query: AuditQuery): Promise<Page<AuditRow>> {
    const where: PrismaTypes.AuditEventWhereInput = {
      ...(query.entityType ? { entityType: query.entityType } : {}),
      ...(query.entity !== undefined ? (query.entity ? { entityType: query.entity.type, entityId: query.entity.id } : { id: -1 }) : {}),
      ...(query.actorId !== undefined ? { actorId: query.actorId ?? -1 } : {}),
      ...(query.action ? { action: query.action } : {}),
    };
    if (query.entityType && query.entity && query.entityType !== query.entity.type) where.id = -1;
    return keysetPage(
      pageRequest(args),
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.auditEvent.findMany({ where: { AND: [where, { id: idAfter }] }, take, orderBy }),
      () => this.prisma.auditEvent.count({ where }),
    );
  }
}

/** "Type:id" behind any global ID (audit entities may be of types that node(id:) does not serve). */
export function decodeEntityId(globalId: string, field: string): { type: string; id: number } {
  const match = /^([A-Za-z]+):([1-9][0-9]{0,9})$/.exec(Buffer.from(globalId, "base64url").toString("utf8"));
  if (!match || Number(match[2]) > 2_147_483_647) throw badInput(field, `${field} is not a valid ID`);
  return { type: match[1], id: Number(match[2]) };
}

/**
 * The fields that a correction changed, as { before, after } for an audit row: only those whose value differs
 * (compared as JSON, so arrays and dates compare by value).
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
    out.before[key] = before[key] ?? null;
    out.after[key] = after[key] ?? null;
  }
  return out;
}
