import { ArrayMaxSize, IsOptional, Length, MaxLength } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, InputType } from "type-graphql";
import { SocietyKind, SocietyLevel } from "../../schema/enums";
import { ContactInput } from "../contact";

@InputType()
export class CreateSocietyInput {
  @Field()
  @TrimmedLength(2, 100)
  name!: string;

  @Field(() => SocietyLevel)
  level!: SocietyLevel;

  @Field(() => [String])
  @ArrayMaxSize(30)
  @Length(1, 50, { each: true })
  disciplines!: string[];

  @Field(() => SocietyKind, { nullable: true, defaultValue: SocietyKind.ACADEMIC_SOCIETY })
  @IsOptional()
  kind?: SocietyKind;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdateSocietyInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(2, 100)
  name?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @Length(1, 50, { each: true })
  disciplines?: string[] | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;
}

@InputType()
export class SocietyFilter {
  @Field(() => SocietyLevel, { nullable: true })
  level?: SocietyLevel;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(100)
  text?: string;
}
