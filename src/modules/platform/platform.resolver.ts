import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import type { PlatformRow } from "../../infra/db/rows";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { IndustryChain, Region } from "../reference";
import { Contact } from "../contact";
import type { ContactJson } from "../contact";
import { CreatePlatformInput, PlatformFilter, UpdatePlatformInput } from "./platform.input";
import { InnovationPlatform, InnovationPlatformConnection } from "./platform.type";

@Resolver(() => InnovationPlatform)
export class PlatformResolver {
  @Query(() => InnovationPlatformConnection)
  async platforms(@Args() page: ConnectionArgs, @Arg("filter", () => PlatformFilter, { nullable: true }) filter: PlatformFilter | null, @Ctx() ctx: Context) {
    return toConnection(await ctx.services.platforms.list(ctx, page, filter));
  }

  @Mutation(() => InnovationPlatform, { description: "ADMIN only; matched against open needs." })
  createPlatform(@Arg("input", () => CreatePlatformInput) input: CreatePlatformInput, @Ctx() ctx: Context) {
    return ctx.services.platforms.create(ctx, input);
  }

  @Mutation(() => InnovationPlatform, { description: "ADMIN only. Inactive platforms leave the directory and every suggestion." })
  setPlatformActive(@Arg("id", () => ID) id: string, @Arg("active") active: boolean, @Ctx() ctx: Context) {
    return ctx.services.platforms.setActive(ctx, idOf("InnovationPlatform", id, "id"), active);
  }

  @Mutation(() => InnovationPlatform, { description: "ADMIN, or the platform's own staff; a changed text, chain or region re-indexes and matches it afresh." })
  updatePlatform(@Arg("id", () => ID) id: string, @Arg("input", () => UpdatePlatformInput) input: UpdatePlatformInput, @Ctx() ctx: Context) {
    return ctx.services.platforms.update(ctx, idOf("InnovationPlatform", id, "id"), input);
  }

  @FieldResolver(() => Contact, { nullable: true, description: "Private: the platform's own staff and ADMIN; null for others." })
  contact(@Root() platform: PlatformRow): ContactJson | null {
    return (platform.contact as ContactJson | null) ?? null;
  }

  @FieldResolver(() => ID)
  id(@Root() platform: PlatformRow) {
    return toGlobalId("InnovationPlatform", platform.id);
  }

  @FieldResolver(() => [IndustryChain])
  async industryChains(@Root() platform: PlatformRow, @Ctx() ctx: Context) {
    return ctx.loaders.chain.loadMany(await ctx.loaders.chainsOfPlatform.load(platform.id));
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() platform: PlatformRow, @Ctx() ctx: Context) {
    return platform.regionCode ? ctx.loaders.region.find(platform.regionCode) : null;
  }
}
