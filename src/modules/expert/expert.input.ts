import { ArrayMaxSize, IsEmail, IsOptional, Length, Matches, Max, MaxLength, Min } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { ContactInput } from "../contact";
import { Field, ID, InputType, Int } from "type-graphql";

@InputType()
export class CreateExpertInput {
  @Field()
  @TrimmedLength(1, 50)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  affiliation?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  societyIds?: string[] | null;

  @Field()
  @TrimmedLength(10, 2000)
  expertise!: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @Length(1, 30, { each: true })
  keywords?: string[] | null;

  @Field(() => [String])
  @ArrayMaxSize(21)
  industryChainCodes!: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(50)
  capacity?: number | null;

  @Field({ nullable: true })
  @IsOptional()
  isYoungTalent?: boolean;

  @Field(() => Date, { nullable: true, description: "not offered new matches before this time" })
  @IsOptional()
  availableFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "not offered new matches after this time (not before availableFrom)" })
  @IsOptional()
  availableTo?: Date | null;

  @Field(() => String, { nullable: true, description: "Private: the expert, their societies, ADMIN and ANALYST." })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Private, like email." })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: "phone must be digits, spaces, + or -" })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: "The enterprise employing the expert: never matched to, invited to or shown its MEMBERS / CONFIDENTIAL needs" })
  employerId?: string | null;

  @Field(() => ContactInput, { nullable: true, description: "Private: the expert, their societies' users and ADMIN." })
  contact?: ContactInput | null;
}

@InputType()
export class ExpertFilter {
  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field({ nullable: true })
  industryChainCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(100)
  text?: string;
}

/** Only the fields given change; the expert is matched again against the open needs. */
@InputType()
export class UpdateExpertInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(1, 50)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  affiliation?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TrimmedLength(10, 2000)
  expertise?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @Length(1, 30, { each: true })
  keywords?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(21)
  industryChainCodes?: string[] | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(50)
  capacity?: number | null;

  @Field({ nullable: true })
  @IsOptional()
  isYoungTalent?: boolean;

  @Field(() => Date, { nullable: true, description: "not offered new matches before this time" })
  @IsOptional()
  availableFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "not offered new matches after this time (not before availableFrom)" })
  @IsOptional()
  availableTo?: Date | null;
}
