// 统一社会信用代码 (unified social credit code), GB 32100-2015.
//
//   position 1      registration authority code (登记管理部门代码)
//   position 2      organisation type code (机构类别代码)
//   positions 3–8   administrative division code (登记管理机关行政区划码, GB/T 2260, 6 digits)
//   positions 9–17  organisation code (主体标识码, GB 11714: 8 body characters + its own check character)
//   position 18     check character over positions 1–17
//
// We validate the 18th character strictly (it is what GB 32100 defines, and it catches typos and
// transpositions). The GB 11714 check inside positions 9–17 is exposed separately
// (`organisationCodeProblem`) but NOT enforced by `creditCodeProblem`: it is an older standard's check that
// registration systems do not all guarantee, and rejecting a code that a business licence actually carries
// would block a real enterprise from registering. Generators should still produce it (`makeOrganisationCode`).

/** The 31 characters GB 32100 allows: digits and capitals without I, O, Z, S, V. Index = value. */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const CHECK_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registration authority codes of GB 32100 Annex A (9 = market regulation, 5 = civil affairs, Y = others …). */
const AUTHORITY_CODES = "123456789ANY";

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Check character (position 18) for the first 17 characters; throws if they are not in the alphabet. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new Error(`character ${i + 1} ("${first17[i]}") is not allowed in a credit code`);
    sum += value * CHECK_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31; // 31 maps to 0
  return CREDIT_CODE_ALPHABET[check]!;
}

/** Appends the check character; for generators and tests. */
export function makeCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}

/**
 * Why `code` is not a valid 统一社会信用代码, or null when it is valid. Codes are expected upper case and
 * trimmed (callers normalise input first; we do not silently accept "91350100m000100y43").
 */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `must be 18 characters (got ${code.length})`;
  for (let i = 0; i < 18; i++) {
    const c = code[i]!;
    if (!CREDIT_CODE_ALPHABET.includes(c)) {
      const hint = /[a-z]/.test(c) ? " (use upper case)" : /[IOZSV]/.test(c) ? " (I, O, Z, S, V are never used)" : "";
      return `character ${i + 1} ("${c}") is not allowed${hint}`;
    }
  }
  if (!AUTHORITY_CODES.includes(code[0]!)) {
    return `registration authority code (character 1) "${code[0]}" is not one of ${AUTHORITY_CODES.split("").join(" ")}`;
  }
  if (!/^[1-9]$/.test(code[1]!)) return `organisation type code (character 2) must be a digit 1–9`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return "administrative division code (characters 3–8) must be 6 digits";
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return `check character should be ${expected}, not ${code[17]}`;
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

// ---------- GB 11714 organisation code (positions 9–17) ----------

/** GB 11714 values: digits 0–9, letters A=10 … Z=35 (their place in the full Latin alphabet). */
function orgCharValue(c: string): number {
  if (c >= "0" && c <= "9") return c.charCodeAt(0) - 48;
  if (c >= "A" && c <= "Z") return c.charCodeAt(0) - 55;
  return -1;
}

/** GB 11714 check character for an 8-character body: 11 − (Σ value × weight mod 11); 10 → X, 11 → 0. */
export function organisationCodeCheckChar(body8: string): string {
  if (body8.length !== 8) throw new Error(`expected 8 characters, got ${body8.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = orgCharValue(body8[i]!);
    if (value < 0) throw new Error(`character ${i + 1} ("${body8[i]}") is not allowed in an organisation code`);
    sum += value * ORG_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

/** Appends the GB 11714 check character to an 8-character body. */
export function makeOrganisationCode(body8: string): string {
  return body8 + organisationCodeCheckChar(body8);
}

/**
 * Why positions 9–17 of a credit code are not a valid GB 11714 organisation code, or null. Informational:
 * see the note at the top of this file for why `creditCodeProblem` does not enforce it.
 */
export function organisationCodeProblem(creditCode: string): string | null {
  if (creditCode.length !== 18) return "must be 18 characters";
  const org = creditCode.slice(8, 17);
  if (![...org.slice(0, 8)].every((c) => orgCharValue(c) >= 0)) return "organisation code body has invalid characters";
  const expected = organisationCodeCheckChar(org.slice(0, 8));
  return org[8] === expected ? null : `organisation code check character (character 17) should be ${expected}`;
}
