import { IsOptional, MaxLength } from "../../infra/library-patches/validators";
import { Field, ID, InputType } from "type-graphql";

@InputType()
export class AuditEventFilter {
  @Field({ nullable: true, description: "e.g. TechNeed, Match, User" })
  @IsOptional()
  @MaxLength(64)
  entityType?: string;

  @Field(() => ID, { nullable: true, description: "the global ID of the thing changed" })
  @IsOptional()
  @MaxLength(128)
  entityId?: string;

  @Field(() => ID, { nullable: true, description: "the User who made the change" })
  @IsOptional()
  @MaxLength(128)
  actorId?: string;

  @Field({ nullable: true, description: 'e.g. "need.status"' })
  @IsOptional()
  @MaxLength(64)
  action?: string;
}
