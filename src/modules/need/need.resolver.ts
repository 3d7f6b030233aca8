import type { GraphQLResolveInfo } from "graphql";
import { Docking } from "../docking";
import { Arg, Args, Ctx, FieldResolver, Float, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import type { NeedRow } from "../../infra/db/rows";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { pageSize } from "../../infra/relay/pagination";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { NeedStatus, SupplierKind } from "../../schema/enums";
import { briefEnterpriseSuffices, Enterprise } from "../enterprise";
import { Match } from "../match";
import { IndustryChain } from "../reference";
import { Response } from "../response";
import { NeedFilter, PostNeedInput, UpdateNeedInput } from "./need.input";
import { TechNeed, TechNeedConnection } from "./need.type";
import { Deal } from "../deal";
import { isStale, needTimers } from "../workflow";
import { NeedStep, NeedTimers } from "../workflow";
import { MATCHABLE_NEED_STATUSES } from "./need-status";
import { needRead } from "./need.columns";
import { matchRead } from "../match";

@Resolver(() => TechNeed)
export class NeedResolver {
  @Query(() => TechNeedConnection, { description: "Newest first; only the needs the caller may see." })
  async needs(
    @Args() page: ConnectionArgs,
    @Arg("filter", () => NeedFilter, { nullable: true }) filter: NeedFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const enterpriseId = filter?.enterpriseId ? (idOf("Enterprise", filter.enterpriseId, "filter.enterpriseId") ?? -1) : undefined;
    const query = {
      statuses: filter?.status,
      chainCode: filter?.industryChainCode,
      regionCode: filter?.regionCode,
      enterpriseIds: enterpriseId === undefined ? undefined : [enterpriseId],
      isChallenge: filter?.isChallenge,
      stale: filter?.stale,
      text: filter?.text,
    };
    return toConnection(await ctx.services.needs.list(ctx, page, query, needRead(info)));
  }

  @Mutation(() => TechNeed, { description: "ADMIN, or ENTERPRISE for its own enterprise; status OPEN, matched before it returns." })
  postNeed(@Arg("input", () => PostNeedInput) input: PostNeedInput, @Ctx() ctx: Context) {
    return ctx.services.needs.post(ctx, idOf("Enterprise", input.enterpriseId, "input.enterpriseId"), input);
  }

  @Mutation(() => TechNeed, {
    description:
      "ADMIN, or the need's enterprise, corrects an OPEN or DRAFT need (the deadline only later); a changed text, chain, kind or keywords match it again (SUGGESTED matches replaced, others kept).",
  })
  updateNeed(@Arg("id", () => ID) id: string, @Arg("input", () => UpdateNeedInput) input: UpdateNeedInput, @Ctx() ctx: Context) {
    return ctx.services.needs.update(ctx, idOf("TechNeed", id, "id"), input);
  }

  @Mutation(() => TechNeed, {
    description:
      "ADMIN, or the need's enterprise; only the lifecycle's transitions (else BAD_USER_INPUT naming the current status). EXPIRED is the expiry sweep's; reopening past the deadline needs a new `deadline`.",
  })
  updateNeedStatus(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => NeedStatus) status: NeedStatus,
    @Ctx() ctx: Context,
    @Arg("deadline", () => Date, { nullable: true, description: "a new deadline, when opening" }) deadline: Date | null,
  ) {
    return ctx.services.needs.updateStatus(ctx, idOf("TechNeed", id, "id"), status, deadline ?? null);
  }

  @FieldResolver(() => ID)
  id(@Root() need: NeedRow) {
    return toGlobalId("TechNeed", need.id);
  }

  // Private fields (enterprise, budgets, timers, history): their rules are in access/policy.table.ts.
  @FieldResolver(() => Enterprise, { description: "Hidden from anonymous callers (UNAUTHENTICATED)." })
  enterprise(@Root() need: NeedRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return briefEnterpriseSuffices(info) ? ctx.loaders.enterpriseBrief.load(need.enterpriseId) : ctx.loaders.enterprise.load(need.enterpriseId);
  }

  @FieldResolver(() => IndustryChain)
  industryChain(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return ctx.loaders.chain.find(need.chainCode);
  }

  @FieldResolver(() => Int, { nullable: true, description: "yuan; null for anonymous callers, and on MEMBERS and CONFIDENTIAL needs for all but the owner, ADMIN and ANALYST" })
  budgetMin(@Root() need: NeedRow) {
    return need.budgetMin;
  }

  @FieldResolver(() => Int, { nullable: true, description: "yuan; private like budgetMin" })
  budgetMax(@Root() need: NeedRow) {
    return need.budgetMax;
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
    @Info() info: GraphQLResolveInfo,
  ) {
    const { columns, supplierNames } = matchRead(info); // named, not spread: a key per need listed
    return ctx.loaders.matchesOfNeed.load({ needId: need.id, first: pageSize(first), supplierKinds, minScore: minScore ?? null, columns, supplierNames });
  }

  @FieldResolver(() => [Response])
  responses(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return ctx.loaders.responsesOfNeed.load(need.id);
  }

  @FieldResolver(() => Date, { nullable: true, description: "揭榜挂帅: solutions are taken until then" })
  submissionDeadline(@Root() need: NeedRow) {
    return need.isChallenge ? need.submissionDeadline : null;
  }

  @FieldResolver(() => Boolean, { description: "Whether responses (a challenge's solutions) are taken now" })
  acceptingResponses(@Root() need: NeedRow) {
    if (!MATCHABLE_NEED_STATUSES.includes(need.status)) return false;
    return !(need.isChallenge && need.submissionDeadline && need.submissionDeadline.getTime() <= Date.now());
  }

  @FieldResolver(() => Response, { nullable: true, description: "揭榜挂帅: the winning solution, once awarded (for those who may see it)" })
  async challengeWinner(@Root() need: NeedRow, @Ctx() ctx: Context) {
    if (!need.isChallenge) return null;
    return (await ctx.loaders.responsesOfNeed.load(need.id)).find((r) => r.status === "ACCEPTED") ?? null;
  }

  @FieldResolver(() => Boolean, { description: "OPEN with no response HUB_STALE_NEED_DAYS days after it opened, and nobody working on it (an accepted response or match)" })
  async isStale(@Root() need: NeedRow, @Ctx() ctx: Context) {
    // The columns decide for almost every need; only those they call stale are asked whether someone works on them.
    return isStale(need, ctx.services.needs.settings.staleNeedDays) && !(await ctx.loaders.needEngaged.load(need.id));
  }

  @FieldResolver(() => NeedTimers, { nullable: true, description: "Lifecycle times: for the need's enterprise, ADMIN and ANALYST (null for others)" })
  timers(@Root() need: NeedRow) {
    return needTimers(need);
  }

  @FieldResolver(() => [NeedStep], { description: "Every status step, oldest first: for the need's enterprise, ADMIN and ANALYST (empty for others)" })
  async history(@Root() need: NeedRow, @Ctx() ctx: Context): Promise<NeedStep[]> {
    const steps = await ctx.loaders.historyOfNeed.load(need.id);
    return steps.map((s) => ({ from: s.fromStatus as NeedStep["from"], status: s.toStatus as NeedStep["status"], at: s.at, byUser: s.actorId !== null }));
  }

  @FieldResolver(() => [Deal], { description: "Outcomes recorded for this need (those the caller may see)" })
  deals(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return ctx.loaders.dealsOfNeed.load(need.id);
  }

  @FieldResolver(() => [Docking], { description: "Docking meetings (对接) for this need that the caller may see, soonest first" })
  dockings(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return ctx.loaders.dockingsOfNeed.load(need.id);
  }
}
