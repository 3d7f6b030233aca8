import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import type { NeedRow } from "../../infra/db/rows";
import { unauthenticated } from "../../infra/errors";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { NeedStatus, SupplierKind } from "../../schema/enums";
import { mayReadBudget } from "../access/need-access";
import { Enterprise } from "../enterprise/enterprise.type";
import { Match } from "../match/match.type";
import { IndustryChain } from "../reference/reference.type";
import { Response } from "../response/response.type";
import { NeedFilter, PostNeedInput } from "./need.input";
import { TechNeed, TechNeedConnection } from "./need.type";
import { badInput } from "../../infra/errors";

@Resolver(() => TechNeed)
export class NeedResolver {
  @Query(() => TechNeedConnection, { description: "Newest first; only the needs the caller may see." })
  async needs(@Args() page: ConnectionArgs, @Arg("filter", () => NeedFilter, { nullable: true }) filter: NeedFilter | null, @Ctx() ctx: Context) {
    const enterpriseId = filter?.enterpriseId ? (idOf("Enterprise", filter.enterpriseId, "filter.enterpriseId") ?? -1) : undefined;
    const query = {
      statuses: filter?.status,
      chainCode: filter?.industryChainCode,
      regionCode: filter?.regionCode,
      enterpriseIds: enterpriseId === undefined ? undefined : [enterpriseId],
      isChallenge: filter?.isChallenge,
      text: filter?.text,
    };
    return toConnection(await ctx.services.needs.list(ctx, page, query));
  }

  @Mutation(() => TechNeed, { description: "ADMIN, or ENTERPRISE for its own enterprise; status OPEN, matched before it returns." })
  postNeed(@Arg("input", () => PostNeedInput) input: PostNeedInput, @Ctx() ctx: Context) {
    return ctx.services.needs.post(ctx, idOf("Enterprise", input.enterpriseId, "input.enterpriseId"), input);
  }

  @Mutation(() => TechNeed, { description: "ADMIN, or the need's enterprise; only the lifecycle's transitions." })
  updateNeedStatus(@Arg("id", () => ID) id: string, @Arg("status", () => NeedStatus) status: NeedStatus, @Ctx() ctx: Context) {
    return ctx.services.needs.updateStatus(ctx, idOf("TechNeed", id, "id"), status);
  }

  @FieldResolver(() => ID)
  id(@Root() need: NeedRow) {
    return toGlobalId("TechNeed", need.id);
  }

  @FieldResolver(() => Enterprise, { description: "Hidden from anonymous callers (UNAUTHENTICATED)." })
  enterprise(@Root() need: NeedRow, @Ctx() ctx: Context) {
    if (ctx.viewer.kind === "anonymous") throw unauthenticated("Sign in to see who posted a need");
    return ctx.loaders.enterprise.load(need.enterpriseId);
  }

  @FieldResolver(() => IndustryChain)
  industryChain(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return ctx.loaders.chain.load(need.chainCode);
  }

  @FieldResolver(() => Int, { nullable: true, description: "yuan; null for anonymous callers, and on CONFIDENTIAL needs for all but the owner, ADMIN and ANALYST" })
  budgetMin(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return mayReadBudget(ctx.viewer, need) ? need.budgetMin : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: "yuan; private like budgetMin" })
  budgetMax(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return mayReadBudget(ctx.viewer, need) ? need.budgetMax : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: "揭榜挂帅 award in yuan" })
  challengeAward(@Root() need: NeedRow) {
    return need.challengeAward;
  }

  @FieldResolver(() => [Match], { description: "Best first (rank 1 first). Available as soon as postNeed returns." })
  matches(
    @Root() need: NeedRow,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("supplierKinds", () => [SupplierKind], { nullable: true }) supplierKinds: SupplierKind[] | null,
    @Arg("minScore", () => Float, { nullable: true }) minScore: number | null,
  ) {
    if (first < 0 || first > 100) throw badInput("first", "first must be between 0 and 100");
    return ctx.loaders.matchesOfNeed.load({ needId: need.id, first, supplierKinds, minScore: minScore ?? null });
  }

  @FieldResolver(() => [Response])
  responses(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return ctx.loaders.responsesOfNeed.load(need.id);
  }
}
