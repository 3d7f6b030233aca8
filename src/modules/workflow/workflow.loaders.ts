import DataLoader from "dataloader";
import type { Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import { groupedInKeyOrder } from "../../infra/db/batch";
import type { PrismaTypes } from "../../infra/db/rows";
import { readableDeals } from "../deal/deal-access";

export type StatusChangeRow = PrismaTypes.StatusChangeGetPayload<object>;
export type DealRow = PrismaTypes.DealGetPayload<object>;

/** The workflow's per-request loaders (spread into createLoaders): histories and deals, one query per batch. */
export function workflowLoaders(prisma: Prisma, viewer: Viewer) {
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
    dealsOfNeed: new DataLoader<number, DealRow[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await prisma.deal.findMany({ where: { needId: { in: [...ids] }, AND: [readableDeals(viewer)] }, orderBy: { id: "asc" } }),
        (row) => row.needId,
      ),
    ),
  };
}
