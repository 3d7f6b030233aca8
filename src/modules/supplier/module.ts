import type { HubModule } from "../../context/hub-module";
import { supplierRowLoader } from "./supplier.loaders";

declare module "../../context/context" {
  interface Loaders {
    /** Any kind's supplier row (supplier/kinds.ts), for kinds without a loader of their own. */
    supplierRow: ReturnType<typeof supplierRowLoader>;
  }
}

/** The supplier kinds (kinds.ts): their rows, for every kind the same way. */
export const supplierModule: HubModule = {
  name: "supplier",
  sharedLoaders: { supplierRow: supplierRowLoader },
};
