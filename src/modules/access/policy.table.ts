/**
 * The hub's access policy, declared (issue 22 §1): who may call every query, mutation and subscription, and who may
 * read every non-public field. src/schema/apply-policy.ts applies it once when the schema is built; docs/access.md
 * is generated from it (`npm run docs:access`); test/unit/access-policy.test.ts fails when an operation, or a field
 * whose name looks private (PRIVATE_NAMES), has no entry here, or when an entry names no field of the schema.
 *
 * - A new operation: one line in OPERATIONS (who calls it; the row rule its lists and lookups apply; the ownership
 *   rule its service checks on the loaded row, by name).
 * - A new private field: one line in PRIVATE_FIELDS (a rule of FIELD_RULES, and what a denied reader gets), or, when
 *   a field only looks private, one line in OPEN_FIELDS saying why it is not.
 */
import type { Context } from "../../context/context";
import type { Role } from "../../generated/prisma/enums";
import type { Viewer } from "../../infra/auth/viewer";
import { readableDeals } from "../deal";
import { readableDockings } from "../docking";
import { mayReadDecline } from "../response";
import { readableSavedQueries } from "../saved-query";
import { readableServiceRecords } from "../service-record";
import { mayReadMatchDecline } from "./match-access";
import { mayReadBudget, mayReadNeedEnterprise, needSideOrStaff, readableMatches, readableNeeds } from "./need-access";
import { mayReadUser } from "./people-access";
import { readableResponses } from "./response-access";
import { readableInvitations } from "./invitation-access";
import { mayReadContact } from "./contact-access";
import { mayReadChallengeDelivery, mayReadChallengeRanking, mayReadScorePanelist, reviewsChallenge } from "../challenge";
import type { RowRule, ViewerReads } from "./row-rules";

// ---------- who may call an operation ----------

/** Anyone, signed in or not. */
export const PUBLIC = "PUBLIC";
/** Any signed-in user (else UNAUTHENTICATED). */
export const SIGNED_IN = "SIGNED_IN";
/** PUBLIC, SIGNED_IN, or these roles only (anonymous: UNAUTHENTICATED; other roles: FORBIDDEN). */
export type Callers = typeof PUBLIC | typeof SIGNED_IN | readonly Role[];

const ADMIN: readonly Role[] = ["ADMIN"];
const STAFF: readonly Role[] = ["ANALYST", "ADMIN"];
/** Every role that writes programme data (ANALYST writes none, but its own saved queries). */
const WRITERS: readonly Role[] = ["ADMIN", "ENTERPRISE", "SOCIETY", "EXPERT"];

/**
 * Row rules: which rows a viewer may see, as Prisma `where` fragments applied in SQL by every list, count, loader,
 * `node(id:)` and subscription of that kind. A row the viewer may not see answers NOT_FOUND (or null from `node`),
 * exactly as a missing one.
 */
export const ROW_RULES = {
  readableNeeds: {
    where: readableNeeds,
    text: "anonymous: PUBLIC needs that are not drafts; ADMIN, ANALYST: all; the enterprise's users: all of its needs; other signed-in users: PUBLIC and MEMBERS needs that are not drafts, and CONFIDENTIAL ones their supplier is matched to or responded to",
  },
  readableMatches: { where: readableMatches, text: "a match is seen exactly when its need is" },
  readableResponses: {
    where: readableResponses,
    text: "the responding society, the experts it offered, the need's enterprise, ADMIN and ANALYST, the review panel of a 揭榜挂帅 challenge, while the need itself is readable; never anonymous callers",
  },
  readableDeals: {
    where: readableDeals,
    text: "the need's enterprise, ADMIN, ANALYST and the supplier side of the deal (the responding society and its offered experts, or the matched expert, platform or society, and the society of a matched expert)",
  },
  readableDockings: {
    where: readableDockings,
    text: "both sides: the need's enterprise and the supplier (the expert, platform or society, and the societies of a docked expert); ADMIN and ANALYST",
  },
  readableServiceRecords: { where: readableServiceRecords, text: "the society that served, the enterprise served, ADMIN and ANALYST" },
  readableSavedQueries: { where: readableSavedQueries, text: "the owner's own and the shared ones; ADMIN all" },
  readableInvitations: {
    where: readableInvitations,
    text: "the need's enterprise, the invited supplier's side (the expert, the platform's users, the society's users, also for its member experts), ADMIN and ANALYST",
  },
} as const satisfies Record<RowRule, { where: unknown; text: string }>;
export type { RowRule, ViewerReads } from "./row-rules";
export { ROW_RULE_OF_TYPE, ROW_RULE_READS } from "./row-rules";

