import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";
import { CooperationMode } from "../workflow";
import { DecimalScalar } from "../../schema/decimal";

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

  @Field(() => Int, { nullable: true, description: "contract value, yuan, when under 2^31", deprecationReason: "value" })
  amount!: number | null;

  @Field(() => Int, { nullable: true, description: "揭榜挂帅 award, yuan, when under 2^31", deprecationReason: "awardValue" })
  awardAmount!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "contract value in yuan; replaces amount (kept, deprecated, for contracts under 2^31 yuan)" })
  value!: unknown;

  @Field(() => DecimalScalar, { nullable: true, description: "揭榜挂帅 award in yuan" })
  awardValue!: unknown;

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
