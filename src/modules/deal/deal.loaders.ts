import DataLoader from "dataloader";
import type { Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import { groupedInKeyOrder } from "../../infra/db/batch";
import type { PrismaTypes } from "../../infra/db/rows";
import { readableDeals } from "./deal-access";

export type DealRow = PrismaTypes.DealGetPayload<object>;

/** A need's deals the viewer may read (`TechNeed.deals`), oldest first: one query per batch of needs. */
export function dealsOfNeedLoader(prisma: Prisma, viewer: Viewer) {
  return new DataLoader<number, DealRow[]>(async (ids) =>
    groupedInKeyOrder(
      ids,
      await prisma.deal.findMany({ where: { needId: { in: [...ids] }, AND: [readableDeals(viewer)] }, orderBy: { id: "asc" } }),
      (row) => row.needId,
    ),
  );
}
