import type { HubModule } from "../../context/hub-module";
import { MatchResolver } from "./match.resolver";
import { MatchSubscriptionResolver } from "./match.subscription";
import { MatchingService } from "./matching.service";
import { MatchService } from "./match.service";
import { Reanalysis } from "./reanalysis";
import { analysisFingerprint } from "../matching";
import { breakdownLoader, matchesOfNeedsLoader, supplierNamesLoader } from "./match.loaders";

declare module "../../context/context" {
  interface Services {
    matching: MatchingService;
    matches: MatchService;
    reanalysis: Reanalysis;
  }
  interface Loaders {
    matchesOfNeed: ReturnType<typeof matchesOfNeedsLoader>;
    matchBreakdown: ReturnType<typeof breakdownLoader>;
    supplierNames: ReturnType<typeof supplierNamesLoader>;
  }
}

/** Matches between needs and suppliers, and the matching that makes them. */
export const matchModule: HubModule = {
  name: "match",
  resolvers: [MatchResolver, MatchSubscriptionResolver],
  services: {
    matching: (deps, use) => new MatchingService(deps.pubsub, deps.log, use("notifier"), deps.reading ?? analysisFingerprint()),
    matches: (deps) => new MatchService(deps.prisma, deps.pubsub),
    reanalysis: (deps, use) => new Reanalysis(deps.prisma, use("matching"), deps.log, { sweepSeconds: deps.reanalysisSweepSeconds }),
  },
  sharedLoaders: { matchesOfNeed: matchesOfNeedsLoader, matchBreakdown: breakdownLoader, supplierNames: supplierNamesLoader },
};
