import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import type { ExpertRow } from "../../infra/db/rows";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { unavailability } from "../engagement";
import { IndustryChain } from "../reference";
import { Contact } from "../contact";
import type { ContactJson } from "../contact";
import { Society } from "../society";
import { CreateExpertInput, ExpertFilter, UpdateExpertInput } from "./expert.input";
import { Expert, ExpertConnection } from "./expert.type";

@Resolver(() => Expert)
export class ExpertResolver {
  @Query(() => ExpertConnection)
  async experts(@Args() page: ConnectionArgs, @Arg("filter", () => ExpertFilter, { nullable: true }) filter: ExpertFilter | null, @Ctx() ctx: Context) {
    const societyId = filter?.societyId ? (idOf("Society", filter.societyId, "filter.societyId") ?? -1) : undefined;
    const query = { societyIds: societyId === undefined ? undefined : [societyId], chainCode: filter?.industryChainCode, text: filter?.text };
    return toConnection(await ctx.services.experts.list(ctx, page, query));
  }

  @Mutation(() => Expert, { description: "ADMIN, or SOCIETY for its own society; matched against open needs." })
  createExpert(@Arg("input", () => CreateExpertInput) input: CreateExpertInput, @Ctx() ctx: Context) {
    return ctx.services.experts.create(ctx, input);
  }

  @Mutation(() => Expert, { description: "ADMIN, the expert's society, or the expert; the expert is matched afresh against the open needs." })
  updateExpert(@Arg("id", () => ID) id: string, @Arg("input", () => UpdateExpertInput) input: UpdateExpertInput, @Ctx() ctx: Context) {
    return ctx.services.experts.update(ctx, idOf("Expert", id, "id"), input);
  }

  @Mutation(() => Expert, { description: "ADMIN, the expert's society, or the expert. Inactive experts leave the directory and every suggestion." })
  setExpertActive(@Arg("id", () => ID) id: string, @Arg("active") active: boolean, @Ctx() ctx: Context) {
    return ctx.services.experts.setActive(ctx, idOf("Expert", id, "id"), active);
  }

  @FieldResolver()
  active(@Root() expert: ExpertRow): boolean {
    return expert.active;
  }

  @FieldResolver(() => Int, { description: "accepted invitations and accepted responses on open needs (and accepted or docked matches)" })
  openEngagements(@Root() expert: ExpertRow, @Ctx() ctx: Context) {
    return ctx.loaders.openEngagementsOfExpert.load(expert.id);
  }

  @FieldResolver(() => Boolean, { description: "Within availableFrom..availableTo and below capacity: offered new matches and may be invited." })
  async available(@Root() expert: ExpertRow, @Ctx() ctx: Context) {
    return unavailability(expert, await ctx.loaders.openEngagementsOfExpert.load(expert.id), new Date()) === null;
  }

  @FieldResolver(() => ID)
  id(@Root() expert: ExpertRow) {
    return toGlobalId("Expert", expert.id);
  }

  @FieldResolver(() => String, { description: "free Chinese text" })
  async expertise(@Root() expert: ExpertRow, @Ctx() ctx: Context): Promise<string> {
    // Rows from the `expert` loader come without it (loaders.ts); lists and mutations return whole rows.
    return expert.expertise ?? (await ctx.loaders.expertiseOf.load(expert.id))?.expertise ?? "";
  }

  @FieldResolver(() => [IndustryChain])
  async industryChains(@Root() expert: ExpertRow, @Ctx() ctx: Context) {
    return ctx.loaders.chain.loadMany(await ctx.loaders.chainsOfExpert.load(expert.id));
  }

  @FieldResolver(() => [Society])
  societies(@Root() expert: ExpertRow, @Ctx() ctx: Context) {
    return ctx.loaders.societiesOfExpert.load(expert.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "Private: the expert, their societies, ADMIN and ANALYST; null for others." })
  email(@Root() expert: ExpertRow) {
    return expert.email;
  }

  @FieldResolver(() => String, { nullable: true, description: "Private, like email." })
  phone(@Root() expert: ExpertRow) {
    return expert.phone;
  }

  @FieldResolver(() => Contact, { nullable: true, description: "Private (the access policy): the expert, their societies' users and ADMIN; null for others." })
  contact(@Root() expert: ExpertRow): ContactJson | null {
    if (expert.contact) return expert.contact as unknown as ContactJson;
    // Experts created before contacts were kept: their own email and phone, under their name.
    return expert.email || expert.phone ? { person: expert.name, phone: expert.phone, email: expert.email } : null;
  }
}
