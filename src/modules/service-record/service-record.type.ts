import { Field, Float, ID, ObjectType } from "type-graphql";
import { ServiceKind } from "../../schema/enums";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "Volunteer service (科技咨询, 技术指导, 政策宣讲, 调研走访, 工作站) by a society at an enterprise." })
export class ServiceRecord implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => ServiceKind)
  kind!: ServiceKind;

  @Field(() => Date)
  servedOn!: Date;

  @Field()
  summary!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Float, { description: "hours of service (0: not stated)" })
  hours!: number;

  @Field(() => Date, { nullable: true, description: "when the enterprise served (or ADMIN) confirmed it; only confirmed records count in the indicators and the society ranking" })
  confirmedAt!: Date | null;
}

export const ServiceRecordConnection = connectionType(ServiceRecord, "ServiceRecord");
