import { ArrayMaxSize, IsOptional, MaxLength } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, InputType } from "type-graphql";
import { PlatformKind } from "../../schema/enums";
import { ContactInput } from "../contact";

@InputType()
export class CreatePlatformInput {
  @Field()
  @TrimmedLength(2, 100)
  name!: string;

  @Field(() => PlatformKind)
  kind!: PlatformKind;

  @Field()
  @TrimmedLength(10, 2000)
  capabilities!: string;

  @Field(() => [String])
  @ArrayMaxSize(21)
  industryChainCodes!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(16)
  regionCode?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  onKczg?: boolean;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdatePlatformInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(2, 100)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(10, 2000)
  capabilities?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(21)
  industryChainCodes?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(16)
  regionCode?: string | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

@InputType()
export class PlatformFilter {
  @Field(() => PlatformKind, { nullable: true })
  kind?: PlatformKind;

  @Field({ nullable: true })
  industryChainCode?: string;

  @Field({ nullable: true })
  regionCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(100)
  text?: string;
}
