import DataLoader from "dataloader";
import type { Prisma } from "../../infra/db/database";
import { engagedNeeds, expertEngagements } from "./engagement";

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
    const rows = await prisma.$queryRaw<Array<{ expertId: number; open: number }>>`
      SELECT eng."expertId", count(*)::int AS open FROM ${expertEngagements} eng
      WHERE eng."expertId" = ANY(${[...ids]}::int[]) GROUP BY eng."expertId"`;
    const open = new Map(rows.map((r) => [r.expertId, r.open]));
    return ids.map((id) => open.get(id) ?? 0);
  });
