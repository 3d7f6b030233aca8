/**
 * The matching module's public face: its engine (engine/index.ts), pure TypeScript without GraphQL or database
 * access; what other modules may import (docs/boundaries.md).
 */
export * from "./engine";
