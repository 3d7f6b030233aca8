import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context";
import { seesEverything } from "../../infra/auth/viewer";
import { decodeGlobalId, type NodeType } from "../../infra/relay/global-id";
import { readableResponses } from "../response/response-access";
import { Node, typed } from "./node.type";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global ID; null when it does not exist or the caller may not see it." })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    const decoded = decodeGlobalId(id);
    if (!decoded) return null;
    const row = await loadVisible(ctx, decoded.type, decoded.id);
    return row ? typed(decoded.type, row) : null;
  }
}

/** Loads a node through the same rules as every other door: invisible and missing look the same. */
async function loadVisible(ctx: Context, type: NodeType, id: number): Promise<object | null> {
  const { loaders, viewer, services } = ctx;
  switch (type) {
    case "TechNeed":
      return loaders.need.load(id);
    case "Match": {
      const match = await loaders.match.load(id);
      return match && (await loaders.need.load(match.needId)) ? match : null;
    }
    case "Response":
      return services.prisma.response.findFirst({ where: { id, AND: [readableResponses(viewer)] } });
    case "User":
      return viewer.kind === "user" && (viewer.userId === id || seesEverything(viewer)) ? loaders.user.load(id) : null;
    case "Enterprise":
      return loaders.enterprise.load(id);
    case "Society":
      return loaders.society.load(id);
    case "Expert":
      return loaders.expert.load(id);
    case "InnovationPlatform":
      return loaders.platform.load(id);
  }
}
