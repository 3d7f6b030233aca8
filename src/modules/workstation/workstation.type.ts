import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "学会专家工作站: a society's experts stationed at an enterprise for a period." })
export class ExpertWorkstation implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => Date)
  startsOn!: Date;

  @Field(() => Date, { nullable: true, description: "null: open-ended" })
  endsOn!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const ExpertWorkstationConnection = connectionType(ExpertWorkstation, "ExpertWorkstation");
