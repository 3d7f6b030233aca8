import { IsOptional, Max, Min } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, ID, InputType, Int } from "type-graphql";
import { CooperationMode } from "../workflow";
import { DecimalScalar, type Money } from "../../schema/decimal";

@InputType({ description: "Exactly one of matchId and responseId: the match or response the cooperation came from." })
export class RecordDealInput {
  @Field(() => ID, { nullable: true, description: "an ACCEPTED, DOCKED or CLOSED match (an ACCEPTED one becomes DOCKED)" })
  matchId?: string | null;

  @Field(() => ID, { nullable: true, description: "an ACCEPTED response" })
  responseId?: string | null;

  @Field(() => CooperationMode)
  mode!: CooperationMode;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  contractSigned?: boolean | null;

  @Field(() => Date, { nullable: true, description: "when the contract was signed (not in the future)" })
  signedOn?: Date | null;

  @Field(() => Int, { nullable: true, description: "contract value, yuan (deprecated: value)", deprecationReason: "value: a Decimal, for contracts of 2^31 yuan and more" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  amount?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "contract value, yuan" })
  value?: Money | null;

  @Field(() => DecimalScalar, { nullable: true, description: "揭榜挂帅 award, yuan" })
  awardValue?: Money | null;

  @Field()
  @TrimmedLength(4, 2000)
  summary!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "also mark the need RESOLVED" })
  resolveNeed?: boolean | null;
}

@InputType()
export class DealFilter {
  @Field(() => ID, { nullable: true })
  needId?: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: "deals where this society responded or was matched" })
  societyId?: string | null;

  @Field(() => CooperationMode, { nullable: true })
  mode?: CooperationMode | null;
}

@InputType({ description: "揭榜挂帅: ADMIN names the winning solution after submissions close." })
export class AwardChallengeInput {
  @Field(() => ID, { description: "a SHORTLISTED response to the challenge" })
  responseId!: string;

  @Field(() => Int, { nullable: true, description: "yuan; defaults to the challenge's award", deprecationReason: "awardValue" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  awardAmount?: number | null;

  @Field(() => Int, { nullable: true, description: "contract value, yuan", deprecationReason: "value" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  amount?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "yuan; defaults to the challenge's award" })
  awardValue?: Money | null;

  @Field(() => DecimalScalar, { nullable: true, description: "contract value, yuan" })
  value?: Money | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  contractSigned?: boolean | null;

  @Field()
  @TrimmedLength(4, 2000)
  summary!: string;
}

@InputType({ description: "Only the fields given change; a correction of a recorded deal, audited before and after." })
export class UpdateDealInput {
  @Field(() => CooperationMode, { nullable: true })
  mode?: CooperationMode | null;

  @Field(() => Boolean, { nullable: true })
  contractSigned?: boolean | null;

  @Field(() => Date, { nullable: true, description: "when the contract was signed (not in the future)" })
  signedOn?: Date | null;

  @Field(() => Int, { nullable: true, description: "contract value, yuan", deprecationReason: "value" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  amount?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "contract value, yuan" })
  value?: Money | null;

  @Field(() => Int, { nullable: true, description: "揭榜挂帅 award, yuan (challenge awards only)", deprecationReason: "awardValue" })
  @IsOptional()
  @Min(0)
  @Max(2_000_000_000)
  awardAmount?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "揭榜挂帅 award, yuan (challenge awards only)" })
  awardValue?: Money | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(4, 2000)
  summary?: string | null;
}
