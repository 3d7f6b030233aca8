import { containsText } from "../../infra/db/text-filter";
import { createHash, randomBytes } from "node:crypto";
import type { Context } from "../../context/context";
import { createPasswordResetLimiter, type LoginLimiter } from "../../infra/auth/login-limiter";
import { hashPassword, verifyPassword } from "../../infra/auth/password";
import { createLogger } from "../../infra/logger";
import type { Prisma } from "../../infra/db/database";
import type { PrismaTypes, UserRow } from "../../infra/db/rows";
import { badInput, notFound } from "../../infra/errors";
import { keysetPage, pageRequest, type Page, type PageArgs } from "../../infra/relay/pagination";
import type { Role } from "../../generated/prisma/enums";
import { recordAudit } from "../audit";
import type { AccountMail } from "../registration";
import { normaliseEmail } from "./auth.service";
import { passwordProblem } from "./password-policy";
import { unitOfWork } from "../../infra/db/unit-of-work";

/** How long a reset link works. */
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export interface UserQuery {
  roles?: Role[] | null;
  active?: boolean | null;
  email?: string | null;
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Account care: password reset by mail, the user directory and reactivation (ADMIN). */
export class AccountService {
  constructor(
    private readonly prisma: Prisma,
    private readonly mail: AccountMail,
    /** HUB_PUBLIC_URL, or where the hub listens: the reset link starts with it. */
    private readonly publicUrl: () => string,
    /** Requests per e-mail and per client address (the sign-ins' limiter, counted apart). */
    private readonly limiter: LoginLimiter = createPasswordResetLimiter({ redisUrl: null, scope: "local", log: createLogger("silent") }),
    /** Now, in ms: a link's hour is counted on it (tests move it instead of waiting). */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Anonymous; always true, so that it tells nobody whether an email has an account. An active account gets a
   * one-time link valid for an hour; only the token's SHA-256 is stored. Requests are limited per e-mail and per
   * client address (RATE_LIMITED), counted before the account is looked up: the limit falls alike on an e-mail with
   * an account and on one without.
   */
  async requestPasswordReset(ctx: Context, rawEmail: string): Promise<boolean> {
    const email = normaliseEmail(rawEmail);
    await this.limiter.attempt(email.slice(0, 200), ctx.clientAddress ?? "unknown");
    if (!email || email.length > 200) return true;
    const user = await this.prisma.user.findUnique({ where: { email } });
    if (!user || !user.active) {
      ctx.log.info({ event: "passwordReset.unknown" }, "password reset for no active account");
      return true;
    }
    const token = randomBytes(32).toString("base64url");
    const link = `${this.publicUrl()}/reset-password?token=${token}`;
    await unitOfWork(this.prisma, null, async (tx) => {
      await tx.passwordReset.create({ data: { userId: user.id, tokenHash: tokenHash(token), expiresAt: new Date(this.now() + RESET_TOKEN_TTL_MS) } });
      await recordAudit(tx, ctx, "user.requestPasswordReset", { type: "User", id: user.id });
      await this.mail.passwordReset(tx, user.email, link);
    });
    return true;
  }

  /**
   * Sets a new password with a reset token: once, within the hour, under the password policy. Every token issued
   * before stops working (tokenVersion), and so do the user's other reset links.
   */
  async resetPassword(ctx: Context, token: string, newPassword: string): Promise<boolean> {
    const reset = token && token.length <= 100 ? await this.prisma.passwordReset.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: true } }) : null;
    if (!reset || reset.usedAt || reset.expiresAt.getTime() <= this.now() || !reset.user.active) {
      throw badInput("token", "The reset link is invalid, used or expired: ask for a new one");
    }
    const user = reset.user;
    const problem = newPassword.length > 200 ? "newPassword must be at most 200 characters" : passwordProblem(newPassword, user.email);
    if (problem) throw badInput("newPassword", problem);
    if (await verifyPassword(user.passwordHash, newPassword)) throw badInput("newPassword", "newPassword must differ from the current one");
    const passwordHash = await hashPassword(newPassword);
    await unitOfWork(this.prisma, null, async (tx) => {
      const used = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
      if (!used.count) throw badInput("token", "The reset link was used already");
      await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
      const changed = await tx.user.update({ where: { id: user.id }, data: { passwordHash, tokenVersion: { increment: 1 } } });
      await recordAudit(tx, ctx, "user.resetPassword", { type: "User", id: user.id }, { tokenVersion: changed.tokenVersion });
    });
    return true;
  }

  /** ADMIN only; newest first. */
  list(_ctx: Context, args: PageArgs, query: UserQuery): Promise<Page<UserRow>> {
    const where: PrismaTypes.UserWhereInput = {
      ...(query.roles?.length ? { role: { in: query.roles } } : {}),
      ...(query.active != null ? { active: query.active } : {}),
      ...(query.email?.trim() ? { email: containsText(query.email.trim(), "insensitive") } : {}),
    };
    return keysetPage(
      pageRequest(args),
      "desc",
      ({ take, idAfter, orderBy }) => this.prisma.user.findMany({ where: { ...where, id: idAfter }, take, orderBy }),
      () => this.prisma.user.count({ where }),
    );
  }

  /** ADMIN only: a deactivated user may sign in again (with their password; old tokens stay revoked). */
  async reactivateUser(ctx: Context, userId: number | null): Promise<UserRow> {
    const user = userId === null ? null : await this.prisma.user.findUnique({ where: { id: userId }, include: { registration: { select: { status: true } } } });
    if (!user) throw notFound("User");
    if (user.registration && user.registration.status !== "APPROVED") {
      throw badInput("id", `The user's registration is ${user.registration.status}: review it (reviewRegistration) instead`);
    }
    if (user.active) throw badInput("id", "The user is active already");
    return unitOfWork(this.prisma, null, async (tx) => {
      const updated = await tx.user.update({ where: { id: user.id }, data: { active: true } });
      await recordAudit(tx, ctx, "user.reactivate", { type: "User", id: user.id }, { before: { active: false }, after: { active: true } });
      return updated;
    });
  }
}