/**
 * Ownership rules: checked by the service on the row it loads (they need it), named here so this table tells the
 * whole truth. A caller who passes the role check but not the ownership rule gets FORBIDDEN, or NOT_FOUND when the
 * row rule hides the row from them.
 */
export const OWNERSHIP_RULES = {
  ownEnterprise: "ENTERPRISE users act for their own enterprise only (the enterprise named in the input); ADMIN for any",
  ownSociety: "SOCIETY users act for their own society only (the society named in the input; a new expert's societies); ADMIN for any",
  needSide: "the need's enterprise or ADMIN (ownsNeed)",
  responseSide: "per transition (response-status.ts): the need's enterprise or ADMIN decide (ADMIN alone screens a challenge); the responding society withdraws",
  matchSide: "per transition (match-status.ts): the need's enterprise or ADMIN accept, reject, dock and close; the supplier's side (the expert, platform or society, or a society of the matched expert) or ADMIN mark VIEWED / CONTACTED",
  expertEditor: "ADMIN, a society the expert belongs to, or the expert themself",
  savedQueryOwner: "the saved query's owner, or ADMIN",
  ownPlatform: "the platform's own staff (users with its platformId), or ADMIN",
  enterpriseServed: "the enterprise a service record names (its users), or ADMIN",
  invitedSide: "the invited supplier's side: the expert's own user, the platform's users, the society's users (also for its member experts)",
  supplierSide: "the supplier's own side (the expert, the platform's users, the society's users, also for its member experts), or ADMIN",
  dockingSide: "scheduling: the need's enterprise, the supplier's side (the responding society's users) or ADMIN; changing: the need's enterprise, the docked expert, platform or society, or ADMIN (docking.service.ts)",
  challengePanelist: "a panelist of the solution's 揭榜挂帅 challenge (the expert's own user), scoring while the review runs",
  challengeWinner: "the society whose solution won the 揭榜挂帅 award, or ADMIN",
  self: "the signed-in user's own account and rows (changePassword also asks for the current password)",
} as const;
export type OwnershipRule = keyof typeof OWNERSHIP_RULES;

export interface Operation {
  who: Callers;
  rows?: RowRule;
  owner?: OwnershipRule;
  /** A 大屏 display token (an anonymous viewer that ADMIN issued for the dashboard) may call it too. */
  display?: true;
  /** What the table's columns do not say. */
  note?: string;
}

const op = (who: Callers, more: Omit<Operation, "who"> = {}): Operation => ({ who, ...more });

