import DataLoader from "dataloader";
import type { Prisma } from "../../infra/db/database";
import { groupedInKeyOrder } from "../../infra/db/batch";
import type { PrismaTypes } from "../../infra/db/rows";

export type StatusChangeRow = PrismaTypes.StatusChangeGetPayload<object>;

/** The workflow's per-request loaders: status histories, one query per batch (a need's deals: deal.loaders.ts). */
export function workflowLoaders(prisma: Prisma) {
  const history = (column: "needId" | "responseId" | "matchId", subject: "NEED" | "RESPONSE" | "MATCH") =>
    new DataLoader<number, StatusChangeRow[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await prisma.statusChange.findMany({ where: { [column]: { in: [...ids] }, subject }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
        (row) => row[column] as number,
      ),
    );
  return {
    historyOfNeed: history("needId", "NEED"),
    historyOfResponse: history("responseId", "RESPONSE"),
    historyOfMatch: history("matchId", "MATCH"),
  };
}
