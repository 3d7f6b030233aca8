import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, ID, InputType } from "type-graphql";

@InputType()
export class CreateWorkstationInput {
  @Field()
  @TrimmedLength(2, 100)
  name!: string;

  @Field(() => ID)
  societyId!: string;

  @Field(() => ID)
  enterpriseId!: string;

  @Field(() => [ID], { description: "members of the society" })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  expertIds!: string[];

  @Field(() => Date)
  startsOn!: Date;

  @Field(() => Date, { nullable: true })
  endsOn?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;
}

@InputType()
export class WorkstationFilter {
  @Field(() => ID, { nullable: true })
  societyId?: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => Date, { nullable: true, description: "only those whose period includes this moment" })
  activeOn?: Date | null;
}