/** Every field of Query, Mutation and Subscription. */
export const OPERATIONS: Record<string, Operation> = {
  // Queries: directories and reference data are public; the rows of needs, matches, responses… follow ROW_RULES.
  "Query.node": op(PUBLIC, { note: "each type by its row rule; users by User.email's rule" }),
  "Query.me": op(PUBLIC, { note: "null for anonymous callers" }),
  "Query.needs": op(PUBLIC, { rows: "readableNeeds" }),
  "Query.matchesForSupplier": op(PUBLIC, { rows: "readableMatches" }),
  "Query.myMatches": op(PUBLIC, { rows: "readableMatches", note: "the matches of the suppliers the caller acts for (a society: its own and its member experts'; an expert; a platform); empty for others" }),
  "Query.enterprises": op(PUBLIC),
  "Query.societies": op(PUBLIC),
  "Query.universities": op(PUBLIC),
  "Query.experts": op(PUBLIC),
  "Query.platforms": op(PUBLIC),
  "Query.regions": op(PUBLIC),
  "Query.industryChains": op(PUBLIC),
  "Query.stats": op(PUBLIC, { note: "whole-programme counts only (no window, no filter): confidential needs are counted, never shown" }),
  "Query.programmeStats": op(STAFF, { display: true, note: "windows and rankings would date and place confidential needs; also a 大屏 display token" }),
  "Query.deals": op(SIGNED_IN, { rows: "readableDeals" }),
  "Query.serviceRecords": op(SIGNED_IN, { rows: "readableServiceRecords" }),
  "Query.workstations": op(SIGNED_IN, { note: "a public programme fact every signed-in user may list" }),
  "Query.auditEvents": op(ADMIN),
  "Query.savedQueries": op(SIGNED_IN, { rows: "readableSavedQueries" }),
  "Query.notifications": op(SIGNED_IN, { owner: "self", note: "the caller's own notifications only" }),
  "Query.unreadNotificationCount": op(SIGNED_IN, { owner: "self" }),
  "Query.invitations": op(SIGNED_IN, { rows: "readableInvitations", note: "sent by the viewer's enterprise or received by its supplier side" }),
  "Query.users": op(ADMIN),
  "Query.registrations": op(ADMIN),
  "Query.runSavedQuery": op(SIGNED_IN, { rows: "readableSavedQueries", note: "runs with the caller's rights, never the owner's" }),

  // Mutations
  "Mutation.login": op(PUBLIC, { note: "rate-limited per account and per client address" }),
  "Mutation.changePassword": op(SIGNED_IN, { owner: "self" }),
  "Mutation.createUser": op(ADMIN),
  "Mutation.deactivateUser": op(ADMIN),
  "Mutation.createEnterprise": op(ADMIN),
  "Mutation.createSociety": op(ADMIN),
  "Mutation.createUniversity": op(ADMIN),
  "Mutation.updateUniversity": op(ADMIN),
  "Mutation.createPlatform": op(ADMIN),
  "Mutation.setPlatformActive": op(ADMIN),
  "Mutation.createExpert": op(["ADMIN", "SOCIETY"], { owner: "ownSociety" }),
  "Mutation.updateExpert": op(["ADMIN", "SOCIETY", "EXPERT"], { owner: "expertEditor" }),
  "Mutation.setExpertActive": op(["ADMIN", "SOCIETY", "EXPERT"], { owner: "expertEditor" }),
  "Mutation.postNeed": op(["ADMIN", "ENTERPRISE"], { owner: "ownEnterprise" }),
  "Mutation.updateNeedStatus": op(SIGNED_IN, { rows: "readableNeeds", owner: "needSide" }),
  "Mutation.setMatchStatus": op(WRITERS, { rows: "readableMatches", owner: "matchSide" }),
  "Mutation.respondToNeed": op(["ADMIN", "SOCIETY"], { rows: "readableNeeds", owner: "ownSociety" }),
  "Mutation.shortlistResponse": op(SIGNED_IN, { rows: "readableResponses", owner: "responseSide" }),
  "Mutation.acceptResponse": op(SIGNED_IN, { rows: "readableResponses", owner: "responseSide" }),
  "Mutation.declineResponse": op(SIGNED_IN, { rows: "readableResponses", owner: "responseSide" }),
  "Mutation.withdrawResponse": op(SIGNED_IN, { rows: "readableResponses", owner: "responseSide" }),
  "Mutation.recordDeal": op(["ADMIN", "ENTERPRISE"], { rows: "readableMatches", owner: "needSide", note: "a response by readableResponses" }),
  "Mutation.scheduleDocking": op(SIGNED_IN, { rows: "readableResponses", owner: "dockingSide", note: "invitationId: BAD_USER_INPUT until invitations are merged" }),
  "Mutation.rescheduleDocking": op(SIGNED_IN, { rows: "readableDockings", owner: "dockingSide" }),
  "Mutation.cancelDocking": op(SIGNED_IN, { rows: "readableDockings", owner: "dockingSide" }),
  "Mutation.recordDockingOutcome": op(SIGNED_IN, { rows: "readableDockings", owner: "dockingSide", note: "only once the docking has started" }),
  "Mutation.awardChallenge": op(ADMIN),
  "Mutation.setChallengeCriteria": op(["ADMIN", "ENTERPRISE"], { rows: "readableNeeds", owner: "needSide", note: "weights sum to 100; until the panel's first score" }),
  "Mutation.appointChallengePanelist": op(ADMIN, { rows: "readableNeeds", note: "after submissions close, before the notice; an expert in conflict of interest (employer, declared or excluded, a solver's society, offered on a solution) is refused" }),
  "Mutation.removeChallengePanelist": op(ADMIN, { rows: "readableNeeds", note: "before the notice; the panelist's scores go" }),
  "Mutation.scoreSolution": op(["EXPERT"], { rows: "readableResponses", owner: "challengePanelist" }),
  "Mutation.publishChallengeNotice": op(ADMIN, { rows: "readableNeeds", note: "once every panelist scored every solution; the top-ranked solution is proposed" }),
  "Mutation.lodgeChallengeObjection": op(SIGNED_IN, { rows: "readableNeeds", note: "while the challenge's notice runs" }),
  "Mutation.resolveChallengeObjection": op(ADMIN, { note: "an upheld objection withdraws the notice" }),
  "Mutation.addChallengeMilestone": op(["ADMIN", "ENTERPRISE"], { rows: "readableNeeds", owner: "needSide", note: "after the award, before acceptance" }),
  "Mutation.completeChallengeMilestone": op(["ADMIN", "SOCIETY"], { owner: "challengeWinner" }),
  "Mutation.acceptChallenge": op(ADMIN, { rows: "readableNeeds", note: "验收, once every milestone is done; passed, the award counts as paid" }),
  "Mutation.logService": op(["ADMIN", "SOCIETY"], { owner: "ownSociety" }),
  "Mutation.createWorkstation": op(["ADMIN", "SOCIETY"], { owner: "ownSociety" }),
  "Mutation.saveQuery": op(STAFF),
  "Mutation.deleteSavedQuery": op(SIGNED_IN, { rows: "readableSavedQueries", owner: "savedQueryOwner" }),
  "Mutation.inviteSupplier": op(["ADMIN", "ENTERPRISE"], { rows: "readableMatches", owner: "needSide", note: "not a supplier in conflict; one open invitation per match" }),
  "Mutation.answerInvitation": op(SIGNED_IN, { rows: "readableInvitations", owner: "invitedSide", note: "declining needs a declineCode" }),
  "Mutation.withdrawInvitation": op(["ADMIN", "ENTERPRISE"], { rows: "readableInvitations", owner: "needSide", note: "PENDING invitations only" }),
  "Mutation.declareConflict": op(["ADMIN", "SOCIETY", "EXPERT"], { owner: "supplierSide", note: "removes the supplier's SUGGESTED matches to the enterprise's needs" }),
  "Mutation.excludeOrganization": op(["ADMIN", "ENTERPRISE"], { owner: "ownEnterprise" }),
  "Mutation.setIndicatorTarget": op(ADMIN, { note: "audited; regionCode sets a county's own target" }),
  "Mutation.confirmServiceRecord": op(["ADMIN", "ENTERPRISE"], { rows: "readableServiceRecords", owner: "enterpriseServed" }),
  "Mutation.registerEnterprise": op(PUBLIC, { note: "PENDING until an ADMIN reviews it; rate-limited per client address" }),
  "Mutation.registerSociety": op(PUBLIC, { note: "as registerEnterprise" }),
  "Mutation.registerExpert": op(PUBLIC, { note: "as registerEnterprise" }),
  "Mutation.reviewRegistration": op(ADMIN, { note: "approval creates the organisation or expert and activates the user" }),
  "Mutation.requestPasswordReset": op(PUBLIC, { note: "always true: says nothing of whether the email exists" }),
  "Mutation.resetPassword": op(PUBLIC, { note: "the one-time token is the credential" }),
  "Mutation.reactivateUser": op(ADMIN),
  "Mutation.issueDisplayToken": op(ADMIN, { note: "a token that reads stats and programmeStats only (the dashboard's 大屏 mode); audited" }),
  "Mutation.updateNeed": op(["ADMIN", "ENTERPRISE"], { rows: "readableNeeds", owner: "needSide", note: "OPEN or DRAFT needs; deadlines move later only" }),
  "Mutation.updateEnterprise": op(["ADMIN", "ENTERPRISE"], { owner: "ownEnterprise" }),
  "Mutation.updateSociety": op(["ADMIN", "SOCIETY"], { owner: "ownSociety" }),
  "Mutation.updatePlatform": op(["ADMIN", "EXPERT"], { owner: "ownPlatform" }),
  "Mutation.updateDeal": op(["ADMIN", "ENTERPRISE"], { rows: "readableDeals", owner: "needSide" }),
  "Mutation.voidDeal": op(["ADMIN", "ENTERPRISE"], { rows: "readableDeals", owner: "needSide", note: "a voided deal leaves every deal door" }),
  "Mutation.markNotificationsRead": op(SIGNED_IN, { owner: "self", note: "the caller's own notifications; other ids change nothing" }),
  "Mutation.setNotificationPreferences": op(SIGNED_IN, { owner: "self" }),

  // Subscriptions: each event is loaded with the subscriber's rights when it is published; events it may not see are
  // dropped, and nothing is delivered once its token expired or was revoked.
  "Subscription.needPosted": op(PUBLIC, { rows: "readableNeeds" }),
  "Subscription.needStatusChanged": op(PUBLIC, { rows: "readableNeeds" }),
  "Subscription.matchFound": op(PUBLIC, { rows: "readableMatches" }),
  "Subscription.matchStatusChanged": op(PUBLIC, { rows: "readableMatches" }),
  "Subscription.responseReceived": op(PUBLIC, { rows: "readableResponses" }),
  "Subscription.responseStatusChanged": op(PUBLIC, { rows: "readableResponses" }),
  "Subscription.notificationAdded": op(SIGNED_IN, { owner: "self", note: "each user only its own; one event per write, rows read together" }),
  "Subscription.savedQueryResult": op(SIGNED_IN, { rows: "readableSavedQueries", note: "re-run with the subscriber's rights" }),
};

