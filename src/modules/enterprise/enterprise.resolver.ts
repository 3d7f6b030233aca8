import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { needRead, TechNeedConnection } from "../need";
import type { Context } from "../../context/context";
import type { EnterpriseRow } from "../../infra/db/rows";
import { toGlobalId } from "../../infra/relay/global-id";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { IndustryChain, Region } from "../reference";
import { idOf } from "../../infra/relay/global-id";
import { Contact } from "../contact";
import type { ContactJson } from "../contact";
import { CreateEnterpriseInput, EnterpriseFilter, UpdateEnterpriseInput } from "./enterprise.input";
import { Enterprise, EnterpriseConnection } from "./enterprise.type";

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => EnterpriseConnection)
  async enterprises(@Args() page: ConnectionArgs, @Arg("filter", () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null, @Ctx() ctx: Context) {
    return toConnection(await ctx.services.enterprises.list(ctx, page, filter));
  }

  @Mutation(() => Enterprise, { description: "ADMIN only." })
  createEnterprise(@Arg("input", () => CreateEnterpriseInput) input: CreateEnterpriseInput, @Ctx() ctx: Context) {
    return ctx.services.enterprises.create(ctx, input);
  }

  @Mutation(() => Enterprise, { description: "ADMIN, or the enterprise's own users. Only the fields given change; an audit row keeps before and after." })
  updateEnterprise(@Arg("id", () => ID) id: string, @Arg("input", () => UpdateEnterpriseInput) input: UpdateEnterpriseInput, @Ctx() ctx: Context) {
    return ctx.services.enterprises.update(ctx, idOf("Enterprise", id, "id"), input);
  }

  @FieldResolver(() => Contact, { nullable: true, description: "Private (the access policy): the enterprise's own users and ADMIN; null for others." })
  contact(@Root() enterprise: EnterpriseRow): ContactJson | null {
    return (enterprise.contact as ContactJson | null) ?? null;
  }

  @FieldResolver(() => ID)
  id(@Root() enterprise: EnterpriseRow) {
    return toGlobalId("Enterprise", enterprise.id);
  }

  @FieldResolver(() => Region)
  region(@Root() enterprise: EnterpriseRow, @Ctx() ctx: Context) {
    return ctx.loaders.region.find(enterprise.regionCode);
  }

  @FieldResolver(() => [IndustryChain])
  async industryChains(@Root() enterprise: EnterpriseRow, @Ctx() ctx: Context) {
    const codes = await ctx.loaders.chainsOfEnterprise.load(enterprise.id);
    return ctx.loaders.chain.loadMany(codes);
  }

  @FieldResolver(() => TechNeedConnection, { description: "The needs of this enterprise that the caller may see." })
  async needs(@Root() enterprise: EnterpriseRow, @Args() page: ConnectionArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return toConnection(await ctx.services.needs.list(ctx, page, { enterpriseIds: [enterprise.id] }, needRead(info)));
  }
}
