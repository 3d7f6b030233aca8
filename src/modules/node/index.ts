/** The node module's public face: what other modules may import (docs/boundaries.md). */
export { Node, resolveTypename, typed } from "./node.type";
