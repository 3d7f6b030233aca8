import type { HubModule } from "../../context/hub-module";
import { NodeResolver } from "./node.resolver";
import { loadVisibleNode } from "./visible-node";

/** What other modules ask of this one through the context (a notification's subject), without importing it. */
export interface NodeService {
  /** A node by its type name and database id as the viewer may see it; null when missing or not visible. */
  visible: typeof loadVisibleNode;
}

declare module "../../context/context" {
  interface Services {
    nodes: NodeService;
  }
}

/** Relay's node and nodes: any object by its global id. */
export const nodeModule: HubModule = {
  name: "node",
  resolvers: [NodeResolver],
  services: {
    nodes: () => ({ visible: loadVisibleNode }),
  },
};
