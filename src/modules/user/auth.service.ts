import type { Context } from "../../context/context";
import { userById, viewerRowsById } from "../../context/rows-by-id";
import { actingUser } from "../../infra/auth/guards";
import { decoyHash, hashPassword, verifyPassword } from "../../infra/auth/password";
import { createLoginLimiter, type LoginLimiter } from "../../infra/auth/login-limiter";
import { bearerToken, type TokenService } from "../../infra/auth/tokens";
import { ANONYMOUS, rememberViewerRows, type Viewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { UserRow } from "../../infra/db/rows";
import { badInput, conflict, conflictOnDuplicate, DomainError, notFound, unauthenticated } from "../../infra/errors";
import type { Logger } from "../../infra/logger";
import { decodeGlobalId, toGlobalId } from "../../infra/relay/global-id";
import { asSignedIn } from "../access";
import { recordAudit } from "../audit";
import type { CreateUserInput } from "./user.input";
import { passwordProblem } from "./password-policy";
import { unitOfWork } from "../../infra/db/unit-of-work";

const DISPLAY_VIEWER: Viewer = Object.freeze({ kind: "anonymous", display: true } as const);

type OrgLink = Pick<UserRow, "enterpriseId" | "societyId" | "expertId" | "platformId">;

export class AuthService {
  constructor(
    private readonly prisma: Prisma,
    private readonly tokens: TokenService,
    private readonly log: Logger,
    private readonly limiter: LoginLimiter = createLoginLimiter({ redisUrl: null, scope: "local", log }),
  ) {}

  /** The viewer behind an Authorization header; anonymous without one, UNAUTHENTICATED for a bad one. */
  async viewerFrom(authorization: unknown): Promise<Viewer> {
    const token = bearerToken(authorization);
    if (!token) {
      if (typeof authorization === "string" && authorization.trim()) throw unauthenticated("Authorization must be `Bearer <token>`");
      return ANONYMOUS;
    }
    const claims = await this.tokens.verify(token);
    // On every signed-in request: fixed SQL, no query compiler; the enterprise's row with it (rows-by-id.ts).
    const rows = await viewerRowsById(this.prisma, claims.userId);
    const user = rows?.user ?? null;
    if (claims.scope === "display") {
      // The issuing ADMIN still active, with the same password: else the screen's token is revoked.
      if (!user || !user.active || user.role !== "ADMIN" || user.tokenVersion !== claims.version) throw unauthenticated("Display token no longer valid");
      return DISPLAY_VIEWER;
    }
    // A changed password or a deactivated account bumps tokenVersion: older tokens stop here.
    if (!user || !user.active || user.tokenVersion !== claims.version) throw unauthenticated("Token no longer valid: sign in again");
    const viewer: Viewer = {
      kind: "user",
      userId: user.id,
      role: user.role,
      enterpriseId: user.enterpriseId,
      societyId: user.societyId,
      expertId: user.expertId,
      platformId: user.platformId,
      expiresAt: claims.expiresAt,
      tokenVersion: user.tokenVersion,
    };
    // The operation this viewer is made for will likely ask `me`: its loaders start with the rows just read.
    rememberViewerRows(viewer, { user, enterprise: rows?.enterprise ?? null });
    return viewer;
  }

  /** ADMIN only: a read-only token for the dashboard's 大屏 mode (statistics only), valid `days` (1–365). */
  async issueDisplayToken(ctx: Context, days: number): Promise<{ token: string; expiresAt: Date }> {
    const viewer = actingUser(ctx.viewer);
    if (!Number.isInteger(days) || days < 1 || days > 365) throw badInput("days", "days must be a whole number from 1 to 365");
    const user = await userById(this.prisma, viewer.userId);
    if (!user) throw unauthenticated();
    const ttlSeconds = days * 86_400;
    const token = await this.tokens.signDisplay(user, ttlSeconds);
    await unitOfWork(this.prisma, null, (tx) => recordAudit(tx, ctx, "user.issueDisplayToken", { type: "User", id: user.id }, { days }));
    return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  /**
   * Rate-limited per account and per client address (LoginLimiter): past the limit every attempt is
   * RATE_LIMITED with extensions.retryAfter, whether the password is right or not.
   */
  async login(ctx: Context, email: string, password: string): Promise<{ token: string; user: UserRow }> {
    const account = normaliseEmail(email);
    const address = ctx.clientAddress ?? null;
    await this.limiter.attempt(account, address);
    const user = await this.prisma.user.findUnique({ where: { email: account } });
    const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await decoyHash(), password);
    if (!user || !ok) {
      ctx.log.info({ event: "login.failed" }, "login failed");
      throw unauthenticated("Wrong email or password");
    }
    await this.limiter.succeeded(account, address);
    // Only whoever knows the password learns why the account may not sign in.
    if (!user.active) throw await this.inactive(user.id);
    return { token: await this.tokenFor(user), user: asSignedIn(user) };
  }

  /**
   * The signed-in user changes their own password: the current one must be right and the new one strong.
   * tokenVersion is bumped, so every older token (other devices, stolen ones) stops working; the answer
   * carries a fresh token. The current password is limited as a login to the same account is (LoginLimiter).
   */
  async changePassword(ctx: Context, currentPassword: string, newPassword: string): Promise<{ token: string; user: UserRow }> {
    const viewer = actingUser(ctx.viewer);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: viewer.userId } });
    await this.limiter.attempt(normaliseEmail(user.email), ctx.clientAddress ?? null);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw badInput("currentPassword", "currentPassword is wrong");
    await this.limiter.succeeded(normaliseEmail(user.email), ctx.clientAddress ?? null);
    const problem = newPassword.length > 200 ? "newPassword must be at most 200 characters (as createUser's)" : passwordProblem(newPassword, user.email);
    if (problem) throw badInput("newPassword", problem);
    if (await verifyPassword(user.passwordHash, newPassword)) throw badInput("newPassword", "newPassword must differ from the current one");
    const passwordHash = await hashPassword(newPassword);
    const updated = await unitOfWork(this.prisma, null, async (tx) => {
      const changed = await tx.user.update({ where: { id: user.id }, data: { passwordHash, tokenVersion: { increment: 1 } } });
      await recordAudit(tx, ctx, "user.changePassword", { type: "User", id: user.id }, { tokenVersion: changed.tokenVersion });
      return changed;
    });
    return { token: await this.tokenFor(updated), user: asSignedIn(updated) };
  }

  /** ADMIN only: the user can no longer sign in and their tokens stop working at once (tokenVersion bumped). */
  async deactivateUser(ctx: Context, userId: number | null): Promise<UserRow> {
    const viewer = actingUser(ctx.viewer);
    const user = userId === null ? null : await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("User");
    if (user.id === viewer.userId) throw badInput("id", "An ADMIN cannot deactivate themselves");
    return unitOfWork(this.prisma, null, async (tx) => {
      const updated = await tx.user.update({ where: { id: user.id }, data: { active: false, tokenVersion: { increment: 1 } } });
      await recordAudit(tx, ctx, "user.deactivate", { type: "User", id: user.id }, { before: { active: user.active }, after: { active: false } });
      return updated;
    });
  }

  private async inactive(userId: number): Promise<DomainError> {
    const registration = await this.prisma.registration.findUnique({ where: { userId }, select: { status: true } });
    if (registration?.status === "PENDING") return new DomainError("ACCOUNT_PENDING", "The registration is waiting for review");
    if (registration?.status === "REJECTED") return new DomainError("ACCOUNT_REJECTED", "The registration was rejected");
    return new DomainError("ACCOUNT_DISABLED", "The account is deactivated");
  }

  async tokenFor(user: UserRow): Promise<string> {
    return this.tokens.sign({ id: user.id, role: user.role, tokenVersion: user.tokenVersion, organizationId: organizationGlobalId(user) });
  }

  /** ADMIN only. */
  async createUser(ctx: Context, input: CreateUserInput): Promise<UserRow> {
    const email = normaliseEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw badInput("input.password", problem);
    const link = await this.organizationLink(input);
    const duplicate = "A user with this email exists already";
    if (await this.prisma.user.count({ where: { email } })) throw conflict("input.email", duplicate);
    const passwordHash = await hashPassword(input.password);
    return unitOfWork(this.prisma, null, async (tx) => {
      const user = await tx.user.create({ data: { email, passwordHash, role: input.role, ...link } });
      await recordAudit(tx, ctx, "user.create", { type: "User", id: user.id }, { email, role: user.role });
      return user;
    }).catch(conflictOnDuplicate("input.email", duplicate));
  }

  /** At start: make sure HUB_ADMIN_EMAIL exists as an active ADMIN with HUB_ADMIN_PASSWORD. */
  async ensureAdmin(email: string, password: string): Promise<void> {
    const normalised = normaliseEmail(email);
    const existing = await this.prisma.user.findUnique({ where: { email: normalised } });
    if (existing && existing.role === "ADMIN" && existing.active && (await verifyPassword(existing.passwordHash, password))) return;
    const passwordHash = await hashPassword(password);
    const data = { passwordHash, role: "ADMIN" as const, active: true, enterpriseId: null, societyId: null, expertId: null, platformId: null };
    // A new password invalidates the tokens issued under the old one.
    await this.prisma.user.upsert({ where: { email: normalised }, create: { email: normalised, ...data }, update: { ...data, tokenVersion: { increment: 1 } } });
    this.log.info({ email: normalised }, existing ? "admin user updated from HUB_ADMIN_*" : "admin user created from HUB_ADMIN_*");
  }

  private async organizationLink(input: CreateUserInput): Promise<Partial<OrgLink>> {
    const field = "input.organizationId";
    if (input.role === "ADMIN" || input.role === "ANALYST") {
      if (input.organizationId) throw badInput(field, `${input.role} users act for no organization`);
      return {};
    }
    if (!input.organizationId) throw badInput(field, `organizationId is required for ${input.role} users`);
    const decoded = decodeGlobalId(input.organizationId);
    if (!decoded) throw badInput(field, "organizationId is not a valid ID");
    const expected: Record<string, string[]> = { ENTERPRISE: ["Enterprise"], SOCIETY: ["Society"], EXPERT: ["Expert", "InnovationPlatform"] };
    if (!expected[input.role].includes(decoded.type)) throw badInput(field, `A ${input.role} user needs an ${expected[input.role].join(" or ")} ID`);
    const exists = await this.organizationExists(decoded.type, decoded.id);
    if (!exists) throw notFound(decoded.type);
    const column = { Enterprise: "enterpriseId", Society: "societyId", Expert: "expertId", InnovationPlatform: "platformId" }[decoded.type as string]!;
    return { [column]: decoded.id };
  }

  private async organizationExists(type: string, id: number): Promise<boolean> {
    switch (type) {
      case "Enterprise":
        return (await this.prisma.enterprise.count({ where: { id } })) > 0;
      case "Society":
        return (await this.prisma.society.count({ where: { id } })) > 0;
      case "Expert":
        return (await this.prisma.expert.count({ where: { id } })) > 0;
      default:
        return (await this.prisma.innovationPlatform.count({ where: { id } })) > 0;
    }
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function organizationGlobalId(user: OrgLink): string | null {
  if (user.enterpriseId) return toGlobalId("Enterprise", user.enterpriseId);
  if (user.societyId) return toGlobalId("Society", user.societyId);
  if (user.platformId) return toGlobalId("InnovationPlatform", user.platformId);
  if (user.expertId) return toGlobalId("Expert", user.expertId);
  return null;
}
