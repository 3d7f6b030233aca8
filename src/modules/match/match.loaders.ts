import DataLoader from "dataloader";
import type { Prisma } from "../../infra/db/database";
import { groupedInKeyOrder } from "../../infra/db/batch";
import type { MatchRow } from "../../infra/db/rows";
import type { SupplierKind } from "../../generated/prisma/enums";

export interface MatchesKey {
  needId: number;
  first: number;
  supplierKinds: SupplierKind[] | null;
  minScore: number | null;
}

const optionsKey = (k: MatchesKey) => `${k.first}|${k.supplierKinds?.slice().sort().join(",") ?? ""}|${k.minScore ?? ""}`;

/**
 * A need's best matches. Keys that share the same options (the usual case: one selection over a page of needs)
 * are served by one query; the rank order is stored, so "top N" is a range on (needId, rank).
 */
/** A match's score breakdown, for rows loaded without it. */
export function breakdownLoader(prisma: Prisma) {
  return new DataLoader<number, unknown>(async (ids) => {
    const rows = await prisma.match.findMany({ where: { id: { in: [...ids] } }, select: { id: true, breakdown: true } });
    const byId = new Map(rows.map((r) => [r.id, r.breakdown]));
    return ids.map((id) => byId.get(id) ?? []);
  });
}

export function matchesOfNeedsLoader(prisma: Prisma) {
  return new DataLoader<MatchesKey, Array<Omit<MatchRow, "breakdown">>, string>(
    async (keys) => {
      const byOptions = new Map<string, MatchesKey[]>();
      for (const key of keys) byOptions.set(optionsKey(key), [...(byOptions.get(optionsKey(key)) ?? []), key]);
      const results = new Map<string, Array<Omit<MatchRow, "breakdown">>>();
      await Promise.all(
        [...byOptions.values()].map(async (group) => {
          const { first, supplierKinds, minScore } = group[0];
          const needIds = group.map((k) => k.needId);
          const filtered = Boolean(supplierKinds?.length) || minScore !== null;
          const rows = await prisma.match.findMany({
            where: {
              needId: { in: needIds },
              ...(supplierKinds?.length ? { supplierKind: { in: supplierKinds } } : {}),
              ...(minScore !== null ? { score: { gte: minScore } } : {}),
              // Without filters the top N are exactly ranks 1..N; with them, fetch the filtered rows and cut below.
              ...(filtered ? {} : { rank: { lte: first } }),
            },
            orderBy: [{ needId: "asc" }, { rank: "asc" }],
            // The breakdown JSON is most of a match's bytes and few selections ask for it: loaded on demand.
            omit: { breakdown: true },
          });
          groupedInKeyOrder(needIds, rows, (r) => r.needId).forEach((list, i) =>
            results.set(`${needIds[i]}|${optionsKey(group[0])}`, list.slice(0, first)),
          );
        }),
      );
      return keys.map((k) => results.get(`${k.needId}|${optionsKey(k)}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.needId}|${optionsKey(k)}` },
  );
}
