import { Arg, ID, Resolver, Root, Subscription } from "type-graphql";
import type { Context } from "../../context/context";
import type { ResponseRow } from "../../infra/db/rows";
import { deliverVisible } from "../../context/deliver";
import { topics, type ResponseReceivedEvent } from "../../infra/pubsub/events";
import { idOf } from "../../infra/relay/global-id";
import { readableResponses } from "../access";
import { Response } from "./response.type";

@Resolver(() => Response)
export class ResponseSubscriptionResolver {
  @Subscription(() => Response, {
    description: "Responses to a need as they arrive: for the need's enterprise, ADMIN and ANALYST (and the responding society).",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const needId = idOf("TechNeed", (args as { needId: string }).needId, "needId") ?? -1;
      return deliverVisible<ResponseReceivedEvent, ResponseRow>(ctx, topics.responseReceived(needId), () => true, async (event, loaders) => {
        if (!(await loaders.need.load(event.needId))) return null;
        return ctx.services.prisma.response.findFirst({ where: { id: event.responseId, AND: [readableResponses(ctx.viewer)] } });
      });
    },
  })
  responseReceived(@Root() response: ResponseRow, @Arg("needId", () => ID) _needId: string): ResponseRow {
    return response;
  }
}
