import { Field, ID, ObjectType } from "type-graphql";
import { PlatformKind } from "../../schema/enums";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "An innovation platform (创新平台): laboratory, centre, institute, pilot base …" })
export class InnovationPlatform implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => PlatformKind)
  kind!: PlatformKind;

  @Field({ description: "free Chinese text" })
  capabilities!: string;

  @Field({ description: "Registered on the 科创中国 platform." })
  onKczg!: boolean;
}

export const InnovationPlatformConnection = connectionType(InnovationPlatform, "InnovationPlatform");
