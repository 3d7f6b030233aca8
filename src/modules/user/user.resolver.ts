import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import type { Context } from "../../context/context";
import type { UserRow } from "../../infra/db/rows";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { Expert } from "../expert";
import { typed } from "../node";
import { CreateUserInput, UserFilter } from "./user.input";
import { AuthPayload, DisplayToken, Organization, User, UserConnection } from "./user.type";

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: "The signed-in user; null for anonymous callers." })
  me(@Ctx() ctx: Context) {
    return ctx.viewer.kind === "user" ? ctx.loaders.user.load(ctx.viewer.userId) : null;
  }

  @Mutation(() => AuthPayload)
  async login(@Arg("email") email: string, @Arg("password") password: string, @Ctx() ctx: Context) {
    // The request is still anonymous, but whoever just proved the password may read their own user (asSignedIn).
    return ctx.services.auth.login(ctx, email, password);
  }

  @Mutation(() => DisplayToken, { description: "ADMIN only. A read-only token for the dashboard's 大屏 (kiosk) mode: it reads stats and programmeStats, nothing else; revoked when the issuing admin's password changes." })
  issueDisplayToken(@Arg("days", () => Int, { defaultValue: 30, description: "valid for 1–365 days" }) days: number, @Ctx() ctx: Context) {
    return ctx.services.auth.issueDisplayToken(ctx, days);
  }

  @Mutation(() => User, { description: "ADMIN only." })
  createUser(@Arg("input", () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context) {
    return ctx.services.auth.createUser(ctx, input);
  }

  @Mutation(() => AuthPayload, { description: "The signed-in user's own password; older tokens stop working, the answer carries a new one." })
  changePassword(@Arg("currentPassword") currentPassword: string, @Arg("newPassword") newPassword: string, @Ctx() ctx: Context) {
    return ctx.services.auth.changePassword(ctx, currentPassword, newPassword);
  }

  @Mutation(() => User, { description: "ADMIN only. The user can no longer sign in; their tokens stop working at once." })
  deactivateUser(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.auth.deactivateUser(ctx, idOf("User", id, "id"));
  }

  @Query(() => UserConnection, { description: "ADMIN" })
  async users(@Arg("filter", () => UserFilter, { nullable: true }) filter: UserFilter | null, @Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    return toConnection(await ctx.services.accounts.list(ctx, page, { roles: filter?.role, active: filter?.active, email: filter?.email }));
  }

  @Mutation(() => User, { description: "ADMIN. A deactivated user may sign in again (their old tokens stay revoked)." })
  reactivateUser(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.accounts.reactivateUser(ctx, idOf("User", id, "id"));
  }

  @Mutation(() => Boolean, {
    description:
      "Anonymous; always true (does not say whether the email exists). Mails a one-time link valid for 1 hour, HUB_PUBLIC_URL + /reset-password?token=<token> (a page that asks for the new password and calls resetPassword). Limited per e-mail and per client address: RATE_LIMITED with extensions.retryAfter, alike for e-mails with and without an account.",
  })
  requestPasswordReset(@Arg("email") email: string, @Ctx() ctx: Context) {
    return ctx.services.accounts.requestPasswordReset(ctx, email);
  }

  @Mutation(() => Boolean, { description: "Anonymous, with the token of a reset link: sets the new password; every older token stops working." })
  resetPassword(@Arg("token") token: string, @Arg("newPassword") newPassword: string, @Ctx() ctx: Context) {
    return ctx.services.accounts.resetPassword(ctx, token, newPassword);
  }

  @FieldResolver(() => ID)
  id(@Root() user: UserRow) {
    return toGlobalId("User", user.id);
  }

  @FieldResolver(() => String, { description: "Private: visible to the user and to ADMIN and ANALYST; others get FORBIDDEN." })
  email(@Root() user: UserRow) {
    return user.email;
  }

  @FieldResolver(() => Organization, { nullable: true, description: "the enterprise, society or platform the user acts for; null for ADMIN and ANALYST" })
  async organization(@Root() user: UserRow, @Ctx() ctx: Context) {
    if (user.enterpriseId) return typed("Enterprise", (await ctx.loaders.enterprise.load(user.enterpriseId))!);
    if (user.societyId) return typed("Society", (await ctx.loaders.society.load(user.societyId))!);
    if (user.platformId) return typed("InnovationPlatform", (await ctx.loaders.platform.load(user.platformId))!);
    if (user.expertId) {
      // An expert acts for the first society they belong to.
      const [society] = await ctx.loaders.societiesOfExpert.load(user.expertId);
      return society ? typed("Society", society) : null;
    }
    return null;
  }

  @FieldResolver(() => Expert, { nullable: true, description: "The expert profile an EXPERT user acts as." })
  expert(@Root() user: UserRow, @Ctx() ctx: Context) {
    return user.expertId ? ctx.loaders.expert.load(user.expertId) : null;
  }
}
