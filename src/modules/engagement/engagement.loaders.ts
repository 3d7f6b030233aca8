import DataLoader from "dataloader";
import type { Prisma } from "../../infra/db/database";
import { engagedNeeds } from "./engagement";
import { openEngagementCounts } from "./engagement.queries";

/** Whether someone is working on each need (engagement.ts), one statement per batch. */
export const needEngagedLoader = (prisma: Prisma) =>
  new DataLoader<number, boolean>(async (ids) => {
    const rows = await prisma.techNeed.findMany({ where: { id: { in: [...ids] }, AND: [engagedNeeds()] }, select: { id: true } });
    const engaged = new Set(rows.map((r) => r.id));
    return ids.map((id) => engaged.has(id));
  });

/** Each expert's open engagements (engagement.ts), one statement per batch. */
export const openEngagementsLoader = (prisma: Prisma) =>
  new DataLoader<number, number>(async (ids) => {
    const open = await openEngagementCounts(prisma, ids);
    return ids.map((id) => open.get(id) ?? 0);
  });
