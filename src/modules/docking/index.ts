/** The docking module's public face: what other modules may import (docs/boundaries.md). */
export { readableDockings } from "./docking-access";
export { Docking } from "./docking.type";
