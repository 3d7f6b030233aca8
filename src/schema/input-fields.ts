import { Field, Int } from "type-graphql";
import { TrimmedLength } from "../infra/http/validate-input";
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, MaxLength, Min } from "../infra/library-patches/validators";

/** What `@Field(() => T)` takes: type-graphql does not export its name for it. */
type FieldType = NonNullable<Parameters<typeof Field>[0]>;

export interface InputFieldOptions {
  /** nullable in the schema, and its validators skipped when the field is null or absent (`IsOptional`) */
  optional?: boolean;
  description?: string;
  deprecationReason?: string;
}

/**
 * An input field and its validators as one decorator, so that every input taking the field declares it alike
 * (a create input and its update differ only in `optional`). The decorators run bottom up, as when stacked under
 * `@Field()` in this order: the first message reported for a value breaking two rules (the caller's) stays the same.
 */
export function inputField(type: FieldType, options: InputFieldOptions, ...validators: PropertyDecorator[]): PropertyDecorator {
  const { optional = false, description, deprecationReason } = options;
  const written: PropertyDecorator[] = [
    Field(type, {
      ...(optional && { nullable: true }),
      ...(description !== undefined && { description }),
      ...(deprecationReason !== undefined && { deprecationReason }),
    }),
    ...(optional ? [IsOptional()] : []),
    ...validators,
  ];
  const bottomUp = written.reverse();
  return (target, key) => {
    for (const decorate of bottomUp) decorate(target, key);
  };
}

/** The name of an enterprise, society, platform or university. */
export const OrganizationNameField = (options: InputFieldOptions = {}) => inputField(() => String, options, TrimmedLength(2, 100));

/** Codes of the programme's industry chains (reference.industryChains). */
export function IndustryChainCodesField(options: InputFieldOptions & { atLeastOne?: boolean; max?: number } = {}): PropertyDecorator {
  const { atLeastOne = false, max = 21, ...field } = options;
  return inputField(() => [String], field, ...(atLeastOne ? [ArrayMinSize(1)] : []), ArrayMaxSize(max));
}

export const RegionCodeField = (options: InputFieldOptions = {}) => inputField(() => String, options, MaxLength(16));

/** Always optional: matching works without them. */
export const KeywordsField = (max: number) => inputField(() => [String], { optional: true }, ArrayMaxSize(max), Length(1, 30, { each: true }));

/** A society's or university's disciplines (学科). */
export const DisciplinesField = (options: InputFieldOptions = {}) =>
  inputField(() => [String], options, ArrayMaxSize(30), Length(1, 50, { each: true }));

/** A whole number of yuan, as the Int fields that came before the Decimal ones carry it. */
export const YuanField = (options: Omit<InputFieldOptions, "optional">) => inputField(() => Int, { ...options, optional: true }, Min(0), Max(2_000_000_000));

/** A list filter's free-text search. */
export const SearchTextField = (description?: string) => inputField(() => String, { optional: true, description }, MaxLength(100));
