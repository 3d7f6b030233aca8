import { inputField } from "../../schema/input-fields";
import { Length } from "../../infra/library-patches/validators";

/** The unified social credit code; its check character is the service's (creditCodeProblem). */
export const CreditCodeField = () =>
  inputField(() => String, { description: "18 characters, GB 32100 check character" }, Length(18, 18, { message: "creditCode must be 18 characters" }));
