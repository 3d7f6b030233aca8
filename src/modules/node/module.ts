import type { HubModule } from "../../context/hub-module";
import { NodeResolver } from "./node.resolver";

/** Relay's node and nodes: any object by its global id. */
export const nodeModule: HubModule = {
  name: "node",
  resolvers: [NodeResolver],
};
