/** The response module's public face: what other modules may import (docs/boundaries.md). */
export { mayReadDecline } from "./decline-access";
export type { ResponseService } from "./response.service";
export { Response, ResponseConnection } from "./response.type";
