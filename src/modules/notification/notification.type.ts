import { Field, ID, ObjectType } from "type-graphql";
import { connectionType } from "../../infra/relay/connection";
import { NotificationKind } from "../../schema/enums";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A line of the viewer's inbox: something that concerns them happened. Only its recipient reads it." })
export class Notification implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field({ description: "One line in Chinese, e.g. 新匹配：储能电站热失控预警（匹配度 0.82）" })
  title!: string;

  @Field()
  body!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "null while unread" })
  readAt!: Date | null;
}

export const NotificationConnection = connectionType(Notification, "Notification");

@ObjectType({ simpleResolvers: true })
export class NotificationPreferences {
  @Field(() => [NotificationKind], { description: "The kinds mailed (at once, or in the daily digest)" })
  emailKinds!: NotificationKind[];

  @Field({ description: "One mail a day listing the day's notifications, instead of a mail for each" })
  dailyDigest!: boolean;
}
