/** The need module's public face: what other modules may import (docs/boundaries.md). */
export { MATCHABLE_NEED_STATUSES } from "./need-status";
export { NeedTeaser, teaserOf } from "./need-teaser";
export { needRead } from "./need.columns";
export { PostNeedInput } from "./need.input";
export { TechNeed, TechNeedConnection } from "./need.type";
