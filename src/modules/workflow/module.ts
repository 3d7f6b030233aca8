import type { HubModule, ViewerLoaderDeps } from "../../context/hub-module";
import type { Loaders } from "../../context/context";
import { WorkflowSubscriptionResolver } from "./workflow.subscription";
import { workflowLoaders } from "./workflow.loaders";

type WorkflowLoaders = ReturnType<typeof workflowLoaders>;

declare module "../../context/context" {
  interface Loaders {
    historyOfNeed: WorkflowLoaders["historyOfNeed"];
    historyOfResponse: WorkflowLoaders["historyOfResponse"];
    historyOfMatch: WorkflowLoaders["historyOfMatch"];
  }
}

// The workflow's three loaders are made together when one of them is first asked for, once per request's set.
const madeFor = new WeakMap<Loaders, WorkflowLoaders>();
function made({ prisma }: ViewerLoaderDeps, loaders: Loaders): WorkflowLoaders {
  let set = madeFor.get(loaders);
  if (!set) madeFor.set(loaders, (set = workflowLoaders(prisma)));
  return set;
}

/** The workflow's status history, timers and their events. */
export const workflowModule: HubModule = {
  name: "workflow",
  resolvers: [WorkflowSubscriptionResolver],
  viewerLoaders: {
    historyOfNeed: (deps, loaders) => made(deps, loaders).historyOfNeed,
    historyOfResponse: (deps, loaders) => made(deps, loaders).historyOfResponse,
    historyOfMatch: (deps, loaders) => made(deps, loaders).historyOfMatch,
  },
};
