import type { HubModule } from "../../context/hub-module";
import { needEngagedLoader, openEngagementsLoader } from "./engagement.loaders";

declare module "../../context/context" {
  interface Loaders {
    needEngaged: ReturnType<typeof needEngagedLoader>;
    openEngagementsOfExpert: ReturnType<typeof openEngagementsLoader>;
  }
}

/** Engagements: which needs a supplier is engaged on, and an expert's open engagements. */
export const engagementModule: HubModule = {
  name: "engagement",
  sharedLoaders: { needEngaged: needEngagedLoader, openEngagementsOfExpert: openEngagementsLoader },
};
