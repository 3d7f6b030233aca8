/** The expert module's public face: what other modules may import (docs/boundaries.md). */
export { AffiliationField, ExpertiseField, ExpertNameField, SocietyIdsField } from "./expert.fields";
export { CreateExpertInput } from "./expert.input";
export { Expert, ExpertConnection } from "./expert.type";