// ---------- who may call an HTTP door beside GraphQL ----------

/**
 * The HTTP routes that read or write programme data outside GraphQL, by method and path, declared as operations are;
 * each handler asks its entry (src/schema/apply-policy.ts, `checkRoute`) before it reads the request's body.
 */
export const ROUTES = {
  "POST /import/<kind>": op(ADMIN, { note: "bulk import from xlsx or CSV; the CLI `npm run import` acts as the configured ADMIN" }),
  "GET /import/templates/<kind>.xlsx": op(PUBLIC, { note: "an empty template: Chinese headers, a sample row, the lists of counties and chains" }),
} as const satisfies Record<string, Operation>;
export type Route = keyof typeof ROUTES;

// ---------- who may read a private field ----------

/** Whether the viewer may read the field on this parent value (`root`: the row or object the field is read from). */
export type FieldCheck = (viewer: Viewer, root: any, ctx: Context) => boolean | Promise<boolean>;

/** Contacts (Enterprise, Society, InnovationPlatform, Expert; Expert.email and .phone too): one rule for the four kinds. */
const CONTACT_READERS =
  "the organisation's own users, ADMIN, and the other party of an ACCEPTED invitation or ACCEPTED response (the need's enterprise and the invited or responding supplier, with the experts an accepted response offered); not ANALYST";

