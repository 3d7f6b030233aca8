import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { Context, Loaders } from "../../context/context";
import type { EnterpriseRow, ExpertRow } from "../../infra/db/rows";
import { Enterprise } from "../enterprise";
import { Expert } from "../expert";
import { Node, typed } from "../node";
import type { ConflictRow } from "../../infra/db/rows";

@Resolver()
export class ConflictResolver {
  @Mutation(() => Boolean, {
    description: "The supplier's side (or ADMIN) declares a conflict of interest with an enterprise: never matched to, invited to or shown its MEMBERS / CONFIDENTIAL needs; its suggestions there go.",
  })
  declareConflict(
    @Arg("supplierId", () => ID) supplierId: string,
    @Arg("enterpriseId", () => ID) enterpriseId: string,
    @Arg("reason", () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conflicts.declare(ctx, supplierId, enterpriseId, reason);
  }

  @Mutation(() => Enterprise, { description: "The enterprise's users (or ADMIN) exclude a supplier (a society, platform or expert, e.g. a competitor's), as a conflict of interest." })
  excludeOrganization(@Arg("enterpriseId", () => ID) enterpriseId: string, @Arg("organizationId", () => ID) organizationId: string, @Ctx() ctx: Context) {
    return ctx.services.conflicts.exclude(ctx, enterpriseId, organizationId);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseConflictResolver {
  @FieldResolver(() => [Node], { nullable: true, description: "Organisations the enterprise excluded: for its own users and ADMIN (null for others)" })
  async excludedOrganizations(@Root() enterprise: EnterpriseRow, @Ctx() ctx: Context) {
    const rows = await ctx.services.conflicts.excluded(enterprise.id);
    return (await Promise.all(rows.map((row) => partyNode(row, ctx.loaders)))).filter((n) => n !== null);
  }
}

@Resolver(() => Expert)
export class ExpertEmployerResolver {
  @FieldResolver(() => Enterprise, { nullable: true, description: "The enterprise employing the expert (CreateExpertInput.employerId)" })
  employer(@Root() expert: ExpertRow, @Ctx() ctx: Context) {
    return expert.employerId === null ? null : ctx.loaders.enterprise.load(expert.employerId);
  }
}

async function partyNode(row: ConflictRow, loaders: Loaders): Promise<object | null> {
  switch (row.partyKind) {
    case "EXPERT": {
      const expert = await loaders.expert.load(row.partyId);
      return expert && typed("Expert", expert);
    }
    case "PLATFORM": {
      const platform = await loaders.platform.load(row.partyId);
      return platform && typed("InnovationPlatform", platform);
    }
    case "SOCIETY": {
      const society = await loaders.society.load(row.partyId);
      return society && typed("Society", society);
    }
  }
}
