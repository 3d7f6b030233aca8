import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, ID, InputType } from "type-graphql";
import { CooperationMode } from "../workflow";
import { DecimalScalar, type Money } from "../../schema/decimal";
import { inputField, YuanField, type InputFieldOptions } from "../../schema/input-fields";

const SummaryField = (options: InputFieldOptions = {}) => inputField(() => String, options, TrimmedLength(4, 2000));

const ContractValueField = () => Field(() => DecimalScalar, { nullable: true, description: "contract value, yuan" });

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

  @YuanField({ description: "contract value, yuan (deprecated: value)", deprecationReason: "value: a Decimal, for contracts of 2^31 yuan and more" })
  amount?: number | null;

  @ContractValueField()
  value?: Money | null;

  @Field(() => DecimalScalar, { nullable: true, description: "揭榜挂帅 award, yuan" })
  awardValue?: Money | null;

  @SummaryField()
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

  @YuanField({ description: "yuan; defaults to the challenge's award", deprecationReason: "awardValue" })
  awardAmount?: number | null;

  @YuanField({ description: "contract value, yuan", deprecationReason: "value" })
  amount?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "yuan; defaults to the challenge's award" })
  awardValue?: Money | null;

  @ContractValueField()
  value?: Money | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  contractSigned?: boolean | null;

  @SummaryField()
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

  @YuanField({ description: "contract value, yuan", deprecationReason: "value" })
  amount?: number | null;

  @ContractValueField()
  value?: Money | null;

  @YuanField({ description: "揭榜挂帅 award, yuan (challenge awards only)", deprecationReason: "awardValue" })
  awardAmount?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "揭榜挂帅 award, yuan (challenge awards only)" })
  awardValue?: Money | null;

  @SummaryField({ optional: true })
  summary?: string | null;
}