export const FIELD_RULES = {
  signedIn: { may: ((viewer) => mayReadNeedEnterprise(viewer)) as FieldCheck, text: "signed-in users" },
  ownEnterprise: {
    may: ((viewer, enterprise) => viewer.kind === "user" && (viewer.role === "ADMIN" || (viewer.role === "ENTERPRISE" && viewer.enterpriseId === enterprise.id))) as FieldCheck,
    text: "the enterprise's own users and ADMIN",
  },
  enterpriseContact: { may: ((_viewer, row, ctx) => mayReadContact(ctx, "Enterprise", row.id)) as FieldCheck, text: CONTACT_READERS },
  adminOnlyContact: { may: ((viewer) => viewer.kind === "user" && viewer.role === "ADMIN") as FieldCheck, text: "ADMIN (no user acts for a university or institute yet)" },
  societyContact: { may: ((_viewer, row, ctx) => mayReadContact(ctx, "Society", row.id)) as FieldCheck, text: CONTACT_READERS },
  platformContact: { may: ((_viewer, row, ctx) => mayReadContact(ctx, "InnovationPlatform", row.id)) as FieldCheck, text: CONTACT_READERS },
  budget: {
    may: ((viewer, need) => mayReadBudget(viewer, need)) as FieldCheck,
    text: "PUBLIC needs: every signed-in user; MEMBERS and CONFIDENTIAL needs: the need's enterprise, ADMIN and ANALYST",
  },
  needSideOrStaff: { may: ((viewer, need) => needSideOrStaff(viewer, need)) as FieldCheck, text: "the need's enterprise, ADMIN and ANALYST" },
  user: { may: ((viewer, user) => mayReadUser(viewer, user)) as FieldCheck, text: "the user themself (also just after login / changePassword), ADMIN and ANALYST" },
  savedQueryOwner: { may: ((viewer, row) => mayReadUser(viewer, row.ownerId)) as FieldCheck, text: "as User.email: the owner themself, ADMIN and ANALYST" },
  expertContact: {
    may: ((_viewer, expert, ctx) => mayReadContact(ctx, "Expert", expert.id)) as FieldCheck,
    text: `${CONTACT_READERS} (an expert's own side: the expert and the societies they belong to)`,
  },
  responseDecline: {
    may: ((_viewer, response, ctx) => mayReadDecline(ctx, response)) as FieldCheck,
    text: "the responding society's users, the need's enterprise, ADMIN and ANALYST (not the experts offered)",
  },
  responseStepDecline: { may: ((_viewer, step, ctx) => mayReadDecline(ctx, step.of)) as FieldCheck, text: "as Response.decline, for the response of the step" },
  matchDecline: {
    may: ((_viewer, match, ctx) => mayReadMatchDecline(ctx, match)) as FieldCheck,
    text: "the need's enterprise, the matched supplier's side (the expert, platform or society, or a society of the matched expert), ADMIN and ANALYST",
  },
  challengeInsider: {
    may: ((viewer, review, ctx) => reviewsChallenge(viewer, review.needId, ctx)) as FieldCheck,
    text: "ADMIN, ANALYST and the challenge's panelists",
  },
  challengeRanking: {
    may: ((viewer, review, ctx) => mayReadChallengeRanking(viewer, review, ctx)) as FieldCheck,
    text: "ADMIN, ANALYST and the panelists at any time; the challenge's other readers once its notice is published",
  },
  challengeDelivery: {
    may: ((viewer, review) => mayReadChallengeDelivery(viewer, review)) as FieldCheck,
    text: "the challenge's enterprise, the winner's society, ADMIN and ANALYST",
  },
  solutionScores: {
    may: ((viewer) => viewer.kind === "user") as FieldCheck,
    text: "signed-in users, then filtered: ADMIN and ANALYST all, a panelist their own, the solution's readers from the notice on (challenge/review.service.ts scoresOf)",
  },
  scorePanelist: {
    may: ((viewer, score) => mayReadScorePanelist(viewer, score)) as FieldCheck,
    text: "ADMIN, ANALYST and the panelist who gave the score",
  },
  matchStepDecline: { may: ((_viewer, step, ctx) => mayReadMatchDecline(ctx, step.of)) as FieldCheck, text: "as Match.statusReason, for the match of the step" },
} as const;
export type FieldRule = keyof typeof FIELD_RULES;

