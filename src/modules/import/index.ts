/** The import module's public face: what other modules may import (docs/boundaries.md). */
export { handleImportRequest } from "./import.routes";
