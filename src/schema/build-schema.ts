import "reflect-metadata";
import "./enums";
import { DateTimeResolver } from "graphql-scalars";
import { isAbstractType, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { validateInput } from "../infra/http/validate-input";
import { applyPolicy } from "./apply-policy";
import { callResolversDirectly, ResolverInstances, type DirectField } from "../infra/library-patches/direct-resolvers";
import { AuditResolver } from "../modules/audit/audit.resolver";
import { EnterpriseResolver } from "../modules/enterprise/enterprise.resolver";
import { ExpertResolver } from "../modules/expert/expert.resolver";
import { MatchResolver } from "../modules/match/match.resolver";
import { MatchSubscriptionResolver } from "../modules/match/match.subscription";
import { NeedResolver } from "../modules/need/need.resolver";
import { NeedSubscriptionResolver } from "../modules/need/need.subscription";
import { NodeResolver } from "../modules/node/node.resolver";
import { resolveTypename } from "../modules/node/node.type";
import { PlatformResolver } from "../modules/platform/platform.resolver";
import { ReferenceResolver } from "../modules/reference/reference.resolver";
import { ResponseResolver } from "../modules/response/response.resolver";
import { ResponseSubscriptionResolver } from "../modules/response/response.subscription";
import { SocietyResolver } from "../modules/society/society.resolver";
import { UniversityResolver } from "../modules/university/university.resolver";
import { StatsResolver } from "../modules/stats/stats.resolver";
import { UserResolver } from "../modules/user/user.resolver";
import { ChallengeResolver } from "../modules/challenge/challenge.resolver";
import {
  ChallengeNoticeResolver,
  ChallengePanelistResolver,
  ChallengeReviewFieldsResolver,
  ChallengeReviewResolver,
  NeedChallengeReviewResolver,
  ResponseScoresResolver,
  SolutionRankResolver,
  SolutionScoreResolver,
} from "../modules/challenge/challenge-review.resolver";
import { DealResolver } from "../modules/deal/deal.resolver";
import { RegistrationResolver } from "../modules/registration/registration.resolver";
import { DockingResolver } from "../modules/docking/docking.resolver";
import { ServiceRecordResolver } from "../modules/service-record/service-record.resolver";
import { WorkflowSubscriptionResolver } from "../modules/workflow/workflow.subscription";
import { SavedQueryResolver } from "../modules/saved-query/saved-query.resolver";
import { SavedQuerySubscriptionResolver } from "../modules/saved-query/saved-query.subscription";
import { WorkstationResolver } from "../modules/workstation/workstation.resolver";
import { NotificationResolver, UserNotificationResolver } from "../modules/notification/notification.resolver";
import { NotificationSubscriptionResolver } from "../modules/notification/notification.subscription";

import { InvitationResolver, NeedInvitationResolver } from "../modules/invitation/invitation.resolver";
import { ConflictResolver, EnterpriseConflictResolver, ExpertEmployerResolver } from "../modules/conflict/conflict.resolver";
export const RESOLVERS = [
  NodeResolver,
  UserResolver,
  ReferenceResolver,
  EnterpriseResolver,
  SocietyResolver,
  ExpertResolver,
  PlatformResolver,
  UniversityResolver,
  NeedResolver,
  NeedSubscriptionResolver,
  ResponseResolver,
  ResponseSubscriptionResolver,
  MatchResolver,
  MatchSubscriptionResolver,
  StatsResolver,
  DealResolver,
  DockingResolver,
  ChallengeResolver,
  ChallengeReviewResolver,
  NeedChallengeReviewResolver,
  ChallengeReviewFieldsResolver,
  ChallengeNoticeResolver,
  ChallengePanelistResolver,
  SolutionRankResolver,
  SolutionScoreResolver,
  ResponseScoresResolver,
  ServiceRecordResolver,
  WorkstationResolver,
  WorkflowSubscriptionResolver,
  AuditResolver,
  SavedQueryResolver,
  SavedQuerySubscriptionResolver,
  NotificationResolver,
  NotificationSubscriptionResolver,
  UserNotificationResolver,
  InvitationResolver,
  NeedInvitationResolver,
  ConflictResolver,
  EnterpriseConflictResolver,
  ExpertEmployerResolver,
  RegistrationResolver,
] as const;

let cached: Promise<GraphQLSchema> | undefined;
let direct: DirectField[] = [];

/**
 * The executable schema; built once per process (type-graphql's metadata is global anyway). Every object type
 * says `simpleResolvers: true`: the hub uses no type-graphql middleware or @Authorized (the access policy is applied
 * to the built schema, apply-policy.ts), so plain fields take graphql-js's default resolver instead of a wrapper per
 * field and per row.
 */
export function hubSchema(): Promise<GraphQLSchema> {
  return (cached ??= buildHubSchema());
}

async function buildHubSchema(): Promise<GraphQLSchema> {
  const instances = new ResolverInstances();
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    container: instances,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Our validator names the offending field and never echoes the input back.
    validateFn: validateInput,
    emitSchemaFile: false,
    // Every subscription brings its own `subscribe` (infra/pubsub/deliver.ts); type-graphql still insists on one.
    pubSub: createPubSub(),
  });
  direct = callResolversDirectly(withTypenameResolution(schema), instances);
  // After the direct calls: each guard wraps whichever resolver the field ends up with.
  applyPolicy(schema);
  return schema;
}

/** The fields whose resolvers are called directly (direct-resolvers.ts), once hubSchema() has resolved. */
export const directFields = (): readonly DirectField[] => direct;

/**
 * Every union and interface of the hub resolves a value's type from the `__typename` its resolver put on it
 * (node.type.ts, `typed`). type-graphql wraps such a function in an async one: a promise per supplier of every match
 * listed, and a promise the compiled executor (compiled-executor.ts) cannot take. The plain function goes back in.
 */
function withTypenameResolution(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) if (isAbstractType(type)) type.resolveType = resolveTypename;
  return schema;
}
