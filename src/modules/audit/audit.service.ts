import type { PrismaTypes } from "../../infra/db/rows";
import type { Context } from "../../context/context";

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
