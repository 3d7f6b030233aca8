// The part of class-validator the hub uses, from the files of the package that hold it. Its entry point loads
// every decorator it has, and with them all of validator.js and libphonenumber-js: start-up time for a dozen
// decorators (measured: docs/benchmarks.md, "Design decisions measured"). These are the entry point's own functions (it re-exports these files; the package has no
// exports map), and the metadata they record is the entry point's too (one global store): test/library-patches/validators.test.ts.
import type * as ClassValidator from "class-validator";
import type { ValidationError, ValidatorOptions } from "class-validator";

type Exports = typeof ClassValidator;

function fromFile<K extends keyof Exports>(file: string, name: K): Exports[K] {
  const value = (require(`class-validator/cjs/${file}`) as Exports)[name];
  if (typeof value !== "function") throw new Error(`class-validator/cjs/${file} has no ${String(name)}`);
  return value;
}

export const ArrayMaxSize = fromFile("decorator/array/ArrayMaxSize", "ArrayMaxSize");
export const ArrayMinSize = fromFile("decorator/array/ArrayMinSize", "ArrayMinSize");
export const IsBoolean = fromFile("decorator/typechecker/IsBoolean", "IsBoolean");
export const IsEmail = fromFile("decorator/string/IsEmail", "IsEmail");
export const IsOptional = fromFile("decorator/common/IsOptional", "IsOptional");
export const Length = fromFile("decorator/string/Length", "Length");
export const Matches = fromFile("decorator/string/Matches", "Matches");
export const Max = fromFile("decorator/number/Max", "Max");
export const MaxLength = fromFile("decorator/string/MaxLength", "MaxLength");
export const Min = fromFile("decorator/number/Min", "Min");
export const ValidateBy = fromFile("decorator/common/ValidateBy", "ValidateBy");
export const buildMessage = fromFile("decorator/common/ValidateBy", "buildMessage");
export type { ValidationError, ValidationOptions } from "class-validator";

const Validator = fromFile("validation/Validator", "Validator");
const getFromContainer = fromFile("container", "getFromContainer");

const getMetadataStorage = fromFile("metadata/MetadataStorage", "getMetadataStorage");

/** Whether class-validator holds any rule for instances of this class (its own or inherited), in any group. */
export function hasValidationRules(target: Function): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(target, "", true, false).length > 0;
}

/** class-validator's `validate(object, options)`, as its entry point defines it (the hub validates objects only). */
export function validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
  return getFromContainer(Validator).validate(object, options);
}
