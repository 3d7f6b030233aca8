import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import type { SocietyRow } from "../../infra/db/rows";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { Contact } from "../contact";
import type { ContactJson } from "../contact";
import { ExpertConnection } from "../expert";
import { ResponseConnection } from "../response";
import { CreateSocietyInput, SocietyFilter, UpdateSocietyInput } from "./society.input";
import { Society, SocietyConnection } from "./society.type";

@Resolver(() => Society)
export class SocietyResolver {
  @Query(() => SocietyConnection)
  async societies(@Args() page: ConnectionArgs, @Arg("filter", () => SocietyFilter, { nullable: true }) filter: SocietyFilter | null, @Ctx() ctx: Context) {
    return toConnection(await ctx.services.societies.list(ctx, page, filter));
  }

  @Mutation(() => Society, { description: "ADMIN only. The new society is matched against open needs." })
  createSociety(@Arg("input", () => CreateSocietyInput) input: CreateSocietyInput, @Ctx() ctx: Context) {
    return ctx.services.societies.create(ctx, input);
  }

  @Mutation(() => Society, { description: "ADMIN, or the society's own users; a changed name or disciplines match it afresh." })
  updateSociety(@Arg("id", () => ID) id: string, @Arg("input", () => UpdateSocietyInput) input: UpdateSocietyInput, @Ctx() ctx: Context) {
    return ctx.services.societies.update(ctx, idOf("Society", id, "id"), input);
  }

  @FieldResolver(() => Contact, { nullable: true, description: "Private: the society's own users and ADMIN; null for others." })
  contact(@Root() society: SocietyRow): ContactJson | null {
    return (society.contact as ContactJson | null) ?? null;
  }

  @FieldResolver(() => ID)
  id(@Root() society: SocietyRow) {
    return toGlobalId("Society", society.id);
  }

  @FieldResolver(() => ResponseConnection, { description: "The society's own responses, newest first: all for its users, ADMIN and ANALYST; others see those readableResponses lets them." })
  async responses(@Root() society: SocietyRow, @Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    return toConnection(await ctx.services.responses.ofSociety(ctx, society.id, page));
  }

  @FieldResolver(() => ExpertConnection)
  async experts(@Root() society: SocietyRow, @Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    return toConnection(await ctx.services.experts.list(ctx, page, { societyIds: [society.id] }));
  }
}
