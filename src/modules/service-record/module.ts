import type { HubModule } from "../../context/hub-module";
import { ServiceRecordResolver } from "./service-record.resolver";
import { ServiceRecordService } from "./service-record.service";

declare module "../../context/context" {
  interface Services {
    serviceRecords: ServiceRecordService;
  }
}

/** Service records of workstations and suppliers. */
export const serviceRecordModule: HubModule = {
  name: "service-record",
  resolvers: [ServiceRecordResolver],
  services: {
    serviceRecords: (deps) => new ServiceRecordService(deps.prisma, deps.timeZone),
  },
};
