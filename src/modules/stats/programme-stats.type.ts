import { Arg, Field, Int, ObjectType } from "type-graphql";
import { DecimalScalar } from "../../schema/decimal";
import type { DealStatsQueries } from "./deal-stats";
import type { ProgrammeStatsService, Window } from "./programme-stats.service";
import {
  AnsweredShare,
  DealGroupStat,
  DimensionStat,
  DurationStat,
  FunnelStage,
  Indicator,
  PlatformStat,
  ResponseTimeStat,
  SocietyStat,
  StatsWindow,
} from "./stats.type";

// The two statistics objects that hold their queries (moved out of stats.type.ts, which the queries' files import
// for their result types: together they were an import circle).

@ObjectType({
  simpleResolvers: true,
  description:
    "Deals (Deal records) in the window, by the day the contract was signed, else the day the deal was recorded; " +
    "values summed exactly (NUMERIC).",
})
export class DealStats {
  constructor(
    private readonly queries: DealStatsQueries,
    private readonly win: Window,
  ) {}

  private totalsOnce?: Promise<Omit<DealGroupStat, "key" | "name">>;
  private totals() {
    return (this.totalsOnce ??= this.queries.totals(this.win));
  }

  @Field(() => Int)
  async count(): Promise<number> {
    return (await this.totals()).deals;
  }

  @Field(() => DecimalScalar, { description: "contract value (成交额), yuan" })
  async value(): Promise<unknown> {
    return (await this.totals()).value;
  }

  @Field(() => DecimalScalar, { description: "揭榜挂帅 awards paid, yuan: an award counts once its acceptance (验收) passed" })
  async awardValue(): Promise<unknown> {
    return (await this.totals()).awardValue;
  }

  @Field(() => [DealGroupStat])
  byIndustryChain(): Promise<DealGroupStat[]> {
    return this.queries.byIndustryChain(this.win);
  }

  @Field(() => [DealGroupStat], { description: "by the enterprise's county" })
  byRegion(): Promise<DealGroupStat[]> {
    return this.queries.byRegion(this.win);
  }

  @Field(() => [DealGroupStat], { description: "an enterprise with several designations counts under each" })
  byDesignation(): Promise<DealGroupStat[]> {
    return this.queries.byDesignation(this.win);
  }

  @Field(() => [DealGroupStat], { description: "societies whose response (or own match) the deal came from, by value" })
  bySociety(): Promise<DealGroupStat[]> {
    return this.queries.bySociety(this.win);
  }

  @Field(() => [DealGroupStat], { description: "every month of the window in HUB_TIME_ZONE (the 12 up to its end without a start)" })
  byMonth(): Promise<DealGroupStat[]> {
    return this.queries.byMonth(this.win);
  }

  @Field(() => DurationStat, { description: "posting (openedAt, else createdAt) → the need's first deal recorded, needs whose first deal is in the window" })
  timeToDeal(): Promise<DurationStat> {
    return this.queries.timeToDeal(this.win);
  }
}

@ObjectType({ simpleResolvers: true, description: "Programme statistics for analysts, computed in SQL. Counts include confidential needs but never their content." })
export class ProgrammeStats {
  // Each field is a method, so a query pays only for the statistics it selects.
  constructor(
    private readonly service: ProgrammeStatsService,
    private readonly win: Window,
    private readonly societiesLimit: number,
    private readonly platformsLimit: number,
  ) {}

  @Field(() => StatsWindow)
  window(): StatsWindow {
    return this.win;
  }

  @Field(() => [DimensionStat])
  byIndustryChain(): Promise<DimensionStat[]> {
    return this.service.byIndustryChain(this.win);
  }

  @Field(() => [DimensionStat])
  byRegion(): Promise<DimensionStat[]> {
    return this.service.byRegion(this.win);
  }

  @Field(() => [DimensionStat], { description: "an enterprise with several designations counts under each" })
  byDesignation(): Promise<DimensionStat[]> {
    return this.service.byDesignation(this.win);
  }

  @Field(() => [FunnelStage], { description: "need → match → response → docking → deal; each stage counts the needs that reached at least it" })
  funnel(): Promise<FunnelStage[]> {
    return this.service.funnel(this.win);
  }

  @Field(() => DurationStat, { description: "openedAt → firstResponseAt, needs opened in the window" })
  responseTime(): Promise<DurationStat> {
    return this.service.responseTime(this.win);
  }

  @Field(() => [ResponseTimeStat], { description: "openedAt → the society's first response to the need, needs opened in the window; quickest first" })
  responseTimeBySociety(): Promise<ResponseTimeStat[]> {
    return this.service.responseTimes.bySociety(this.win);
  }

  @Field(() => [ResponseTimeStat], { description: "openedAt → firstResponseAt per chain, needs opened in the window" })
  responseTimeByIndustryChain(): Promise<ResponseTimeStat[]> {
    return this.service.responseTimes.byIndustryChain(this.win);
  }

  @Field(() => AnsweredShare, { description: "needs opened in the window answered within 48 hours" })
  answeredWithin48Hours(): Promise<AnsweredShare> {
    return this.service.responseTimes.answeredWithin(this.win, 48);
  }

  @Field(() => DurationStat, { description: "openedAt → dockedAt, needs opened in the window" })
  dockingTime(): Promise<DurationStat> {
    return this.service.dockingTime(this.win);
  }

  @Field(() => [SocietyStat], { description: "societies ranked by accepted responses, responses, service records (`societies` argument: how many)" })
  societies(): Promise<SocietyStat[]> {
    return this.service.societies(this.win, this.societiesLimit);
  }

  @Field(() => [PlatformStat], { description: "platforms by matches (`platforms` argument: how many)" })
  platforms(): Promise<PlatformStat[]> {
    return this.service.platforms(this.win, this.platformsLimit);
  }

  @Field(() => DealStats, { description: "deals (Deal records) and their value, by chain, county, designation, society and month" })
  deals(): DealStats {
    return new DealStats(this.service.deals, this.win);
  }

  @Field(() => [Indicator], { description: "the plan's targets with current value and monthly trend; regionCode: one county's, against its own target when it has one" })
  indicators(@Arg("regionCode", () => String, { nullable: true }) regionCode?: string | null): Promise<Indicator[]> {
    return this.service.indicators.indicators(this.win, regionCode ?? null);
  }
}
