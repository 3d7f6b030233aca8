import type { Context } from "../../context/context";
import { isNodeType, type NodeType } from "../../infra/relay/global-id";
import { mayReadUser, readableMatches, readableNeeds, readableResponses } from "../access";
import { nodeFacet } from "../../schema/subscription-classes";
import { typed } from "./node.type";
import { readableDeals } from "../deal";
import { supplierKindOfType } from "../supplier";
import { readableServiceRecords } from "../service-record";

/**
 * A node by its type name and database id as the viewer may see it, typed for the Node interface; null otherwise (a
 * type the hub does not know yet too). Once loaded, the node itself rather than a promise of it: a group's
 * notifications about one need (10,000 at the bench's fan-out, executed in slices) then resolve their subject without
 * a promise and a callback each.
 */
export function loadVisibleNode(ctx: Context, type: string, id: number): Promise<object | null> | object | null {
  if (!isNodeType(type)) return null;
  // Viewers alike in what the type's row rule reads see the same row: asked once per event (or operation), so the
  // subscribers of one event whose rights agree (a notification's subject for an enterprise's users) cost one
  // statement, not one each. Types without a row rule are decided per user.
  // The typed copy is kept too: a group's 10,000 notifications about one response share one object, not a copy each.
  const key = `${type}:${id}:${nodeFacet(ctx.viewer, type)}`;
  const known = ctx.loaders.visibleNodes;
  const node = known.get(key);
  if (node !== undefined) return node;
  const loading = loadVisible(ctx, type, id).then((visible) => {
    const loaded = visible ? typed(type, visible) : null;
    known.set(key, loaded);
    return loaded;
  });
  known.set(key, loading);
  return loading;
}

/** Loads a node through the same rules as every other door: invisible and missing look the same. */
async function loadVisible(ctx: Context, type: NodeType, id: number): Promise<object | null> {
  const { loaders, viewer, services } = ctx;
  switch (type) {
    case "TechNeed":
      return loaders.need.load(id);
    case "Match":
      return services.prisma.match.findFirst({ where: { id, AND: [readableMatches(viewer)] } });
    case "Response":
      return services.prisma.response.findFirst({ where: { id, AND: [readableResponses(viewer)] } });
    case "User":
      return mayReadUser(viewer, id) ? loaders.user.load(id) : null;
    case "Enterprise":
      return loaders.enterprise.load(id);
    // Workflow types: the same rules as their lists (src/modules/{deal,service-record,workstation}).
    case "Deal":
      return services.prisma.deal.findFirst({ where: { id, AND: [readableDeals(viewer), { need: readableNeeds(viewer) }] } });
    case "Docking":
      return services.dockings.visible(ctx, id);
    case "ServiceRecord":
      return services.prisma.serviceRecord.findFirst({ where: { id, AND: [readableServiceRecords(viewer)] } });
    case "ExpertWorkstation":
      return viewer.kind === "user" ? services.prisma.expertWorkstation.findUnique({ where: { id } }) : null;
    case "SavedQuery":
      return services.savedQueries.visible(viewer, id);
    // Only its recipient reads a notification.
    case "Notification":
      return services.notifications.visible(viewer, id);
    case "Invitation":
      return loaders.invitation.load(id);
    case "Registration":
      return viewer.kind === "user" && viewer.role === "ADMIN" ? services.prisma.registration.findUnique({ where: { id } }) : null;
    // 揭榜挂帅 review rows are read through TechNeed.challengeReview only.
    case "ChallengeCriterion":
    case "ChallengeObjection":
    case "ChallengeMilestone":
      return null;
    // Suppliers of every kind (supplier/kinds.ts): public rows.
    default: {
      const supplier = supplierKindOfType(type);
      return supplier ? loaders.supplierRow.load({ kind: supplier.kind, id }) : null;
    }
  }
}
