import type { HubModule } from "../../context/hub-module";
import { WorkflowSubscriptionResolver } from "./workflow.subscription";

/** The workflow's status history, timers and their events. */
export const workflowModule: HubModule = {
  name: "workflow",
  resolvers: [WorkflowSubscriptionResolver],
};
