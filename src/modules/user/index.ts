/** The user module's public face: what other modules may import (docs/boundaries.md). */
export { normaliseEmail } from "./auth.service";
export { passwordProblem } from "./password-policy";
export { PasswordField, SignInEmailField } from "./user.fields";
export { User } from "./user.type";
