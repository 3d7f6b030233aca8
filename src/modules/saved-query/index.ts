/** The saved-query module's public face: what other modules may import (docs/boundaries.md). */
export { readableSavedQueries } from "./saved-query.service";
