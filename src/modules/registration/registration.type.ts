import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../infra/relay/connection";
import { RegistrationKind, RegistrationStatus } from "../../schema/enums";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A self-registration, PENDING until an ADMIN reviews it (ADMIN only)." })
export class Registration implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => RegistrationKind)
  kind!: RegistrationKind;

  @Field(() => RegistrationStatus)
  status!: RegistrationStatus;

  @Field()
  email!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;
}

export const RegistrationConnection = connectionType(Registration, "Registration");
