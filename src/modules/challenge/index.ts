/** The challenge module's public face: what other modules may import (docs/boundaries.md). */
export { mayReadChallengeDelivery, mayReadChallengeRanking, mayReadScorePanelist, reviewsChallenge } from "./challenge-access";
