/** The deal module's public face: what other modules may import (docs/boundaries.md). */
export { readableDeals } from "./deal-access";
export { amountOf } from "./deal-money";
export { AwardChallengeInput } from "./deal.input";
export type { DealService } from "./deal.service";
export type { DealRow } from "./deal.loaders";
export { Deal } from "./deal.type";
