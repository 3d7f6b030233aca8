import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum for argon2id).
export const hashPassword = (plain: string): Promise<string> => hash(plain);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps login time the same either way.
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hash("decoy-password-never-matches"));
