import { ID } from "type-graphql";
import { TrimmedLength } from "../../infra/http/validate-input";
import { ArrayMaxSize, MaxLength } from "../../infra/library-patches/validators";
import { inputField, type InputFieldOptions } from "../../schema/input-fields";

// An expert's fields as the expert's inputs and the registration of an expert take them.

export const ExpertNameField = (options: InputFieldOptions = {}) => inputField(() => String, options, TrimmedLength(1, 50));

export const AffiliationField = () => inputField(() => String, { optional: true }, MaxLength(100));

/** What the expert is matched on, with the keywords. */
export const ExpertiseField = (options: InputFieldOptions = {}) => inputField(() => String, options, TrimmedLength(10, 2000));

export const SocietyIdsField = (description?: string) => inputField(() => [ID], { optional: true, description }, ArrayMaxSize(20));
