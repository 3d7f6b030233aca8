import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context";
import { HubStats } from "./stats.type";

@Resolver()
export class StatsResolver {
  @Query(() => HubStats, { description: "Programme totals; counts only, so every caller may read them." })
  stats(@Ctx() ctx: Context) {
    return ctx.services.stats.hubStats();
  }
}
