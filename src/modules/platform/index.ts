/** The platform module's public face: what other modules may import (docs/boundaries.md). */
export { CreatePlatformInput } from "./platform.input";
export { InnovationPlatform } from "./platform.type";
