import { Arg, ID, Resolver, Root, Subscription } from "type-graphql";
import { supplierOfGlobalId } from "../supplier";
import type { Context } from "../../context/context";
import type { MatchRow, NeedRow, ResponseRow } from "../../infra/db/rows";
import { deliverVisible } from "../../context/deliver";
import { topics, type MatchStatusChangedEvent, type NeedStatusChangedEvent, type ResponseStatusChangedEvent } from "../../infra/pubsub/events";
import { idOf } from "../../infra/relay/global-id";
import { readableResponses } from "../access";
import { Match } from "../match";
import { TechNeed } from "../need";
import { Response } from "../response";

type Args = Record<string, string | null | undefined>;
const optionalId = (type: "TechNeed" | "Society", value: string | null | undefined, field: string) => (value ? (idOf(type, value, field) ?? -1) : null);

/**
 * Status changes of needs, responses and matches. Events carry IDs; each is loaded with the subscriber's own
 * rights when it arrives, so a change is delivered only to those who may see the thing that changed.
 */
@Resolver()
export class WorkflowSubscriptionResolver {
  @Subscription(() => TechNeed, {
    description: "A need's status changed (posted drafts opened, docking, resolution, closing, expiry): needs the subscriber may see.",
    subscribe: ({ args, context }) => {
      const needId = optionalId("TechNeed", (args as Args).needId, "needId");
      const topic = needId !== null ? topics.needStatusChanged.need(needId) : topics.needStatusChanged.all();
      return deliverVisible<NeedStatusChangedEvent, NeedRow>(
        context as Context,
        topic,
        (e) => needId === null || e.needId === needId,
        (e, loaders) => loaders.need.load(e.needId),
      );
    },
  })
  needStatusChanged(@Root() need: NeedRow, @Arg("needId", () => ID, { nullable: true }) _needId: string | null): NeedRow {
    return need;
  }

  @Subscription(() => Response, {
    description: "A response was shortlisted, accepted, declined or withdrawn: for the society, the need's enterprise, ADMIN and ANALYST.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const needId = optionalId("TechNeed", (args as Args).needId, "needId");
      const societyId = optionalId("Society", (args as Args).societyId, "societyId");
      const topic =
        needId !== null
          ? topics.responseStatusChanged.need(needId)
          : societyId !== null
            ? topics.responseStatusChanged.society(societyId)
            : topics.responseStatusChanged.all();
      return deliverVisible<ResponseStatusChangedEvent, ResponseRow>(
        ctx,
        topic,
        (e) => (needId === null || e.needId === needId) && (societyId === null || e.societyId === societyId),
        async (e, loaders) => {
          if (!(await loaders.need.load(e.needId))) return null;
          return ctx.services.prisma.response.findFirst({ where: { id: e.responseId, AND: [readableResponses(ctx.viewer)] } });
        },
      );
    },
  })
  responseStatusChanged(
    @Root() response: ResponseRow,
    @Arg("needId", () => ID, { nullable: true }) _needId: string | null,
    @Arg("societyId", () => ID, { nullable: true }) _societyId: string | null,
  ): ResponseRow {
    return response;
  }

  @Subscription(() => Match, {
    description: "A match moved along its lifecycle: for those who may see its need.",
    subscribe: ({ args, context }) => {
      const needId = optionalId("TechNeed", (args as Args).needId, "needId");
      const supplierGid = (args as Args).supplierId;
      let supplier: { kind: MatchStatusChangedEvent["supplierKind"]; id: number } | null = null;
      if (supplierGid) supplier = supplierOfGlobalId(supplierGid, "supplierId");
      const topic =
        needId !== null
          ? topics.matchStatusChanged.need(needId)
          : supplier
            ? topics.matchStatusChanged.supplier(supplier.kind, supplier.id)
            : topics.matchStatusChanged.all();
      return deliverVisible<MatchStatusChangedEvent, MatchRow>(
        context as Context,
        topic,
        (e) => (needId === null || e.needId === needId) && (!supplier || (e.supplierKind === supplier.kind && e.supplierId === supplier.id)),
        async (e, loaders) => {
          const match = await loaders.match.load(e.matchId);
          return match && (await loaders.need.load(match.needId)) ? match : null;
        },
      );
    },
  })
  matchStatusChanged(
    @Root() match: MatchRow,
    @Arg("needId", () => ID, { nullable: true }) _needId: string | null,
    @Arg("supplierId", () => ID, { nullable: true }) _supplierId: string | null,
  ): MatchRow {
    return match;
  }
}
