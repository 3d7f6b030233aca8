/** The invitation module's public face: what other modules may import (docs/boundaries.md). */
export { Invitation } from "./invitation.type";