/** What a reader the rule denies gets: null, an empty list, or the operation's error. */
export type Denied = "null" | "empty" | "UNAUTHENTICATED" | "FORBIDDEN";

export interface PrivateField {
  rule: FieldRule;
  denied: Denied;
  /** The error's message, when denied is an error. */
  message?: string;
}

const hidden = (rule: FieldRule): PrivateField => ({ rule, denied: "null" });

/** Every non-public field of an object type, with its rule. */
export const PRIVATE_FIELDS: Record<string, PrivateField> = {
  "User.email": { rule: "user", denied: "FORBIDDEN", message: "A user's email is private" },
  "Expert.email": hidden("expertContact"),
  "Expert.phone": hidden("expertContact"),
  "TechNeed.enterprise": { rule: "signedIn", denied: "UNAUTHENTICATED", message: "Sign in to see who posted a need" },
  "TechNeed.budgetMin": hidden("budget"),
  "TechNeed.budgetMax": hidden("budget"),
  "TechNeed.timers": hidden("needSideOrStaff"),
  "TechNeed.history": { rule: "needSideOrStaff", denied: "empty" },
  "Response.decline": hidden("responseDecline"),
  "ResponseStep.reasonCode": hidden("responseStepDecline"),
  "ResponseStep.reason": hidden("responseStepDecline"),
  "Match.statusReason": hidden("matchDecline"),
  "Match.statusReasonCode": hidden("matchDecline"),
  "MatchStep.reasonCode": hidden("matchStepDecline"),
  "MatchStep.reason": hidden("matchStepDecline"),
  "SavedQuery.owner": hidden("savedQueryOwner"),
  "Enterprise.excludedOrganizations": hidden("ownEnterprise"),
  "Enterprise.contact": hidden("enterpriseContact"),
  "Society.contact": hidden("societyContact"),
  "University.contact": hidden("adminOnlyContact"),
  "InnovationPlatform.contact": hidden("platformContact"),
  "Expert.contact": hidden("expertContact"),
  "ChallengeReview.panel": hidden("challengeInsider"),
  "ChallengeReview.ranking": hidden("challengeRanking"),
  "ChallengeReview.milestones": hidden("challengeDelivery"),
  "ChallengeReview.acceptances": hidden("challengeDelivery"),
  "Response.scores": hidden("solutionScores"),
  "SolutionScore.panelist": hidden("scorePanelist"),
  "User.notificationPreferences": { rule: "user", denied: "FORBIDDEN", message: "A user's notification preferences are private" },
};

