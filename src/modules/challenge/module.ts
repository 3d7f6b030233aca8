import type { HubModule } from "../../context/hub-module";
import { ChallengeResolver } from "./challenge.resolver";
import { ChallengeReviewResolver, NeedChallengeReviewResolver, ChallengeReviewFieldsResolver, ChallengeNoticeResolver, ChallengePanelistResolver, SolutionRankResolver, SolutionScoreResolver, ResponseScoresResolver } from "./challenge-review.resolver";
import { ChallengeService } from "./challenge.service";
import { ChallengeReviewService } from "./review.service";
import { ChallengeDeliveryService } from "./delivery.service";

declare module "../../context/context" {
  interface Services {
    challenges: ChallengeService;
    challengeReviews: ChallengeReviewService;
    challengeDelivery: ChallengeDeliveryService;
  }
}

/** Challenges (揭榜挂帅): award, review by a panel, delivery. */
export const challengeModule: HubModule = {
  name: "challenge",
  resolvers: [ChallengeResolver, ChallengeReviewResolver, NeedChallengeReviewResolver, ChallengeReviewFieldsResolver, ChallengeNoticeResolver, ChallengePanelistResolver, SolutionRankResolver, SolutionScoreResolver, ResponseScoresResolver],
  services: {
    challenges: (deps, use) => new ChallengeService(deps.prisma, deps.pubsub, use("responses"), use("deals")),
    challengeReviews: (deps, use) => new ChallengeReviewService(deps.prisma, deps.pubsub, use("notifier"), use("responses"), deps.timeZone),
    challengeDelivery: (deps, use) => new ChallengeDeliveryService(deps.prisma, deps.pubsub, use("notifier"), use("challengeReviews"), deps.timeZone),
  },
};
