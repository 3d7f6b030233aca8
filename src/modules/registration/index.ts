/** The registration module's public face: what other modules may import (docs/boundaries.md). */
export type { AccountMail } from "./account-mail";
