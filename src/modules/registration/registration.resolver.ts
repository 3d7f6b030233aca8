import { JSONObjectResolver } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { RegistrationStatus } from "../../schema/enums";
import { Node, typed } from "../node";
import { RegisterEnterpriseInput, RegisterExpertInput, RegisterSocietyInput } from "./registration.input";
import type { RegistrationRow } from "./registration.service";
import { Registration, RegistrationConnection } from "./registration.type";

@Resolver(() => Registration)
export class RegistrationResolver {
  @Query(() => RegistrationConnection, { description: "ADMIN" })
  async registrations(
    @Arg("status", () => [RegistrationStatus], { nullable: true }) status: RegistrationStatus[] | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return toConnection(await ctx.services.registrations.list(ctx, page, status));
  }

  @Mutation(() => Registration, { description: "Anonymous. Creates a PENDING registration; ADMIN reviews it. Nothing is matched or visible before approval." })
  registerEnterprise(@Arg("input", () => RegisterEnterpriseInput) input: RegisterEnterpriseInput, @Ctx() ctx: Context) {
    return ctx.services.registrations.registerEnterprise(ctx, input);
  }

  @Mutation(() => Registration)
  registerSociety(@Arg("input", () => RegisterSocietyInput) input: RegisterSocietyInput, @Ctx() ctx: Context) {
    return ctx.services.registrations.registerSociety(ctx, input);
  }

  @Mutation(() => Registration)
  registerExpert(@Arg("input", () => RegisterExpertInput) input: RegisterExpertInput, @Ctx() ctx: Context) {
    return ctx.services.registrations.registerExpert(ctx, input);
  }

  @Mutation(() => Registration, { description: "ADMIN. Approving creates the organisation or expert and activates the user; the applicant is notified." })
  reviewRegistration(
    @Arg("id", () => ID) id: string,
    @Arg("approve") approve: boolean,
    @Ctx() ctx: Context,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
  ) {
    return ctx.services.registrations.review(ctx, idOf("Registration", id, "id"), approve, reason);
  }

  @FieldResolver(() => ID)
  id(@Root() registration: RegistrationRow) {
    return toGlobalId("Registration", registration.id);
  }

  @FieldResolver(() => JSONObjectResolver, {
    description: "What the applicant submitted (the Register*Input without email and password; an expert's societyIds as global IDs), for the review",
  })
  submitted(@Root() r: RegistrationRow): Record<string, unknown> {
    const data = { ...(r.data as Record<string, unknown>) };
    // Stored as database ids (the service checks them); the API speaks global IDs.
    if (Array.isArray(data.societyIds)) data.societyIds = data.societyIds.map((id) => toGlobalId("Society", id as number));
    return data;
  }

  @FieldResolver(() => Node, { nullable: true, description: "the organisation or expert it created, once APPROVED" })
  async organization(@Root() r: RegistrationRow, @Ctx() ctx: Context) {
    if (r.enterpriseId) return typed("Enterprise", (await ctx.loaders.enterprise.load(r.enterpriseId))!);
    if (r.societyId) return typed("Society", (await ctx.loaders.society.load(r.societyId))!);
    if (r.expertId) return typed("Expert", (await ctx.loaders.expert.load(r.expertId))!);
    return null;
  }
}
