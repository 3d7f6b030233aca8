import DataLoader from "dataloader";
import type { Viewer } from "../infra/auth/viewer";
import type { Prisma } from "../infra/db/database";
import { groupedInKeyOrder, inKeyOrder } from "../infra/db/batch";
import type {
  EnterpriseRow,
  ExpertRow,
  IndustryChainRow,
  MatchRow,
  NeedRow,
  PlatformRow,
  RegionRow,
  ResponseRow,
  SocietyRow,
  UserRow,
} from "../infra/db/rows";
import { readableNeeds, readableResponses } from "../modules/access/policy";
import { readableWithoutLinks } from "../modules/access/need-access";
import { breakdownLoader, matchesOfNeedsLoader, type MatchesKey } from "../modules/match/match.loaders";
import { referenceRows } from "../modules/reference/reference-cache";
import { workflowLoaders } from "../modules/workflow/workflow.loaders";

const byId = <T extends { id: number }>(fetch: (ids: number[]) => Promise<T[]>) =>
  new DataLoader<number, T | null>(async (ids) => inKeyOrder(ids, await fetch([...ids]), (row) => row.id));

/**
 * One set per request (and per subscription event): caches never outlive the operation that filled them.
 * Loaders whose answer depends on who asks (needs, responses) are the viewer's own; the rest may be shared by
 * every subscriber of one event (`shared`), so an event costs its queries once per instance, not once per socket.
 */
export function createLoaders(prisma: Prisma, viewer: Viewer, shared: SharedLoaders = createSharedLoaders(prisma)) {
  return {
    ...shared,
    /** Only the needs this viewer may see; the others load as null, exactly like unknown ids. */
    need: new DataLoader<number, NeedRow | null>(async (ids) => {
      const rows = await shared.anyNeed.loadMany(ids);
      const decided = rows.map((row) => (row instanceof Error || row === null ? "no" : readableWithoutLinks(viewer, row)));
      // Only CONFIDENTIAL needs of others depend on matches and responses: those are asked of the database.
      const ask = ids.filter((_, i) => decided[i] === "ask");
      const linked = ask.length ? await prisma.techNeed.findMany({ where: { id: { in: ask }, AND: [readableNeeds(viewer)] }, select: { id: true } }) : [];
      const visible = new Set(linked.map((r) => r.id));
      return rows.map((row, i) => (decided[i] === "yes" || (decided[i] === "ask" && visible.has(ids[i])) ? (row as NeedRow) : null));
    }),
    responsesOfNeed: new DataLoader<number, ResponseRow[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await prisma.response.findMany({ where: { needId: { in: [...ids] }, AND: [readableResponses(viewer)] }, orderBy: { id: "asc" } }),
        (r) => r.needId,
      ),
    ),
    ...workflowLoaders(prisma, viewer),
  };
}

/** Loaders whose answers are the same for every viewer (access is checked where their results are used). */
export function createSharedLoaders(prisma: Prisma) {
  return {
    /** Unfiltered: for the viewer's `need` loader only, never handed to a resolver directly. */
    anyNeed: byId<NeedRow>((ids) => prisma.techNeed.findMany({ where: { id: { in: ids } } })),
    region: new DataLoader<string, RegionRow | null>(async (codes) => {
      const { regions } = await referenceRows(prisma);
      return codes.map((code) => regions.get(code) ?? null);
    }),
    chain: new DataLoader<string, IndustryChainRow | null>(async (codes) => {
      const { chains } = await referenceRows(prisma);
      return codes.map((code) => chains.get(code) ?? null);
    }),
    enterprise: byId<EnterpriseRow>((ids) => prisma.enterprise.findMany({ where: { id: { in: ids } } })),
    society: byId<SocietyRow>((ids) => prisma.society.findMany({ where: { id: { in: ids } } })),
    expert: byId<ExpertRow>((ids) => prisma.expert.findMany({ where: { id: { in: ids } } })),
    platform: byId<PlatformRow>((ids) => prisma.innovationPlatform.findMany({ where: { id: { in: ids } } })),
    user: byId<UserRow>((ids) => prisma.user.findMany({ where: { id: { in: ids } } })),
    response: byId<ResponseRow>((ids) => prisma.response.findMany({ where: { id: { in: ids } } })),
    match: byId<MatchRow>((ids) => prisma.match.findMany({ where: { id: { in: ids } } })),

    chainsOfEnterprise: new DataLoader<number, string[]>(async (ids) =>
      groupedInKeyOrder(ids, await prisma.enterpriseChain.findMany({ where: { enterpriseId: { in: [...ids] } } }), (r) => r.enterpriseId).map(
        (rows) => rows.map((r) => r.chainCode),
      ),
    ),
    chainsOfExpert: new DataLoader<number, string[]>(async (ids) =>
      groupedInKeyOrder(ids, await prisma.expertChain.findMany({ where: { expertId: { in: [...ids] } } }), (r) => r.expertId).map((rows) =>
        rows.map((r) => r.chainCode),
      ),
    ),
    chainsOfPlatform: new DataLoader<number, string[]>(async (ids) =>
      groupedInKeyOrder(ids, await prisma.platformChain.findMany({ where: { platformId: { in: [...ids] } } }), (r) => r.platformId).map(
        (rows) => rows.map((r) => r.chainCode),
      ),
    ),
    societiesOfExpert: new DataLoader<number, SocietyRow[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await prisma.societyMembership.findMany({ where: { expertId: { in: [...ids] } }, include: { society: true } }),
        (r) => r.expertId,
      ).map((rows) => rows.map((r) => r.society)),
    ),
    expertsOfResponse: new DataLoader<number, ExpertRow[]>(async (ids) =>
      groupedInKeyOrder(
        ids,
        await prisma.responseExpert.findMany({ where: { responseId: { in: [...ids] } }, include: { expert: true } }),
        (r) => r.responseId,
      ).map((rows) => rows.map((r) => r.expert)),
    ),
    matchesOfNeed: matchesOfNeedsLoader(prisma) as DataLoader<MatchesKey, MatchRow[], string>,
    matchBreakdown: breakdownLoader(prisma),
  };
}

export type SharedLoaders = ReturnType<typeof createSharedLoaders>;
export type Loaders = ReturnType<typeof createLoaders>;
