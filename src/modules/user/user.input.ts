import { IsEmail, IsOptional, Length, MaxLength } from "../../infra/library-patches/validators";
import { Field, ID, InputType } from "type-graphql";
import { Role } from "../../schema/enums";

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: "email must be an email address" })
  @MaxLength(200)
  email!: string;

  @Field()
  @Length(10, 200, { message: "password must be 10 to 200 characters" })
  password!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: "required for ENTERPRISE, SOCIETY and EXPERT (an Expert, or an InnovationPlatform for platform staff)" })
  @IsOptional()
  organizationId?: string | null;
}

@InputType()
export class UserFilter {
  @Field(() => [Role], { nullable: true })
  role?: Role[] | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: "part of the email, case-insensitive" })
  @IsOptional()
  @MaxLength(200)
  email?: string | null;
}
