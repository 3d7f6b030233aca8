import { validate, type ValidationError } from "class-validator";
import type { ValidatorFn } from "type-graphql";
import { badInput } from "../errors";

/**
 * Validates every class-typed argument with class-validator and throws BAD_USER_INPUT naming the field as a
 * path from the argument (`input.creditCode`, `input.keywords.2`); type-graphql's default error names neither
 * the argument nor nested fields. `@Args()` classes are the arguments themselves, so their fields stand alone.
 */
export const validateInput: ValidatorFn = async (argValue, _argType, { args }) => {
  if (argValue === null || typeof argValue !== "object" || argValue instanceof Date) return;
  const argName = argumentName(args, argValue);
  const values = Array.isArray(argValue) ? argValue.map((v, i) => [`${argName ?? ""}.${i}`, v] as const) : [[argName ?? "", argValue] as const];
  for (const [prefix, value] of values) {
    if (value === null || typeof value !== "object") continue;
    const errors = await validate(value, { forbidUnknownValues: false, validationError: { target: false, value: false } });
    const first = firstProblem(errors, prefix.replace(/^\./, ""));
    if (first) throw badInput(first.field, first.message);
  }
};

function firstProblem(errors: ValidationError[], prefix: string): { field: string; message: string } | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = error.constraints && Object.values(error.constraints)[0];
    if (message) return { field, message: `${field}: ${message}` };
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

// type-graphql hands the validator a class instance converted from the raw argument, so find the argument by
// its keys; an `@Args()` class (whose keys are the arguments themselves) has no name of its own.
function argumentName(args: Record<string, unknown>, value: object): string | undefined {
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined).sort().join(",");
  const valueKeys = keys(value);
  return Object.keys(args).find((name) => {
    const raw = args[name];
    if (raw === null || typeof raw !== "object") return false;
    return Array.isArray(raw) ? Array.isArray(value) && raw.length === value.length : keys(raw) === valueKeys;
  });
}
