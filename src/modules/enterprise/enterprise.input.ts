import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, InputType } from "type-graphql";
import { EnterpriseDesignation } from "../../schema/enums";
import { ContactInput } from "../contact";

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

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdateEnterpriseInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(2, 100)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(16)
  regionCode?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(21)
  industryChainCodes?: string[] | null;

  @Field(() => [EnterpriseDesignation], { nullable: true })
  designations?: EnterpriseDesignation[] | null;

  @Field(() => Boolean, { nullable: true })
  hasRdAccount?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "set: registered on 科创中国 from now (the date is kept); unset: not registered" })
  onKczg?: boolean | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
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
