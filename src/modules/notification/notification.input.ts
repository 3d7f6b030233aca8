import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { NotificationKind } from "../../schema/enums";

@ArgsType()
export class NotificationsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: "Page size, 0 to 100." })
  first!: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  after?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  unreadOnly!: boolean;
}

@InputType()
export class NotificationPreferencesInput {
  @Field(() => [NotificationKind], { nullable: true })
  emailKinds?: NotificationKind[] | null;

  @Field(() => Boolean, { nullable: true })
  dailyDigest?: boolean | null;
}

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], { nullable: true })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  all!: boolean;
}
