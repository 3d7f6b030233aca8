import { Field, InputType, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Contact details of an organisation or expert: shown to its own users and ADMIN only (null otherwise)." })
export class Contact {
  @Field()
  person!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}

@InputType()
export class ContactInput {
  @Field()
  person!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}
