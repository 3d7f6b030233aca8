import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { readableResponses } from "../access";
import { Match } from "../match";
import { TechNeed } from "../need";
import { Response } from "../response";
import type { DealRow } from "./deal.loaders";
import { DealFilter, RecordDealInput, UpdateDealInput } from "./deal.input";
import { Deal, DealConnection } from "./deal.type";

@Resolver(() => Deal)
export class DealResolver {
  @Query(() => DealConnection, { description: "Outcomes, newest first: the need's enterprise, the parties of the deal, ADMIN and ANALYST see them." })
  async deals(@Args() page: ConnectionArgs, @Arg("filter", () => DealFilter, { nullable: true }) filter: DealFilter | null, @Ctx() ctx: Context) {
    const id = (type: "TechNeed" | "Enterprise" | "Society", value: string | null | undefined, field: string) =>
      value ? (idOf(type, value, field) ?? -1) : undefined;
    return toConnection(
      await ctx.services.deals.list(ctx, page, {
        needId: id("TechNeed", filter?.needId, "filter.needId"),
        enterpriseId: id("Enterprise", filter?.enterpriseId, "filter.enterpriseId"),
        societyId: id("Society", filter?.societyId, "filter.societyId"),
        mode: filter?.mode ?? undefined,
      }),
    );
  }

  @Mutation(() => Deal, { description: "The need's enterprise or ADMIN records the outcome of an accepted match or response." })
  recordDeal(@Arg("input", () => RecordDealInput) input: RecordDealInput, @Ctx() ctx: Context) {
    return ctx.services.deals.record(ctx, input);
  }

  @Mutation(() => Deal, { description: "The need's enterprise or ADMIN corrects a recorded deal; audited before and after." })
  updateDeal(@Arg("id", () => ID) id: string, @Arg("input", () => UpdateDealInput) input: UpdateDealInput, @Ctx() ctx: Context) {
    return ctx.services.deals.update(ctx, idOf("Deal", id, "id"), input);
  }

  @Mutation(() => Deal, { description: "The need's enterprise or ADMIN voids a deal recorded in error: it leaves every list and count (the need's status stays)." })
  voidDeal(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: Context) {
    return ctx.services.deals.void(ctx, idOf("Deal", id, "id"), reason);
  }

  @FieldResolver(() => ID)
  id(@Root() deal: DealRow) {
    return toGlobalId("Deal", deal.id);
  }

  @FieldResolver(() => TechNeed)
  need(@Root() deal: DealRow, @Ctx() ctx: Context) {
    return ctx.loaders.need.load(deal.needId);
  }

  @FieldResolver(() => Response, { nullable: true })
  response(@Root() deal: DealRow, @Ctx() ctx: Context) {
    if (deal.responseId === null) return null;
    return ctx.services.prisma.response.findFirst({ where: { id: deal.responseId, AND: [readableResponses(ctx.viewer)] } });
  }

  @FieldResolver(() => Match, { nullable: true })
  match(@Root() deal: DealRow, @Ctx() ctx: Context) {
    return deal.matchId === null ? null : ctx.loaders.match.load(deal.matchId);
  }
}
