import { Arg, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../context/context";
import type { NeedRow } from "../../infra/db/rows";
import { deliverVisible } from "../../context/deliver";
import { topics, type NeedPostedEvent } from "../../infra/pubsub/events";
import { TechNeed } from "./need.type";

@Resolver(() => TechNeed)
export class NeedSubscriptionResolver {
  @Subscription(() => TechNeed, {
    description: "Needs as they are posted (only those the subscriber may see).",
    subscribe: ({ args, context }) => {
      const chain = (args as { industryChainCode?: string | null }).industryChainCode ?? null;
      return deliverVisible<NeedPostedEvent, NeedRow>(context as Context, topics.needPosted(chain), () => true, (event, loaders) =>
        loaders.need.load(event.needId),
      );
    },
  })
  needPosted(@Root() need: NeedRow, @Arg("industryChainCode", () => String, { nullable: true }) _industryChainCode: string | null): NeedRow {
    return need;
  }
}
