import { memberOfLoaded, speaksFor } from "../supplier";
import { Args, ArgsType, Field, Float, ID, Resolver, Root, Subscription } from "type-graphql";
import { supplierOfGlobalId, supplierOfRow } from "../supplier";
import type { Context, Loaders } from "../../context/context";
import type { MatchRow } from "../../infra/db/rows";
import { deliverVisible } from "../../context/deliver";
import { topics, type MatchFoundEvent } from "../../infra/pubsub/events";
import { idOf } from "../../infra/relay/global-id";
import { Match } from "./match.type";
import type { Viewer } from "../../infra/auth/viewer";

@ArgsType()
class MatchFoundArgs {
  @Field(() => ID, { nullable: true })
  needId?: string | null;

  @Field(() => ID, { nullable: true, description: "an Expert, InnovationPlatform or Society ID" })
  supplierId?: string | null;

  @Field(() => String, { nullable: true })
  industryChainCode?: string | null;

  @Field(() => Float, { nullable: true })
  minScore?: number | null;
}

@Resolver(() => Match)
export class MatchSubscriptionResolver {
  @Subscription(() => Match, {
    description: "Every new match that passes the filters and that the subscriber may see.",
    subscribe: ({ args, context }) => matchStream(context as Context, args as MatchFoundArgs),
  })
  matchFound(@Root() match: MatchRow, @Args() _args: MatchFoundArgs): MatchRow {
    return match;
  }
}

function matchStream(ctx: Context, args: MatchFoundArgs): AsyncIterable<MatchRow> {
  const needId = args.needId ? (idOf("TechNeed", args.needId, "needId") ?? -1) : null;
  const supplier = args.supplierId ? supplierOf(args.supplierId) : null;
  // Listen on the narrowest topic the filters allow; the rest of the filters apply to each event.
  const topic =
    needId !== null
      ? topics.matchFound.need(needId)
      : supplier
        ? topics.matchFound.supplier(supplier.kind, supplier.id)
        : args.industryChainCode
          ? topics.matchFound.chain(args.industryChainCode)
          : topics.matchFound.all();
  const accept = (e: MatchFoundEvent) =>
    (needId === null || e.needId === needId) &&
    (!supplier || (e.supplierKind === supplier.kind && e.supplierId === supplier.id)) &&
    (!args.industryChainCode || e.chainCode === args.industryChainCode) &&
    (args.minScore == null || e.score >= args.minScore);
  return deliverVisible<MatchFoundEvent, MatchRow>(ctx, topic, accept, async (event, loaders) => {
    const match = await loaders.match.load(event.matchId);
    if (!match) return null;
    if (await loaders.need.load(match.needId)) return match;
    // A CONFIDENTIAL need still closed to the viewer: its own supplier's side hears of the match (teaser only, `need`
    // null); nobody else hears of it at all.
    const need = await loaders.anyNeed.load(match.needId);
    return need && need.visibility === "CONFIDENTIAL" && need.status !== "DRAFT" && (await actsForMatchedSupplier(ctx.viewer, match, loaders)) ? match : null;
  });
}

/** Whether the viewer speaks for the match's supplier: its expert, platform or society, or the society of its expert. */
function actsForMatchedSupplier(viewer: Viewer, match: MatchRow, loaders: Loaders): Promise<boolean> {
  return speaksFor(viewer, supplierOfRow(match), memberOfLoaded(loaders));
}

function supplierOf(globalId: string): { kind: MatchFoundEvent["supplierKind"]; id: number } {
  return supplierOfGlobalId(globalId, "supplierId");
}
