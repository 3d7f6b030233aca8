import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../infra/relay/connection";
import { InvitationDeclineCode, InvitationStatus } from "../../schema/enums";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "The need's enterprise invites a matched supplier; the supplier's side answers." })
export class Invitation implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => InvitationStatus)
  status!: InvitationStatus;

  @Field(() => InvitationDeclineCode, { nullable: true })
  declineCode!: InvitationDeclineCode | null;

  @Field(() => String, { nullable: true })
  declineText!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  answeredAt!: Date | null;
}

export const InvitationConnection = connectionType(Invitation, "Invitation");
