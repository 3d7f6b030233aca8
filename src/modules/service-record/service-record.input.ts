import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, Float, ID, InputType } from "type-graphql";
import { ServiceKind } from "../../schema/enums";

@InputType()
export class LogServiceInput {
  @Field(() => ID)
  societyId!: string;

  @Field(() => ID)
  enterpriseId!: string;

  @Field(() => ID, { nullable: true, description: "the enterprise's need the service was about" })
  needId?: string | null;

  @Field(() => ID, { nullable: true, description: "the society's workstation at that enterprise" })
  workstationId?: string | null;

  @Field(() => ServiceKind)
  kind!: ServiceKind;

  @Field(() => Date, { description: "not in the future" })
  servedOn!: Date;

  @Field()
  @TrimmedLength(4, 2000)
  summary!: string;

  @Field(() => Float, { nullable: true, description: "hours of service, 0–24 (0: not stated)" })
  hours?: number | null;

  @Field(() => [ID], { nullable: true, description: "the experts who served: active members of the society" })
  participantIds?: string[] | null;
}

@InputType()
export class ServiceRecordFilter {
  @Field(() => ID, { nullable: true })
  societyId?: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true })
  needId?: string | null;

  @Field(() => ID, { nullable: true })
  workstationId?: string | null;

  @Field(() => ServiceKind, { nullable: true })
  kind?: ServiceKind | null;
}
