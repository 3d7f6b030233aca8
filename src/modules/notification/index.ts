/**
 * Notifications: the inbox and its mail (programme.graphql, "Notifications"). What other modules use:
 *
 * 1. Tell users of an event, inside the event's own unit of work, and emit what notify returns (published after commit):
 *
 *      await unitOfWork(prisma, pubsub, async (tx, emit) => {
 *        emit(...otherEvents, ...(await services.notifier.notify(tx, [invitationReceived(need, { id, supplier, message })])));
 *      });
 *
 *    `notify(tx, notes)` resolves each note's audience to active users in SQL, writes one row per user (each once,
 *    however many audiences name them), queues the mail of those who want this kind mailed at once (when SMTP_URL
 *    is set), and returns the `notificationAdded` events. One statement for any number of notes: batch them.
 *    A service gets the Notifier through its constructor (its module's module.ts: `use("notifier")`).
 *
 * 2. The note of each kind (notes.ts), built from rows the caller has; for the kinds other branches add:
 *      INVITATION_RECEIVED    invitationReceived(need {title, visibility, teaser}, { id, supplier: {kind, id}, message })
 *                             — for a CONFIDENTIAL need pass need.teaser (its title is then left out)
 *      INVITATION_ANSWERED    invitationAnswered(need {id, title, enterpriseId}, { id }, supplierName, accepted)
 *      DOCKING_SCHEDULED      dockingScheduled(need, { id, startsAt, supplier }, "SCHEDULED" | "MOVED" | "CANCELLED", timeZone)
 *      DOCKING_REMINDER       written by the timed sweep (timed.ts): fill in `dueDockingReminders` once the Docking
 *                             table exists (its comment has the query)
 *      REGISTRATION_SUBMITTED registrationSubmitted({ id, kind, name })                 — to every ADMIN
 *      REGISTRATION_REVIEWED  registrationReviewed({ id, name, userId }, approved, reason) — to the applicant, active or not
 *    Subjects of type Invitation, Docking and Registration resolve once those types are added to
 *    infra/relay/global-id.ts (NodeType) and to loadVisibleNode (modules/node/visible-node.ts).
 *    MATCH_FOUND for a CONFIDENTIAL need: once the need has a teaser (another branch), put its summary in
 *    matchFound's body (notes.ts) — it carries no title, description or enterprise now.
 *
 * 3. Any other mail (password reset, a docking's .ics): `enqueueMail(tx, { to, subject, text, attachments })` in the
 *    transaction that causes it; the mail worker sends it after commit, with retries.
 */
export { Notifier, notificationLink, type Audience, type NotificationNote, type NotifierSettings } from "./notify";
export {
  dealRecorded,
  dockingReminder,
  dockingScheduled,
  invitationAnswered,
  invitationReceived,
  matchFound,
  needDeadlineNear,
  needStale,
  registrationReviewed,
  registrationSubmitted,
  responseReceived,
  responseStatusChanged,
  supplierAudience,
  type DockingChange,
  type SupplierOf,
} from "./notes";
export { enqueueMail, type Mail, type MailAttachment } from "./mail-outbox";
export { MailWorker, smtpTransport, type MailTransport } from "./mail-worker";
export { NotificationSweep, dueDockingReminders, type DueDocking } from "./timed";
export { DailyDigest } from "./digest";
export { NotificationService } from "./notification.service";
// The GraphQL resolvers (notification.resolver.ts, notification.subscription.ts) and the services are registered
// in module.ts (src/hub-modules.ts lists it): services import this index, and must not load GraphQL types.
