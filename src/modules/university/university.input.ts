import { ArrayMaxSize, IsOptional, Length, MaxLength } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, InputType } from "type-graphql";
import { UniversityKind } from "../../schema/enums";
import { ContactInput } from "../contact";

@InputType()
export class CreateUniversityInput {
  @Field()
  @TrimmedLength(2, 100)
  name!: string;

  @Field(() => UniversityKind, { nullable: true, defaultValue: UniversityKind.UNIVERSITY })
  @IsOptional()
  kind?: UniversityKind;

  @Field(() => [String])
  @ArrayMaxSize(30)
  @Length(1, 50, { each: true })
  disciplines!: string[];

  @Field({ description: "优势领域与可转化成果" })
  @MaxLength(4000)
  strengths!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  industryChainCodes?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  regionCode?: string | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdateUniversityInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(2, 100)
  name?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @Length(1, 50, { each: true })
  disciplines?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  strengths?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  industryChainCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "false: no longer matched (its suggestions go)" })
  @IsOptional()
  active?: boolean | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}
