import { ArrayMaxSize, IsOptional } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, ID, InputType } from "type-graphql";

@InputType()
export class RespondInput {
  @Field(() => ID)
  needId!: string;

  @Field(() => ID)
  societyId!: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  expertIds?: string[] | null;

  @Field()
  @TrimmedLength(10, 5000)
  proposal!: string;
}
