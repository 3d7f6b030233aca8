/** The workstation module's public face: what other modules may import (docs/boundaries.md). */
export { ExpertWorkstation } from "./workstation.type";
