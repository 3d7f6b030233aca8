import { ArrayMaxSize, ArrayMinSize, IsEmail, IsOptional, Length, MaxLength } from "../../infra/library-patches/validators";
import { TrimmedLength } from "../../infra/http/validate-input";
import { Field, ID, InputType } from "type-graphql";
import { SocietyLevel } from "../../schema/enums";
import { ContactInput } from "../contact";

// The fields of the create inputs, validated alike (enterprise.input.ts, society.input.ts, expert.input.ts), and the
// applicant's sign-in.

@InputType()
export class RegisterEnterpriseInput {
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

  @Field(() => ContactInput)
  contact!: ContactInput;

  @Field()
  @IsEmail({}, { message: "email must be an email address" })
  @MaxLength(200)
  email!: string;

  @Field()
  @Length(10, 200, { message: "password must be 10 to 200 characters" })
  password!: string;
}

@InputType()
export class RegisterSocietyInput {
  @Field()
  @TrimmedLength(2, 100)
  name!: string;

  @Field(() => SocietyLevel)
  level!: SocietyLevel;

  @Field(() => [String])
  @ArrayMaxSize(30)
  @Length(1, 50, { each: true })
  disciplines!: string[];

  @Field(() => ContactInput)
  contact!: ContactInput;

  @Field()
  @IsEmail({}, { message: "email must be an email address" })
  @MaxLength(200)
  email!: string;

  @Field()
  @Length(10, 200, { message: "password must be 10 to 200 characters" })
  password!: string;
}

@InputType()
export class RegisterExpertInput {
  @Field()
  @TrimmedLength(1, 50)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  affiliation?: string | null;

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

  @Field(() => [ID], { nullable: true, description: "the societies the expert asks to join; the registration is reviewed by ADMIN" })
  @IsOptional()
  @ArrayMaxSize(20)
  societyIds?: string[] | null;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;

  @Field()
  @IsEmail({}, { message: "email must be an email address" })
  @MaxLength(200)
  email!: string;

  @Field()
  @Length(10, 200, { message: "password must be 10 to 200 characters" })
  password!: string;
}
