import type { HubModule } from "../../context/hub-module";
import { ImportService } from "./import.service";

declare module "../../context/context" {
  interface Services {
    imports: ImportService;
  }
}

/** Import of enterprises and experts from xlsx. */
export const importModule: HubModule = {
  name: "import",
  services: {
    imports: (deps, use) => new ImportService(deps.prisma, use("matching")),
  },
};
