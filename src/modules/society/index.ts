/** The society module's public face: what other modules may import (docs/boundaries.md). */
export { CreateSocietyInput } from "./society.input";
export { Society } from "./society.type";
