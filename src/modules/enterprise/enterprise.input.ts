import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength } from "../../infra/http/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, InputType } from "type-graphql";
import { EnterpriseDesignation } from "../../schema/enums";

@InputType()
export class CreateEnterpriseInput {
  @Field()
  @TrimmedLength(2, 100)
  name!: string;

  @Field({ description: "18 characters, GB 32100 check character" })
  @Length(18, 18, { message: "creditCode must be 18 characters" })
  creditCode!: string;

  @Field()
  @MaxLength(16)
  regionCode!: string;

  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(21)
  industryChainCodes!: string[];

  @Field(() => [EnterpriseDesignation], { nullable: true })
  designations?: EnterpriseDesignation[];

  @Field({ nullable: true })
  hasRdAccount?: boolean;

  @Field({ nullable: true })
  onKczg?: boolean;
}

@InputType()
export class EnterpriseFilter {
  @Field({ nullable: true })
  regionCode?: string;

  @Field({ nullable: true })
  industryChainCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(100)
  text?: string;
}
