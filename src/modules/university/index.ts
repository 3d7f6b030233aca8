/** The university module's public face: what other modules may import (docs/boundaries.md). */
export { University } from "./university.type";
