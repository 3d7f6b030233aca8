import { buildMessage, validate, ValidateBy, type ValidationError, type ValidationOptions } from "../library-patches/validators";
import type { ValidatorFn } from "type-graphql";
import { badInput } from "../errors";

/**
 * Validates every class-typed argument with class-validator and throws BAD_USER_INPUT naming the field as a
 * path from the argument (`input.creditCode`, `input.keywords.2`); type-graphql's default error names neither
 * the argument nor nested fields. `@Args()` classes are the arguments themselves, so their fields stand alone.
 */
export const validateInput: ValidatorFn = async (argValue, _argType, { args }) => {
  assertStorableArgs(args);
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

/** BAD_USER_INPUT naming the first text in the arguments that the database cannot keep as sent (below). */
export function assertStorableArgs(args: Record<string, unknown>): void {
  const unstorable = firstUnstorableText(args);
  if (unstorable) throw badInput(unstorable.field, `${unstorable.field} ${unstorable.problem}`);
}

// A lone UTF-16 surrogate: half of a pair, with no UTF-8 form.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the database cannot keep as sent, anywhere in the arguments (every argument and nested field, queries
 * too): PostgreSQL text holds no NUL, and a lone surrogate has no UTF-8 form (PGlite fails on it, pg silently
 * stores U+FFFD instead). Either would otherwise end as an internal error or as text the caller never sent.
 */
function firstUnstorableText(value: unknown, path = ""): { field: string; problem: string } | null {
  if (typeof value === "string") {
    if (value.includes("\u0000")) return { field: path, problem: "must not contain NUL characters" };
    if (LONE_SURROGATE.test(value)) return { field: path, problem: "is not well-formed Unicode (a lone surrogate)" };
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = firstUnstorableText(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/**
 * class-validator's Length, measured on the text as the services keep it (trimmed): "   " is blank rather than
 * three characters long, and " a " is one character. For every text field that a service trims.
 */
export function TrimmedLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "trimmedLength",
      constraints: [min, max],
      validator: {
        validate: (value) => typeof value === "string" && value.trim().length >= min && value.trim().length <= max,
        defaultMessage: buildMessage((each) => `${each}$property must be ${min} to ${max} characters long, surrounding spaces not counted`, options),
      },
    },
    options,
  );
}
