import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node/node.type";
import { CooperationMode } from "../workflow/workflow.enums";

@ObjectType({ simpleResolvers: true, implements: Node, description: "An outcome (对接成功): cooperation that came out of a match or a response." })
export class Deal implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => CooperationMode)
  mode!: CooperationMode;

  @Field()
  contractSigned!: boolean;

  @Field(() => Date, { nullable: true })
  signedOn!: Date | null;

  @Field(() => Int, { nullable: true, description: "contract value, yuan" })
  amount!: number | null;

  @Field(() => Int, { nullable: true, description: "揭榜挂帅 award, yuan" })
  awardAmount!: number | null;

  @Field()
  summary!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "set when the deal was voided (voidDeal): a voided deal leaves every list and count" })
  voidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  voidReason!: string | null;
}

export const DealConnection = connectionType(Deal, "Deal");
