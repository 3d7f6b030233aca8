import { Field, ID, ObjectType } from "type-graphql";
import { EnterpriseDesignation } from "../../schema/enums";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "An enterprise (企业) that posts technology needs." })
export class Enterprise implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: "统一社会信用代码, validated (GB 32100 check character)" })
  creditCode!: string;

  @Field(() => [EnterpriseDesignation], { description: "高新技术企业, 瞪羚企业 …" })
  designations!: EnterpriseDesignation[];

  @Field({ description: "Keeps an R&D account (研发专账)." })
  hasRdAccount!: boolean;

  @Field({ description: "Registered on the 科创中国 platform." })
  onKczg!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

export const EnterpriseConnection = connectionType(Enterprise, "Enterprise");