/**
 * Names that look private (contact details, money, reasons, secrets): a field of an object type whose name matches
 * must be in PRIVATE_FIELDS or in OPEN_FIELDS (the policy test says which one is missing).
 */
export const PRIVATE_NAMES = /email|phone|mobile|contact|budget|amount|award|salary|reason|decline|confidential|teaser|password|secret|token|proposal|address/i;

/** Fields whose name looks private but whose value is not, or is guarded by its type's row rule; with why. */
export const OPEN_FIELDS: Record<string, string> = {
  "TechNeed.challengeAward": "a 揭榜挂帅 award is announced with the challenge",
  "Match.reason": "the matching engine's one-line explanation (shared terms); its clause counting other needs' decisions (本链记录) only for the need's side, ADMIN and ANALYST (rule needSideOrStaff, applied by match.resolver.ts seesDecisions, as to the breakdown's outcome part)",
  "Response.proposal": "row rule readableResponses: only the response's readers see it",
  "Deal.amount": "row rule readableDeals: only the deal's parties, ADMIN and ANALYST see it",
  "Deal.awardAmount": "row rule readableDeals",
  "Docking.cancelReason": "row rule readableDockings: only the docking's two sides, ADMIN and ANALYST see it",
  "AuthPayload.token": "the caller's own, just issued",
  "DisplayToken.token": "the calling ADMIN's own, just issued",
  "DeclineNote.code": "read through Response.decline, private itself",
  "DeclineNote.text": "read through Response.decline, private itself",
  "Deal.awardValue": "row rule readableDeals: only the deal's parties, ADMIN and ANALYST see it",
  "DealStats.awardValue": "programmeStats (ANALYST and ADMIN): sums over all deals, no single deal",
  "DealGroupStat.awardValue": "as DealStats.awardValue",
  "Contact.phone": "read through an organisation's or expert's contact, private itself",
  "Contact.email": "read through an organisation's or expert's contact, private itself",
  "Deal.voidReason": "row rule readableDeals",
  "Registration.email": "registrations are read by ADMIN only (registrations, node)",
  "Registration.reason": "registrations are read by ADMIN only",
  "TechNeed.teaser": "written by the enterprise for matched suppliers: what is sought, without names",
  "Match.teaser": "as TechNeed.teaser",
  "Invitation.teaser": "as TechNeed.teaser",
  "Invitation.declineCode": "row rule readableInvitations: only the invitation's two sides, ADMIN and ANALYST",
  "Invitation.declineText": "row rule readableInvitations",
  "NotificationPreferences.emailKinds": "read through User.notificationPreferences, private itself",
};

// ---------- what of the viewer each rule reads (subscription classes) ----------

// ViewerReads, ROW_RULE_READS and ROW_RULE_OF_TYPE: row-rules.ts (what node/ reads of this table, without its imports).

export const OWNERSHIP_RULE_READS: Record<OwnershipRule, ViewerReads> = {
  ownEnterprise: "organisation",
  ownSociety: "organisation",
  needSide: "organisation",
  responseSide: "organisation",
  matchSide: "organisation",
  expertEditor: "user",
  savedQueryOwner: "user",
  ownPlatform: "organisation",
  enterpriseServed: "organisation",
  invitedSide: "user",
  supplierSide: "user",
  dockingSide: "organisation",
  self: "user",
  challengeWinner: "organisation",
  challengePanelist: "organisation",
};

export const FIELD_RULE_READS: Record<FieldRule, ViewerReads> = {
  signedIn: "signedIn",
  ownEnterprise: "organisation",
  enterpriseContact: "organisation",
  societyContact: "organisation",
  platformContact: "organisation",
  budget: "organisation",
  needSideOrStaff: "organisation",
  user: "user",
  savedQueryOwner: "user",
  expertContact: "organisation",
  responseDecline: "organisation",
  responseStepDecline: "organisation",
  matchDecline: "organisation",
  matchStepDecline: "organisation",
  challengeInsider: "organisation",
  challengeRanking: "organisation",
  challengeDelivery: "organisation",
  solutionScores: "organisation",
  scorePanelist: "organisation",
  adminOnlyContact: "role",
};

