import { IsBoolean, IsOptional, Length, Matches, MaxLength } from "../../infra/library-patches/validators";
import { Field, InputType } from "type-graphql";

/** Names may be Chinese (各产业链需求月报); no control characters, no leading/trailing blanks. */
const NAME = /^[^\p{Cc}\p{Cf}\s](?:[^\p{Cc}\p{Cf}]*[^\p{Cc}\p{Cf}\s])?$/u;

@InputType()
export class SaveQueryInput {
  @Field({ description: "Unique among the caller's saved queries; saving under an existing name replaces it" })
  @Length(1, 80)
  @Matches(NAME, { message: "name must be 1 to 80 characters without control characters or surrounding blanks" })
  name!: string;

  @Field({ description: "One GraphQL query operation (with its fragments); validated against the schema and limits" })
  @Length(1, 20_000)
  document!: string;

  @Field(() => String, { nullable: true, description: "Which operation of the document, when it holds several" })
  @IsOptional()
  @Length(1, 100)
  operationName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2_000)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Share read-only with every signed-in user (default false)" })
  @IsOptional()
  @IsBoolean()
  shared?: boolean | null;
}
