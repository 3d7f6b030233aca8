import fc from "fast-check";
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
  makeCreditCode,
  makeOrganisationCode,
  organisationCodeCheckChar,
  organisationCodeProblem,
} from "./credit-code";

// Codes printed on real business licences (the GB 32100 textbook example first, then large companies,
// and one public institution, type 12). Each passes both the 18th-character and the GB 11714 check.
const PUBLISHED = [
  "91350100M000100Y43",
  "914403001922038216",
  "9144030071526726XG",
  "91330100716105852F",
  "91110108551385082Q",
  "91110000802100433B",
  "91110000100017643K",
  "91110000710935732K",
  "91440300708461136T",
  "12100000400000624D",
];

describe("creditCodeProblem", () => {
  it.each(PUBLISHED)("accepts the published code %s", (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
    expect(organisationCodeProblem(code)).toBeNull();
  });

  it("names the expected check character", () => {
    expect(creditCodeProblem("91350100M000100Y44")).toBe("check character should be 3, not 4");
  });

  it("maps a computed check value of 31 to 0", () => {
    // Find a body whose check is 0 and confirm the character is "0", not out of range.
    const body = Array.from({ length: 31 }, (_, i) => `9135010000000000${CREDIT_CODE_ALPHABET[i]}`).find(
      (b) => creditCodeCheckChar(b) === "0",
    );
    expect(body).toBeDefined();
    expect(isValidCreditCode(body + "0")).toBe(true);
  });

  it.each([
    ["", "must be 18 characters (got 0)"],
    ["91350100M000100Y4", "must be 18 characters (got 17)"],
    ["91350100M000100Y433", "must be 18 characters (got 19)"],
    ["91350100m000100Y43", 'character 9 ("m") is not allowed (use upper case)'],
    ["91350100M000100O43", 'character 16 ("O") is not allowed (I, O, Z, S, V are never used)'],
    ["91350100M000100Y4-", 'character 18 ("-") is not allowed'],
    ["01350100M000100Y43", 'registration authority code (character 1) "0" is not one of 1 2 3 4 5 6 7 8 9 A N Y'],
    ["90350100M000100Y43", "organisation type code (character 2) must be a digit 1–9"],
    ["9135A100M000100Y43", "administrative division code (characters 3–8) must be 6 digits"],
  ])("rejects %j: %s", (code, reason) => {
    expect(creditCodeProblem(code)).toBe(reason);
    expect(isValidCreditCode(code)).toBe(false);
  });

  const body17 = fc
    .tuple(
      fc.constantFrom(..."9159Y"),
      fc.constantFrom(..."123"),
      fc.stringMatching(/^\d{6}$/),
      fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET), { minLength: 9, maxLength: 9 }),
    )
    .map(([a, t, d, org]) => a + t + d + org.join(""));

  it("accepts every code makeCreditCode produces", () => {
    fc.assert(fc.property(body17, (b) => isValidCreditCode(makeCreditCode(b))));
  });

  // 31 is prime and every weight is non-zero mod 31, so any single wrong character is caught.
  it("catches every single-character substitution", () => {
    fc.assert(
      fc.property(body17, fc.nat(17), fc.constantFrom(...CREDIT_CODE_ALPHABET), (b, pos, c) => {
        const code = makeCreditCode(b);
        fc.pre(code[pos] !== c && !(pos === 0 && !"123456789ANY".includes(c)) && !(pos === 1 && !/[1-9]/.test(c)));
        fc.pre(!(pos >= 2 && pos < 8 && !/\d/.test(c)));
        return !isValidCreditCode(code.slice(0, pos) + c + code.slice(pos + 1));
      }),
    );
  });

  // Neighbouring weights differ mod 31, so swapping two different neighbours is caught too.
  it("catches every adjacent transposition of different characters", () => {
    fc.assert(
      fc.property(body17, fc.nat(15), (b, pos) => {
        const code = makeCreditCode(b);
        fc.pre(code[pos] !== code[pos + 1]);
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        return !isValidCreditCode(swapped);
      }),
    );
  });
});

describe("makeCreditCode", () => {
  it("reproduces the published check characters", () => {
    for (const code of PUBLISHED) expect(makeCreditCode(code.slice(0, 17))).toBe(code);
  });

  it("refuses bodies of the wrong length or alphabet", () => {
    expect(() => makeCreditCode("9135010")).toThrow("expected 17 characters");
    expect(() => makeCreditCode("91350100M000100I4")).toThrow('character 16 ("I")');
  });
});

describe("GB 11714 organisation code", () => {
  it("computes the check of the textbook example and maps 10 to X", () => {
    expect(organisationCodeCheckChar("M000100Y")).toBe("4");
    const withX = Array.from({ length: 100 }, (_, i) => String(10000000 + i)).find(
      (b) => organisationCodeCheckChar(b) === "X",
    );
    expect(withX).toBeDefined();
    expect(makeOrganisationCode(withX!)).toBe(withX + "X");
  });

  it("is informational: a code with a wrong organisation check still passes creditCodeProblem", () => {
    const code = makeCreditCode("91411300MA0000001"); // organisation check of MA000000 is not 1
    expect(organisationCodeProblem(code)).toMatch(/should be/);
    expect(creditCodeProblem(code)).toBeNull();
  });
});
