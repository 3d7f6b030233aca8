import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { IndustryChain } from "../reference";
import { DecimalScalar } from "../../schema/decimal";

@ObjectType({ simpleResolvers: true })
export class ChainStat {
  @Field(() => IndustryChain)
  industryChain!: IndustryChain;

  @Field(() => Int)
  needs!: number;

  @Field(() => Int)
  openNeeds!: number;

  @Field(() => Int)
  resolvedNeeds!: number;

  @Field(() => Int)
  matches!: number;
}

@ObjectType({ simpleResolvers: true, description: "Programme totals. Counts include confidential needs but never their content." })
export class HubStats {
  @Field(() => Int)
  enterprises!: number;

  @Field(() => Int)
  societies!: number;

  @Field(() => Int)
  experts!: number;

  @Field(() => Int)
  platforms!: number;

  @Field(() => Int)
  needs!: number;

  @Field(() => Int)
  openNeeds!: number;

  @Field(() => Int)
  resolvedNeeds!: number;

  @Field(() => Int)
  matches!: number;

  @Field(() => Int)
  acceptedMatches!: number;

  @Field(() => Int, { description: "enterprises and platforms registered on the 科创中国 platform" })
  onKczgPlatform!: number;

  @Field(() => [ChainStat])
  byIndustryChain!: ChainStat[];
}

// ---------- programme statistics (issue 7, item 1) ----------

@ObjectType({ simpleResolvers: true, description: "The time window a ProgrammeStats was computed for (from inclusive, to exclusive)." })
export class StatsWindow {
  @Field(() => Date, { nullable: true })
  from!: Date | null;

  @Field(() => Date)
  to!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "Counts for one value of a dimension (industry chain, region, enterprise designation). Needs are those posted in the window; " +
    "matches, responses and deals are those of these needs. Confidential needs are counted, never shown.",
})
export class DimensionStat {
  @Field({ description: "the dimension value: chain code, region code or designation" })
  key!: string;

  @Field({ description: "its Chinese name" })
  name!: string;

  @Field(() => Int, { description: "enterprises in this chain / region / with this designation (all time)" })
  enterprises!: number;

  @Field(() => Int)
  needs!: number;

  @Field(() => Int)
  openNeeds!: number;

  @Field(() => Int)
  resolvedNeeds!: number;

  @Field(() => Int)
  matches!: number;

  @Field(() => Int, { description: "matches in ACCEPTED, DOCKED or CLOSED" })
  acceptedMatches!: number;

  @Field(() => Int)
  responses!: number;

  @Field(() => Int)
  acceptedResponses!: number;

  @Field(() => Int, { description: "needs with a deal recorded (the funnel's 成交 stage: Deal records only)" })
  deals!: number;
}

@ObjectType({ simpleResolvers: true, description: "One stage of the funnel need → match → response → docking → deal." })
export class FunnelStage {
  @Field({ description: "POSTED, MATCHED, RESPONDED, DOCKING, DEAL" })
  stage!: string;

  @Field({ description: "Chinese label" })
  label!: string;

  @Field(() => Int, { description: "needs posted in the window that reached at least this stage" })
  needs!: number;

  @Field(() => Float, { nullable: true, description: "needs / needs of the previous stage (null for the first stage or when it is 0)" })
  conversionFromPrevious!: number | null;

  @Field(() => Float, { nullable: true, description: "needs / needs posted (null when none were posted)" })
  conversionFromStart!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "A duration over needs, in hours: median and 90th percentile (percentile_cont)." })
export class DurationStat {
  @Field(() => Int, { description: "needs measured" })
  count!: number;

  @Field(() => Float, { nullable: true })
  medianHours!: number | null;

  @Field(() => Float, { nullable: true })
  p90Hours!: number | null;

  @Field(() => Float, { nullable: true })
  averageHours!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "Time to the first response for one society or chain, in hours (percentile_cont)." })
export class ResponseTimeStat {
  @Field({ description: "the chain's code or the society's id" })
  key!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: "needs measured (a society: needs it responded to)" })
  count!: number;

  @Field(() => Float, { nullable: true })
  medianHours!: number | null;

  @Field(() => Float, { nullable: true })
  p90Hours!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "The share of needs opened in the window answered within some hours of opening." })
export class AnsweredShare {
  @Field(() => Int)
  hours!: number;

  @Field(() => Int, { description: "needs opened in the window, less those still within their first hours and unanswered at its end" })
  needs!: number;

  @Field(() => Int)
  answered!: number;

  @Field(() => Float, { nullable: true, description: "answered / needs (null when there are none)" })
  share!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "A society's activity in the window, with its rank." })
export class SocietyStat {
  @Field(() => Int, { description: "1 = most accepted responses, then responses, then service records" })
  rank!: number;

  @Field(() => ID)
  societyId!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  responses!: number;

  @Field(() => Int)
  acceptedResponses!: number;

  @Field(() => Int, { description: "service records the enterprise served confirmed" })
  serviceRecords!: number;

  @Field(() => Int, { description: "distinct enterprises served (confirmed service records)" })
  enterprisesServed!: number;

  @Field(() => Float, { description: "hours of confirmed service" })
  serviceHours!: number;

  @Field(() => Int, { description: "matches naming the society itself as supplier" })
  matches!: number;
}

@ObjectType({ simpleResolvers: true, description: "An innovation platform's matches in the window." })
export class PlatformStat {
  @Field(() => ID)
  platformId!: string;

  @Field()
  name!: string;

  @Field()
  kind!: string;

  @Field(() => Int)
  matches!: number;

  @Field(() => Int)
  acceptedMatches!: number;

  @Field(() => Int, { description: "matches DOCKED" })
  dockedMatches!: number;
}

@ObjectType({ simpleResolvers: true })
export class MonthValue {
  @Field({ description: "YYYY-MM" })
  month!: string;

  @Field(() => Int, { description: "value at the end of the month (cumulative)" })
  value!: number;
}

@ObjectType({ simpleResolvers: true, description: "One of the plan's targets, tracked: target, current value and the trend per month." })
export class Indicator {
  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field()
  unit!: string;

  @Field(() => Int, { description: "the county's own target when it has one, else the programme's (IndicatorTarget, set by ADMIN)" })
  target!: number;

  @Field(() => Date, { description: "the target's deadline" })
  targetDate!: Date;

  @Field(() => String, { nullable: true, description: "the county counted (null: the whole programme)" })
  regionCode!: string | null;

  @Field(() => String, { nullable: true, description: "whose target this is: the county's, or null for the programme's" })
  targetRegionCode!: string | null;

  @Field({ description: "current ≥ target" })
  achieved!: boolean;

  @Field({ description: "the deadline passed by the window's end and the target is not reached" })
  overdue!: boolean;

  @Field(() => Int, { description: "value at the end of the window (now when no window is given)" })
  current!: number;

  @Field(() => Float, { description: "current / target" })
  progress!: number;

  @Field(() => [MonthValue], { description: "per month over the window (the last 12 months when it has no start), at most 120 months" })
  trend!: MonthValue[];
}

@ObjectType({ simpleResolvers: true, description: "Deals and their value for one value of a dimension (chain, county, designation, society, month)." })
export class DealGroupStat {
  @Field({ description: "chain code, region code, designation, the society's id, or the month (YYYY-MM, HUB_TIME_ZONE)" })
  key!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  deals!: number;

  @Field(() => DecimalScalar, { description: "contract value (成交额), yuan" })
  value!: unknown;

  @Field(() => DecimalScalar, { description: "揭榜挂帅 awards paid, yuan: an award counts once its acceptance (验收) passed" })
  awardValue!: unknown;
}
