// The modules' resolver classes carry decorators that need the metadata polyfill loaded before them.
import "reflect-metadata";
import type { HubModule } from "./context/hub-module";
import { auditModule } from "./modules/audit/module";
import { enterpriseModule } from "./modules/enterprise/module";
import { expertModule } from "./modules/expert/module";
import { matchModule } from "./modules/match/module";
import { needModule } from "./modules/need/module";
import { nodeModule } from "./modules/node/module";
import { platformModule } from "./modules/platform/module";
import { referenceModule } from "./modules/reference/module";
import { responseModule } from "./modules/response/module";
import { societyModule } from "./modules/society/module";
import { universityModule } from "./modules/university/module";
import { statsModule } from "./modules/stats/module";
import { userModule } from "./modules/user/module";
import { challengeModule } from "./modules/challenge/module";
import { dealModule } from "./modules/deal/module";
import { registrationModule } from "./modules/registration/module";
import { dockingModule } from "./modules/docking/module";
import { serviceRecordModule } from "./modules/service-record/module";
import { workflowModule } from "./modules/workflow/module";
import { savedQueryModule } from "./modules/saved-query/module";
import { workstationModule } from "./modules/workstation/module";
import { notificationModule } from "./modules/notification/module";
import { invitationModule } from "./modules/invitation/module";
import { conflictModule } from "./modules/conflict/module";
import { importModule } from "./modules/import/module";
import { schedulerModule } from "./modules/scheduler/module";
import { accessModule } from "./modules/access/module";
import { supplierModule } from "./modules/supplier/module";
import { engagementModule } from "./modules/engagement/module";

// Imported in the order the schema's types were first defined (schema/schema.graphql lists them in that order).

/**
 * The hub's feature modules: the one list the schema's resolvers (schema/build-schema.ts) and the services
 * (context/services.ts) and the loaders (context/loaders.ts) are built from. Adding a module is a line here and its `module.ts`. The order is the
 * order of the resolvers in the schema; services are built in whatever order they need each other.
 */
export const HUB_MODULES: readonly HubModule[] = [
  nodeModule,
  userModule,
  referenceModule,
  enterpriseModule,
  societyModule,
  expertModule,
  platformModule,
  universityModule,
  needModule,
  responseModule,
  matchModule,
  statsModule,
  dealModule,
  dockingModule,
  challengeModule,
  serviceRecordModule,
  workstationModule,
  workflowModule,
  auditModule,
  savedQueryModule,
  notificationModule,
  invitationModule,
  conflictModule,
  registrationModule,
  importModule,
  schedulerModule,
  // Modules without resolvers: they give loaders (and may give services).
  accessModule,
  supplierModule,
  engagementModule,
];
