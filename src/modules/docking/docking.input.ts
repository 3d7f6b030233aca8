import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Where a docking comes from (an ACCEPTED invitation or an ACCEPTED response), when and where it is held." })
export class ScheduleDockingInput {
  @Field(() => ID, { nullable: true, description: "an ACCEPTED invitation, or an ACCEPTED response (one of the two)" })
  invitationId?: string | null;

  @Field(() => ID, { nullable: true })
  responseId?: string | null;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true })
  onlineUrl?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
