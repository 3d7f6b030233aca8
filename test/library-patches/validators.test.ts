// The hub takes class-validator's decorators from the package's files instead of its entry point (start-up time):
// they must be the entry point's own functions, recording into the same metadata, or validation would silently
// stop seeing the rules the input classes declare.
import * as entryPoint from "class-validator";
import * as subset from "../../src/infra/library-patches/validators";

const DECORATORS = ["ArrayMaxSize", "ArrayMinSize", "IsBoolean", "IsEmail", "IsOptional", "Length", "Matches", "Max", "MaxLength", "Min", "ValidateBy", "buildMessage"] as const;

test.each(DECORATORS)("%s is the entry point's own function", (name) => {
  expect(subset[name]).toBe(entryPoint[name]);
});

class Contact {
  @subset.MaxLength(5)
  name!: string;

  @subset.IsOptional()
  @subset.IsEmail()
  email?: string;
}

describe("validate", () => {
  it("sees the rules recorded by the subset's decorators, as the entry point's validate does", async () => {
    const bad = Object.assign(new Contact(), { name: "too long a name", email: "not-an-email" });
    const ours = await subset.validate(bad);
    const theirs = await entryPoint.validate(bad);
    expect(ours.map((e) => [e.property, Object.keys(e.constraints ?? {})])).toEqual([
      ["name", ["maxLength"]],
      ["email", ["isEmail"]],
    ]);
    expect(ours.map((e) => e.constraints)).toEqual(theirs.map((e) => e.constraints));
  });

  it("passes a valid object, and an optional field left out", async () => {
    expect(await subset.validate(Object.assign(new Contact(), { name: "Li" }))).toEqual([]);
  });
});
