import { Arg, Args, ArgsType, Ctx, Field, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context";
import { badInput } from "../../infra/errors";
import { HubStats, Indicator } from "./stats.type";
import { ProgrammeStats } from "./programme-stats.type";

@ArgsType()
class ProgrammeStatsArgs {
  @Field(() => Date, { nullable: true, description: "window start, inclusive (default: since the beginning)" })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "window end, exclusive (default: now)" })
  to?: Date | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: "how many ranked societies (1–100)" })
  societies!: number;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: "how many ranked platforms (1–100)" })
  platforms!: number;
}

function limit(value: number | null | undefined, field: string): number {
  const n = value ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput(field, `${field} must be between 1 and 100`);
  return n;
}

// What the aggregating queries cost in the query limits (infra/http/query-limits.ts): each scans whole tables, so
// it is charged as the rows it touches, not as the handful of objects it returns (measured: docs/benchmarks.md, "Design decisions measured").
export const PROGRAMME_STATS_COST = 5_000;
export const HUB_STATS_COST = 500;

@Resolver()
export class StatsResolver {
  @Query(() => HubStats, { description: "Programme totals; counts only, so every caller may read them.", complexity: HUB_STATS_COST })
  stats(@Ctx() ctx: Context) {
    return ctx.services.stats.hubStats();
  }

  @Query(() => ProgrammeStats, {
    description:
      "Programme statistics for analysts (by chain, region, designation; funnel; response and docking times; societies and " +
      "platforms ranked; the plan's indicators per month), computed in SQL: ANALYST and ADMIN only (a window would date a " +
      "confidential need, the rankings place it). " +
      "Window: from inclusive, to exclusive (default now).",
    complexity: PROGRAMME_STATS_COST,
  })
  programmeStats(@Args() args: ProgrammeStatsArgs, @Ctx() ctx: Context): ProgrammeStats {
    const to = args.to ?? new Date();
    const from = args.from ?? null;
    if (from && from >= to) throw badInput("from", "from must be before to");
    return new ProgrammeStats(ctx.services.stats.programme, { from, to }, limit(args.societies, "societies"), limit(args.platforms, "platforms"));
  }

  @Mutation(() => Indicator, { description: "ADMIN: the plan's targets are data, not code; regionCode sets a county's own target" })
  setIndicatorTarget(
    @Arg("key") key: string,
    @Arg("target", () => Int) target: number,
    @Arg("targetDate", () => Date) targetDate: Date,
    @Arg("regionCode", () => String, { nullable: true }) regionCode: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Indicator> {
    return ctx.services.indicatorTargets.set(ctx, { key, target, targetDate, regionCode });
  }
}
