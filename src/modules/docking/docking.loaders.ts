import DataLoader from "dataloader";
import type { Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import { groupedInKeyOrder } from "../../infra/db/batch";
import { readableDockings, type DockingRow } from "./docking-access";

/** TechNeed.dockings: the dockings of many needs the viewer may see, soonest first, one query per batch. */
export function dockingsOfNeedLoader(prisma: Prisma, viewer: Viewer) {
  return new DataLoader<number, DockingRow[]>(async (ids) =>
    groupedInKeyOrder(
      ids,
      await prisma.docking.findMany({ where: { needId: { in: [...ids] }, AND: [readableDockings(viewer)] }, orderBy: [{ startsAt: "asc" }, { id: "asc" }] }),
      (row) => row.needId,
    ),
  );
}
