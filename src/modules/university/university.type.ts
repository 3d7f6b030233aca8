import { Field, ID, ObjectType } from "type-graphql";
import { UniversityKind } from "../../schema/enums";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A university or research institute (高校院所) as a supplier: matched on its strengths and disciplines." })
export class University implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => UniversityKind)
  kind!: UniversityKind;

  @Field(() => [String], { description: "学科 / 研究方向" })
  disciplines!: string[];

  @Field({ description: "优势领域与可转化成果: what it offers enterprises" })
  strengths!: string;

  @Field(() => [String], { description: "The industry chains it serves (IndustryChain codes)" })
  industryChainCodes!: string[];

  @Field(() => String, { nullable: true })
  regionCode!: string | null;
}

export const UniversityConnection = connectionType(University, "University");
