/** The contact module's public face: what other modules may import (docs/boundaries.md). */
export { contactProblem, normaliseContact } from "./contact";
export type { ContactJson } from "./contact";
export { ContactField } from "./contact.field";
export { Contact, ContactInput } from "./contact.type";
