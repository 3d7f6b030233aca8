import { Field, InputType, ObjectType } from "type-graphql";

/** One class for both: what is written is what is read back (normaliseContact checks and trims it). */
@ObjectType("Contact", { simpleResolvers: true, description: "Contact details of an organisation or expert: shown to its own users and ADMIN only (null otherwise)." })
@InputType("ContactInput")
export class Contact {
  @Field()
  person!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}

/** The input type's name in TypeScript, as the input classes declare their `contact`. */
export { Contact as ContactInput };
