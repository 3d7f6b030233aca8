// jose's entry point loads all of JOSE (encryption, key sets, key generation): these three subpaths are what
// HS256 tokens use, loaded in about half the time (measured: docs/benchmarks.md, "Design decisions measured").
import { JOSEError, JWTExpired } from "jose/errors";
import { SignJWT } from "jose/jwt/sign";
import { jwtVerify } from "jose/jwt/verify";
import { unauthenticated } from "../errors";

export interface TokenClaims {
  userId: number;
  role: string;
  /** Bumped when the password changes or the user is deactivated: older tokens stop working. */
  version: number;
  expiresAt: number;
  /** "display": a 大屏 display token (signDisplay), which reads the dashboard's statistics and nothing else. */
  scope?: string;
}

const ISSUER = "kechuang-hub";
/** Verified tokens kept (one per signed-in client, roughly); the oldest goes first beyond it. */
const VERIFIED_TOKENS = 10_000;

export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(user: { id: number; role: string; tokenVersion: number; organizationId: string | null }): Promise<string> {
    return new SignJWT({ role: user.role, ver: user.tokenVersion, org: user.organizationId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(String(user.id))
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /**
   * A read-only display token for the dashboard's 大屏 mode, issued by an ADMIN: bound to the admin's tokenVersion
   * (a password change or deactivation revokes it), valid `ttlSeconds`.
   */
  async signDisplay(user: { id: number; tokenVersion: number }, ttlSeconds: number): Promise<string> {
    return new SignJWT({ role: "DISPLAY", ver: user.tokenVersion, scope: "display" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(String(user.id))
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    // Expiry is re-checked on every use, as jose checks it (expired once `exp` is not after the current second).
    if (known && known.expiresAt > Math.floor(Date.now() / 1000)) return known;
    const claims = await this.verifySignature(token);
    this.remember(token, claims);
    return claims;
  }

  // A client sends the same token with every request, and checking its signature (an HMAC, key import, JSON
  // parsing) is a visible share of a small query's CPU: a successfully verified token is kept, bounded, until it
  // expires. Revocation does not depend on this: the token's user row is read on every request (tokenVersion).
  private readonly verified = new Map<string, TokenClaims>();

  private remember(token: string, claims: TokenClaims): void {
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!); // oldest first
    this.verified.set(token, Object.freeze(claims)); // shared by every request with this token
  }

  private async verifySignature(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ["HS256"] });
      const userId = Number(payload.sub);
      if (!Number.isInteger(userId) || typeof payload.ver !== "number" || typeof payload.exp !== "number") {
        throw unauthenticated("Invalid token");
      }
      return { userId, role: String(payload.role), version: payload.ver, expiresAt: payload.exp, ...(payload.scope === "display" ? { scope: "display" } : {}) };
    } catch (err) {
      if (err instanceof JWTExpired) throw unauthenticated("Token expired: sign in again");
      if (err instanceof JOSEError) throw unauthenticated("Invalid token");
      throw err;
    }
  }
}

/** The token from an `Authorization: Bearer …` header (or connectionParams.authorization). */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== "string") return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}
