import type { Prisma } from "../../infra/db/database";
import { ProgrammeStatsService } from "./programme-stats.service";
import { chainCounts } from "./stats.queries";
import type { ChainStat, HubStats } from "./stats.type";

// Statuses in which a match has been accepted by the need's enterprise (and possibly gone further).
const ACCEPTED = ["ACCEPTED", "DOCKED", "CLOSED"] as const;

/** Programme statistics, computed in SQL (counts and GROUP BY), never by loading rows. Drafts are not counted. */
export class StatsService {
  /** Analysts' statistics (by dimension, funnel, times, rankings, indicators). */
  readonly programme: ProgrammeStatsService;

  constructor(
    private readonly prisma: Prisma,
    timeZone: string,
  ) {
    this.programme = new ProgrammeStatsService(prisma, timeZone);
  }

  async hubStats(): Promise<HubStats> {
    const p = this.prisma;
    const posted = { status: { not: "DRAFT" as const } };
    const [enterprises, societies, experts, platforms, needs, openNeeds, resolvedNeeds, matches, acceptedMatches, kczgEnterprises, kczgPlatforms, byIndustryChain] =
      await Promise.all([
        p.enterprise.count(),
        p.society.count({ where: { active: true } }),
        p.expert.count({ where: { active: true } }),
        p.innovationPlatform.count({ where: { active: true } }),
        p.techNeed.count({ where: posted }),
        p.techNeed.count({ where: { status: "OPEN" } }),
        p.techNeed.count({ where: { status: "RESOLVED" } }),
        p.match.count({ where: { need: posted } }),
        p.match.count({ where: { status: { in: [...ACCEPTED] }, need: posted } }),
        p.enterprise.count({ where: { onKczg: true } }),
        p.innovationPlatform.count({ where: { onKczg: true, active: true } }),
        this.byIndustryChain(),
      ]);
    return {
      enterprises,
      societies,
      experts,
      platforms,
      needs,
      openNeeds,
      resolvedNeeds,
      matches,
      acceptedMatches,
      onKczgPlatform: kczgEnterprises + kczgPlatforms,
      byIndustryChain,
    };
  }

  private async byIndustryChain(): Promise<ChainStat[]> {
    const rows = await chainCounts(this.prisma);
    return rows.map((r) => ({ industryChain: { code: r.code, name: r.name }, needs: r.needs, openNeeds: r.open, resolvedNeeds: r.resolved, matches: r.matches }));
  }
}
