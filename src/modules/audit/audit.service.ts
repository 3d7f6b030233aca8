import type { PrismaTypes } from "../../infra/db/rows";
import type { Context } from "../../context/context";
import type { Prisma } from "../../infra/db/database";
import { badInput } from "../../infra/errors";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";

type Tx = PrismaTypes.TransactionClient;

/** Who changed what, when: written in the same transaction as the change, so it exists exactly when the change does. */
export async function recordAudit(
  tx: Tx,
  ctx: Pick<Context, "viewer" | "requestId">,
  action: string,
  entity: { type: string; id: number },
  summary: Record<string, unknown> = {},
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: ctx.viewer.kind === "user" ? ctx.viewer.userId : null,
      action,
      entityType: entity.type,
      entityId: entity.id,
      summary: summary as PrismaTypes.InputJsonValue,
      requestId: ctx.requestId,
    },
  });
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
