import { DEFAULT_TIME_ZONE } from "../config";
import { HUB_MODULES } from "../hub-modules";
import { DEFAULT_WORKFLOW_SETTINGS } from "../modules/workflow/timers";
import type { Services } from "./context";
import { loaderSets } from "./loaders";
import type { HubDeps, NotificationSettings, ServiceDeps, UseService } from "./hub-module";

export type { Services } from "./context";
export type { NotificationSettings, ServiceDeps } from "./hub-module";

const INBOX_ONLY: NotificationSettings = { mailOn: false, publicUrl: "http://localhost:4000", timeZone: DEFAULT_TIME_ZONE, digestHour: 8 };

/**
 * The hub's services, built once per process from the modules' factories (src/hub-modules.ts); every method takes
 * the request context first. A factory asks for the services it needs by name (`use`): each is built once, on
 * first use, so the modules' order does not matter; two services that need each other are refused by name.
 */
export function createServices(deps: ServiceDeps): Services {
  const hubDeps: HubDeps = {
    ...deps,
    workflow: deps.workflow ?? DEFAULT_WORKFLOW_SETTINGS,
    notifications: deps.notifications ?? INBOX_ONLY,
    timeZone: deps.timeZone ?? DEFAULT_TIME_ZONE,
  };
  const factories = new Map<string, (deps: HubDeps, use: UseService) => unknown>();
  for (const module of HUB_MODULES) {
    for (const [name, make] of Object.entries(module.services ?? {})) {
      if (factories.has(name)) throw new Error(`The service ${name} is built by two modules (the second: ${module.name})`);
      factories.set(name, make as (deps: HubDeps, use: UseService) => unknown);
    }
  }
  const built: Record<string, unknown> = { prisma: deps.prisma, pubsub: deps.pubsub, queryBudget: deps.queryBudget, loaderSets: loaderSets(deps.prisma) };
  const building: string[] = [];
  const use = (name: string): unknown => {
    if (name in built) return built[name];
    const make = factories.get(name);
    if (!make) throw new Error(`No module builds the service ${name}`);
    if (building.includes(name)) throw new Error(`Services that need each other: ${[...building, name].join(" → ")}`);
    building.push(name);
    try {
      return (built[name] = make(hubDeps, use as UseService));
    } finally {
      building.pop();
    }
  };
  for (const name of factories.keys()) use(name);
  return built as unknown as Services;
}
