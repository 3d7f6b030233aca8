/**
 * Minimum strength: at least 10 characters, three kinds of character (lower, upper, digit, other), and not
 * the email's local part. Returns the problem, or null.
 */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < 10) return "password must be at least 10 characters";
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 3) return "password must mix at least three of: lower case, upper case, digits, other characters";
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) return "password must not contain the email name";
  return null;
}
