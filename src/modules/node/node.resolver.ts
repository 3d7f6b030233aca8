import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context/context";
import { decodeGlobalId } from "../../infra/relay/global-id";
import { Node } from "./node.type";
import { loadVisibleNode } from "./visible-node";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global ID; null when it does not exist or the caller may not see it." })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    const decoded = decodeGlobalId(id);
    if (!decoded) return null;
    return loadVisibleNode(ctx, decoded.type, decoded.id);
  }
}
