import { Field, ID, ObjectType } from "type-graphql";
import { SocietyKind, SocietyLevel } from "../../schema/enums";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A learned society (学会), enterprise science association (企业科协) or industry association." })
export class Society implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => SocietyLevel)
  level!: SocietyLevel;

  @Field(() => SocietyKind)
  kind!: SocietyKind;

  @Field(() => [String])
  disciplines!: string[];
}

export const SocietyConnection = connectionType(Society, "Society");
