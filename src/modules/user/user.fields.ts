import { inputField } from "../../schema/input-fields";
import { IsEmail, Length, MaxLength } from "../../infra/library-patches/validators";

/** The address an account signs in with. */
export const SignInEmailField = () => inputField(() => String, {}, IsEmail({}, { message: "email must be an email address" }), MaxLength(200));

export const PasswordField = () => inputField(() => String, {}, Length(10, 200, { message: "password must be 10 to 200 characters" }));
