import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context";
import { IndustryChain, Region } from "./reference.type";

@Resolver()
export class ReferenceResolver {
  @Query(() => [Region])
  regions(@Ctx() ctx: Context) {
    return ctx.services.reference.regions();
  }

  @Query(() => [IndustryChain])
  industryChains(@Ctx() ctx: Context) {
    return ctx.services.reference.industryChains();
  }
}
