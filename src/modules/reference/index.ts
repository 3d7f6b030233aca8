/** The reference module's public face: what other modules may import (docs/boundaries.md). */
export type { ReferenceService } from "./reference.service";
export { IndustryChain, Region } from "./reference.type";
