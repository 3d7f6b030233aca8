import { Field, ID, ObjectType } from "type-graphql";
import { NeedKind, NeedStatus, Visibility } from "../../schema/enums";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A technology need (技术需求) posted by an enterprise." })
export class TechNeed implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => NeedKind)
  kind!: NeedKind;

  @Field(() => NeedStatus)
  status!: NeedStatus;

  @Field(() => Visibility)
  visibility!: Visibility;

  @Field(() => [String])
  keywords!: string[];

  @Field(() => Date, { nullable: true })
  deadline!: Date | null;

  @Field({ description: "揭榜挂帅" })
  isChallenge!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

export const TechNeedConnection = connectionType(TechNeed, "TechNeed");
