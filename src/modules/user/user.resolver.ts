import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import type { UserRow } from "../../infra/db/rows";
import { forbidden } from "../../infra/errors";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { mayReadUser } from "../access/policy";
import { Expert } from "../expert/expert.type";
import { typed } from "../node/node.type";
import { CreateUserInput } from "./user.input";
import { AuthPayload, DisplayToken, Organization, User } from "./user.type";

const SIGNED_IN_AS = Symbol("signed in as this user by the login mutation");

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: "The signed-in user; null for anonymous callers." })
  me(@Ctx() ctx: Context) {
    return ctx.viewer.kind === "user" ? ctx.loaders.user.load(ctx.viewer.userId) : null;
  }

  @Mutation(() => AuthPayload)
  async login(@Arg("email") email: string, @Arg("password") password: string, @Ctx() ctx: Context) {
    const { token, user } = await ctx.services.auth.login(ctx, email, password);
    // The request is still anonymous, but whoever just proved the password may read their own user.
    return { token, user: { ...user, [SIGNED_IN_AS]: true } };
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

  @FieldResolver(() => ID)
  id(@Root() user: UserRow) {
    return toGlobalId("User", user.id);
  }

  @FieldResolver(() => String, { description: "Private: visible to the user and to ADMIN and ANALYST; others get FORBIDDEN." })
  email(@Root() user: UserRow, @Ctx() ctx: Context) {
    const justSignedIn = (user as UserRow & { [SIGNED_IN_AS]?: boolean })[SIGNED_IN_AS] === true;
    if (!justSignedIn && !mayReadUser(ctx.viewer, user)) throw forbidden("A user's email is private");
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
