import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { Enterprise } from "../enterprise";
import { Expert } from "../expert";
import { Society } from "../society";
import { CreateWorkstationInput, WorkstationFilter } from "./workstation.input";
import type { WorkstationRow } from "./workstation.service";
import { ExpertWorkstation, ExpertWorkstationConnection } from "./workstation.type";

@Resolver(() => ExpertWorkstation)
export class WorkstationResolver {
  @Query(() => ExpertWorkstationConnection, { description: "学会专家工作站, newest first (signed-in users)." })
  async workstations(@Args() page: ConnectionArgs, @Arg("filter", () => WorkstationFilter, { nullable: true }) filter: WorkstationFilter | null, @Ctx() ctx: Context) {
    return toConnection(
      await ctx.services.workstations.list(ctx, page, {
        societyId: filter?.societyId ? (idOf("Society", filter.societyId, "filter.societyId") ?? -1) : undefined,
        enterpriseId: filter?.enterpriseId ? (idOf("Enterprise", filter.enterpriseId, "filter.enterpriseId") ?? -1) : undefined,
        activeOn: filter?.activeOn ?? undefined,
      }),
    );
  }

  @Mutation(() => ExpertWorkstation, { description: "ADMIN, or SOCIETY for its own society; the experts must be its members." })
  createWorkstation(@Arg("input", () => CreateWorkstationInput) input: CreateWorkstationInput, @Ctx() ctx: Context) {
    return ctx.services.workstations.create(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() ws: WorkstationRow) {
    return toGlobalId("ExpertWorkstation", ws.id);
  }

  @FieldResolver(() => Society)
  society(@Root() ws: WorkstationRow, @Ctx() ctx: Context) {
    return ctx.loaders.society.load(ws.societyId);
  }

  @FieldResolver(() => Enterprise)
  enterprise(@Root() ws: WorkstationRow, @Ctx() ctx: Context) {
    return ctx.loaders.enterprise.load(ws.enterpriseId);
  }

  @FieldResolver(() => [Expert])
  async experts(@Root() ws: WorkstationRow, @Ctx() ctx: Context) {
    const rows = await ctx.services.prisma.workstationExpert.findMany({ where: { workstationId: ws.id }, include: { expert: true }, orderBy: { expertId: "asc" } });
    return rows.map((r) => r.expert);
  }

  @FieldResolver(() => Boolean, { description: "whether today is within the period" })
  active(@Root() ws: WorkstationRow) {
    const now = Date.now();
    return ws.startsOn.getTime() <= now && (ws.endsOn === null || ws.endsOn.getTime() >= now);
  }
}
