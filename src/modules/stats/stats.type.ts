import { Field, Int, ObjectType } from "type-graphql";
import { IndustryChain } from "../reference/reference.type";

@ObjectType()
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

@ObjectType({ description: "Programme totals. Counts include confidential needs but never their content." })
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
