import type { TokenService } from "../infra/auth/tokens";
import type { Prisma } from "../infra/db/database";
import type { Logger } from "../infra/logger";
import type { HubPubSub } from "../infra/pubsub/pubsub";
import { EnterpriseService } from "../modules/enterprise/enterprise.service";
import { ExpertService } from "../modules/expert/expert.service";
import { MatchService } from "../modules/match/match.service";
import { MatchingService } from "../modules/match/matching.service";
import { NeedService } from "../modules/need/need.service";
import { PlatformService } from "../modules/platform/platform.service";
import { ReferenceService } from "../modules/reference/reference.service";
import { ResponseService } from "../modules/response/response.service";
import { SocietyService } from "../modules/society/society.service";
import { StatsService } from "../modules/stats/stats.service";
import { AuthService } from "../modules/user/auth.service";

/** The hub's services, built once per process; every method takes the request context first. */
export function createServices(prisma: Prisma, pubsub: HubPubSub, tokens: TokenService, log: Logger) {
  const reference = new ReferenceService(prisma);
  const matching = new MatchingService(pubsub, log);
  return {
    prisma,
    pubsub,
    reference,
    matching,
    auth: new AuthService(prisma, tokens, log),
    enterprises: new EnterpriseService(prisma, reference),
    societies: new SocietyService(prisma, matching),
    experts: new ExpertService(prisma, reference, matching),
    platforms: new PlatformService(prisma, reference, matching),
    needs: new NeedService(prisma, reference, matching),
    responses: new ResponseService(prisma, pubsub),
    matches: new MatchService(prisma),
    stats: new StatsService(prisma),
  };
}

export type Services = ReturnType<typeof createServices>;
