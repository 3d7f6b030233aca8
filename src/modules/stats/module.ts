import type { HubModule } from "../../context/hub-module";
import { StatsResolver } from "./stats.resolver";
import { StatsService } from "./stats.service";
import { IndicatorTargetService } from "./indicator-target.service";

declare module "../../context/context" {
  interface Services {
    stats: StatsService;
    indicatorTargets: IndicatorTargetService;
  }
}

/** Statistics of the hub and of the programme, and the indicators' targets. */
export const statsModule: HubModule = {
  name: "stats",
  resolvers: [StatsResolver],
  services: {
    stats: (deps) => new StatsService(deps.prisma, deps.timeZone),
    indicatorTargets: (deps, use) => new IndicatorTargetService(deps.prisma, use("stats").programme.indicators),
  },
};
