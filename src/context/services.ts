import { createPasswordResetLimiter, createRegistrationLimiter, type LoginLimiter } from "../infra/auth/login-limiter";
import type { TokenService } from "../infra/auth/tokens";
import type { Prisma } from "../infra/db/database";
import type { Logger } from "../infra/logger";
import type { HubPubSub } from "../infra/pubsub/pubsub";
import { AuditService } from "../modules/audit/audit.service";
import { EnterpriseService } from "../modules/enterprise/enterprise.service";
import { ExpertService } from "../modules/expert/expert.service";
import { MatchService } from "../modules/match/match.service";
import { MatchingService } from "../modules/match/matching.service";
import { NeedService } from "../modules/need/need.service";
import { PlatformService } from "../modules/platform/platform.service";
import { UniversityService } from "../modules/university/university.service";
import { ReferenceService } from "../modules/reference/reference.service";
import { ResponseService } from "../modules/response/response.service";
import { SocietyService } from "../modules/society/society.service";
import { StatsService } from "../modules/stats/stats.service";
import { IndicatorTargetService } from "../modules/stats/indicator-target.service";
import { AuthService } from "../modules/user/auth.service";
import { ChallengeService } from "../modules/challenge/challenge.service";
import { ChallengeDeliveryService } from "../modules/challenge/delivery.service";
import { ChallengeReviewService } from "../modules/challenge/review.service";
import { DealService } from "../modules/deal/deal.service";
import { DockingService } from "../modules/docking/docking.service";
import { ExpirySweep } from "../modules/scheduler/expiry-sweep";
import { ServiceRecordService } from "../modules/service-record/service-record.service";
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowSettings } from "../modules/workflow/timers";
import { SavedQueryService } from "../modules/saved-query/saved-query.service";
import { DEFAULT_TIME_ZONE } from "../config";
import type { QueryBudget } from "../infra/http/query-budget";
import { ConflictService } from "../modules/conflict/conflict.service";
import { InvitationService } from "../modules/invitation/invitation.service";
import { WorkstationService } from "../modules/workstation/workstation.service";
import { DailyDigest, NotificationService, NotificationSweep, Notifier } from "../modules/notification";
import { notifyingAccountMail, type AccountMail } from "../modules/registration/account-mail";
import { RegistrationService } from "../modules/registration/registration.service";
import { AccountService } from "../modules/user/account.service";
import { ImportService } from "../modules/import/import.service";

export interface ServiceDeps {
  prisma: Prisma;
  pubsub: HubPubSub;
  tokens: TokenService;
  log: Logger;
  loginLimiter?: LoginLimiter;
  workflow?: WorkflowSettings;
  /** The per-caller query cost budget, shared by /graphql, WebSocket operations and saved queries. */
  queryBudget: QueryBudget;
  notifications?: NotificationSettings;
  /** HUB_TIME_ZONE: statistics count months, days and windows there. */
  timeZone?: string;
  registrationLimiter?: LoginLimiter;
  /** Password-reset requests per e-mail and per client address. */
  passwordResetLimiter?: LoginLimiter;
  /** The time account care reads (reset links' expiry); tests move it instead of waiting an hour. */
  clock?: () => number;
  /** What registration and account care send (reset links, review notices); logs only unless connected. */
  accountMail?: AccountMail;
  /** The hub's public address, for links in mails (HUB_PUBLIC_URL). */
  publicUrl?: () => string;
}

/** What notifications need of the hub's configuration (config.ts). */
export interface NotificationSettings {
  /** SMTP_URL is set: notifications are also mailed. */
  mailOn: boolean;
  publicUrl: string;
  timeZone: string;
  digestHour: number;
}

const INBOX_ONLY: NotificationSettings = { mailOn: false, publicUrl: "http://localhost:4000", timeZone: DEFAULT_TIME_ZONE, digestHour: 8 };

/** The hub's services, built once per process; every method takes the request context first. */
export function createServices(deps: ServiceDeps) {
  const { prisma, pubsub, tokens, log, loginLimiter, workflow = DEFAULT_WORKFLOW_SETTINGS, queryBudget, notifications = INBOX_ONLY, timeZone = DEFAULT_TIME_ZONE } = deps;
  const reference = new ReferenceService(prisma);
  const notifier = new Notifier({ mailOn: notifications.mailOn, publicUrl: notifications.publicUrl });
  const matching = new MatchingService(pubsub, log, notifier);
  const responses = new ResponseService(prisma, pubsub, notifier);
  const deals = new DealService(prisma, pubsub, notifier);
  const digest = notifications.mailOn ? new DailyDigest(prisma, { hour: notifications.digestHour, timeZone: notifications.timeZone, publicUrl: notifications.publicUrl }) : null;
  const stats = new StatsService(prisma, timeZone);
  const enterprises = new EnterpriseService(prisma, reference);
  const societies = new SocietyService(prisma, matching);
  const experts = new ExpertService(prisma, reference, matching);
  const accountMail = deps.accountMail ?? notifyingAccountMail(notifier, deps.publicUrl ?? (() => notifications.publicUrl));
  const challengeReviews = new ChallengeReviewService(prisma, pubsub, notifier, responses, timeZone);
  const registrationLimiter = deps.registrationLimiter ?? createRegistrationLimiter({ redisUrl: null, scope: "local", perHour: 10, log });
  const passwordResetLimiter = deps.passwordResetLimiter ?? createPasswordResetLimiter({ redisUrl: null, scope: "local", log });
  return {
    prisma,
    pubsub,
    reference,
    notifier,
    notifications: new NotificationService(prisma),
    notificationSweep: new NotificationSweep(prisma, pubsub, notifier, { staleNeedDays: workflow.staleNeedDays, timeZone: notifications.timeZone }, digest, log),
    matching,
    auth: new AuthService(prisma, tokens, log, loginLimiter),
    enterprises,
    societies,
    experts,
    registrations: new RegistrationService(prisma, enterprises, societies, experts, matching, accountMail, registrationLimiter),
    imports: new ImportService(prisma, matching),
    accounts: new AccountService(prisma, accountMail, deps.publicUrl ?? (() => "http://localhost:4000"), passwordResetLimiter, deps.clock),
    platforms: new PlatformService(prisma, reference, matching),
    universities: new UniversityService(prisma, reference, matching),
    needs: new NeedService(prisma, reference, matching, workflow),
    responses,
    matches: new MatchService(prisma, pubsub),
    invitations: new InvitationService(prisma, pubsub, notifier),
    conflicts: new ConflictService(prisma),
    deals,
    dockings: new DockingService(prisma, pubsub, notifier, { timeZone: notifications.timeZone, publicUrl: notifications.publicUrl }),
    challenges: new ChallengeService(prisma, pubsub, responses, deals),
    challengeReviews,
    challengeDelivery: new ChallengeDeliveryService(prisma, pubsub, notifier, challengeReviews, timeZone),
    serviceRecords: new ServiceRecordService(prisma, timeZone),
    workstations: new WorkstationService(prisma),
    expiry: new ExpirySweep(prisma, pubsub, log),
    stats,
    indicatorTargets: new IndicatorTargetService(prisma, stats.programme.indicators),
    audit: new AuditService(prisma),
    savedQueries: new SavedQueryService(prisma),
    queryBudget,
  };
}

export type Services = ReturnType<typeof createServices>;
