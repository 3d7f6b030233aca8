import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DockingOutcome, DockingStatus } from "../../generated/prisma/enums";
import { Node } from "../node";

registerEnumType(DockingStatus, { name: "DockingStatus", description: "SCHEDULED until it is held (with an outcome) or cancelled." });
registerEnumType(DockingOutcome, { name: "DockingOutcome", description: "What the docking led to." });

export { DockingOutcome, DockingStatus };

@ObjectType({ simpleResolvers: true, implements: Node, description: "A docking meeting (对接) between a need's enterprise and a supplier." })
export class Docking implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => String, { nullable: true, description: "a place or an online meeting link; at least one is given" })
  place!: string | null;

  @Field(() => String, { nullable: true })
  onlineUrl!: string | null;

  @Field(() => DockingStatus)
  status!: DockingStatus;

  @Field(() => String, { nullable: true })
  minutes!: string | null;

  @Field(() => DockingOutcome, { nullable: true })
  outcome!: DockingOutcome | null;

  @Field(() => String, { nullable: true, description: "why it was cancelled (CANCELLED only)" })
  cancelReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}
