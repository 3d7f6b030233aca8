import { Field, ID, ObjectType } from "type-graphql";
import { ResponseStatus } from "../../schema/enums";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A society's answer to a need: experts offered and a proposal." })
export class Response implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  proposal!: string;

  @Field(() => ResponseStatus)
  status!: ResponseStatus;

  @Field(() => Date)
  createdAt!: Date;
}

export const ResponseConnection = connectionType(Response, "Response");
