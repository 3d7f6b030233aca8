import { IsOptional, MaxLength } from "../../infra/library-patches/validators";
import { Field, ID, InputType } from "type-graphql";
import { Role } from "../../schema/enums";
import { PasswordField, SignInEmailField } from "./user.fields";

@InputType()
export class CreateUserInput {
  @SignInEmailField()
  email!: string;

  @PasswordField()
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
