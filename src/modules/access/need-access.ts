import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { ConflictParty } from "../../generated/prisma/enums";
import { actedSuppliers, ownSupplierRows } from "../supplier";
import type { PrismaTypes } from "../../infra/db/rows";
import type { Database } from "../../infra/db/sql";
import { seesEverything, type Viewer } from "../../infra/auth/viewer";

type NeedWhere = PrismaTypes.TechNeedWhereInput;
type Needs = ExpressionBuilder<Database, "TechNeed">;
/** A condition on `"TechNeed"` rows for the typed SQL builder (infra/db/sql.ts). */
export type NeedCondition = (eb: Needs) => Expression<SqlBool>;

/**
 * The one rule for which needs a viewer may see, as a Prisma `where` fragment so lists, counts, loaders and
 * `node(id:)` all filter in SQL (core.graphql `Visibility`, programme.graphql "CONFIDENTIAL needs"):
 * - anonymous callers: PUBLIC needs only (never drafts);
 * - ADMIN, ANALYST: everything;
 * - the enterprise's own users: all of its needs, drafts included;
 * - other signed-in users: PUBLIC needs that are not drafts; MEMBERS needs of enterprises they are not in conflict
 *   with; CONFIDENTIAL ones only by consent: the enterprise invited a supplier they act for and it ACCEPTED, or
 *   accepted its response (a society acts for its member experts). A match alone never lets anyone in.
 */
export function readableNeeds(viewer: Viewer): NeedWhere {
  if (viewer.kind === "anonymous") return { visibility: "PUBLIC", status: { not: "DRAFT" } };
  if (seesEverything(viewer)) return {};
  const ownEnterprise: NeedWhere[] = viewer.enterpriseId ? [{ enterpriseId: viewer.enterpriseId }] : [];
  const conflicted = conflictedNeeds(viewer);
  const notConflicted = conflicted ? { NOT: conflicted } : {};
  const linked = supplierLink(viewer);
  return {
    OR: [
      ...ownEnterprise,
      { status: { not: "DRAFT" }, visibility: "PUBLIC" },
      { status: { not: "DRAFT" }, visibility: "MEMBERS", ...notConflicted },
      ...(linked ? [{ status: { not: "DRAFT" as const }, visibility: "CONFIDENTIAL" as const, ...linked, ...notConflicted }] : []),
    ],
  };
}

/**
 * `readableNeeds` for the typed SQL builder (the lists' page of needs, need.queries.ts), for every viewer: the same
 * branches over the same inputs (`actedSuppliers`, `conflictParties`), so a change to the rule is made here twice,
 * side by side. test/integration/need-queries.test.ts compares the two forms' rows for every kind of viewer
 * (suppliers with invitations, responses, memberships and conflicts too) and random filters.
 */
export function readableNeedsSql(viewer: Viewer): NeedCondition {
  if (viewer.kind === "anonymous") return (eb) => eb.and([eb("visibility", "=", "PUBLIC"), eb("status", "<>", "DRAFT")]);
  if (seesEverything(viewer)) return (eb) => eb.and([]);
  const { enterpriseId, societyId, expertId } = viewer;
  const parties = conflictParties(viewer);
  const acted = actedSuppliers(viewer);
  return (eb) => {
    const notDraft = eb("status", "<>", "DRAFT");
    const notConflicted = parties.length ? [eb.not(conflictedSql(eb, parties, expertId))] : [];
    // Consent (supplierLink): an ACCEPTED invitation of a supplier the viewer acts for (a society's user: also of its
    // member experts), or an ACCEPTED response of its society or offering its expert.
    const invited = acted.length || societyId
      ? [eb.exists(
          eb.selectFrom("Invitation as i").select("i.id").whereRef("i.needId", "=", "TechNeed.id").where("i.status", "=", "ACCEPTED").where((ib) =>
            ib.or([
              ...acted.map((k) => ib.and([ib("i.supplierKind", "=", k.supplierKind), ib("i.supplierId", "=", k.supplierId)])),
              ...(societyId
                ? [ib.exists(ib.selectFrom("SocietyMembership as sm").select("sm.expertId").whereRef("sm.supplierKind", "=", "i.supplierKind").whereRef("sm.expertId", "=", "i.supplierId").where("sm.societyId", "=", societyId))]
                : []),
            ]),
          ),
        )]
      : [];
    const accepted = () => eb.selectFrom("Response as r").select("r.id").whereRef("r.needId", "=", "TechNeed.id").where("r.status", "=", "ACCEPTED");
    const answered = [
      ...(societyId ? [eb.exists(accepted().where("r.societyId", "=", societyId))] : []),
      ...(expertId ? [eb.exists(accepted().where((rb) => rb.exists(rb.selectFrom("ResponseExpert as re").select("re.expertId").whereRef("re.responseId", "=", "r.id").where("re.expertId", "=", expertId))))] : []),
    ];
    const linked = [...invited, ...answered];
    return eb.or([
      ...(enterpriseId ? [eb("enterpriseId", "=", enterpriseId)] : []),
      eb.and([notDraft, eb("visibility", "=", "PUBLIC")]),
      eb.and([notDraft, eb("visibility", "=", "MEMBERS"), ...notConflicted]),
      ...(linked.length ? [eb.and([notDraft, eb("visibility", "=", "CONFIDENTIAL"), eb.or(linked), ...notConflicted])] : []),
    ]);
  };
}

/** `conflictedNeeds` in SQL: the need's enterprise has a conflict with one of the parties, or employs the expert. */
function conflictedSql(eb: Needs, parties: ConflictPartyKey[], expertId: number | null): Expression<SqlBool> {
  return eb.or([
    eb.exists(
      eb.selectFrom("Conflict as c").select("c.id").whereRef("c.enterpriseId", "=", "TechNeed.enterpriseId").where((cb) =>
        cb.or(parties.map((p) => cb.and([cb("c.partyKind", "=", p.partyKind), cb("c.partyId", "=", p.partyId)]))),
      ),
    ),
    ...(expertId ? [eb.exists(eb.selectFrom("Expert as x").select("x.id").where("x.id", "=", expertId).whereRef("x.employerId", "=", "TechNeed.enterpriseId"))] : []),
  ]);
}

/**
 * The same rule as `readableNeeds`, decided on a loaded row where it can be: "yes"/"no", or "ask" when only
 * the database knows (a CONFIDENTIAL need of another enterprise, open to the suppliers it let in; a MEMBERS need,
 * hidden from parties in conflict with its enterprise). Loaders use it so that a public need costs no per-viewer query.
 */
export function readableWithoutLinks(viewer: Viewer, need: { enterpriseId: number; visibility: string; status: string }): "yes" | "no" | "ask" {
  if (viewer.kind === "anonymous") return need.visibility === "PUBLIC" && need.status !== "DRAFT" ? "yes" : "no";
  if (seesEverything(viewer) || (viewer.enterpriseId !== null && viewer.enterpriseId === need.enterpriseId)) return "yes";
  if (need.status === "DRAFT") return "no";
  if (need.visibility === "PUBLIC") return "yes";
  if (need.visibility === "MEMBERS") return conflictedNeeds(viewer) ? "ask" : "yes";
  return viewer.societyId || viewer.expertId || viewer.platformId ? "ask" : "no";
}

/**
 * Matches a viewer sees: those whose need it may read, and a supplier's own matches (its side sees them with the
 * need's teaser only while the need stays closed to it: `Match.need` is null then).
 */
export function readableMatches(viewer: Viewer): PrismaTypes.MatchWhereInput {
  const own = viewer.kind === "user" && !seesEverything(viewer) ? ownSupplierMatches(viewer) : null;
  return own ? { OR: [{ need: readableNeeds(viewer) }, { ...own, need: { status: { not: "DRAFT" } } }] } : { need: readableNeeds(viewer) };
}

/** Matches of a supplier the viewer acts for: its expert, its platform, its society and the society's member experts. */
export function ownSupplierMatches(viewer: Viewer & { kind: "user" }): PrismaTypes.MatchWhereInput | null {
  const own = ownSupplierRows(viewer);
  return own.length ? { OR: own } : null;
}

/**
 * Needs open to a supplier the viewer acts for by consent: an ACCEPTED invitation of it, or its ACCEPTED response
 * (a society's also through its member experts). Matching alone, whatever its score, grants nothing.
 */
export function supplierLink(viewer: Viewer & { kind: "user" }): NeedWhere | null {
  const links: NeedWhere[] = ownSupplierRows(viewer).map((invited) => ({ invitations: { some: { status: "ACCEPTED", ...invited } } }));
  // Responses are a society's, with their experts.
  if (viewer.societyId) links.push({ responses: { some: { status: "ACCEPTED", societyId: viewer.societyId } } });
  if (viewer.expertId) links.push({ responses: { some: { status: "ACCEPTED", experts: { some: { expertId: viewer.expertId } } } } });
  return links.length ? { OR: links } : null;
}

/**
 * Needs of enterprises the viewer's supplier is in conflict with (programme.graphql "Conflict of interest"): an expert
 * employed by the enterprise, a conflict the expert, platform or society declared, a supplier the enterprise
 * excluded. Their MEMBERS and CONFIDENTIAL needs are closed to the viewer. Only suppliers are tied so (an enterprise's
 * own users keep the plain, SQL-translated rule: need.queries.ts).
 */
export function conflictedNeeds(viewer: Viewer & { kind: "user" }): NeedWhere | null {
  const parties = conflictParties(viewer);
  if (!parties.length) return null;
  const tied: PrismaTypes.EnterpriseWhereInput[] = [{ conflicts: { some: { OR: parties } } }];
  if (viewer.expertId) tied.push({ employees: { some: { id: viewer.expertId } } });
  return { enterprise: { OR: tied } };
}

interface ConflictPartyKey {
  partyKind: ConflictParty;
  partyId: number;
}

/** The parties of a conflict of interest the viewer's user is (its expert, platform, society); none for others. */
function conflictParties(viewer: Viewer & { kind: "user" }): ConflictPartyKey[] {
  const parties: ConflictPartyKey[] = [];
  if (viewer.expertId) parties.push({ partyKind: "EXPERT", partyId: viewer.expertId });
  if (viewer.platformId) parties.push({ partyKind: "PLATFORM", partyId: viewer.platformId });
  if (viewer.societyId) parties.push({ partyKind: "SOCIETY", partyId: viewer.societyId });
  return parties;
}

/** Whether the viewer acts for the need's enterprise (or is ADMIN): may change it, sees its private fields. */
export function ownsNeed(viewer: Viewer, need: { enterpriseId: number }): boolean {
  if (viewer.kind === "anonymous") return false;
  return viewer.role === "ADMIN" || (viewer.role === "ENTERPRISE" && viewer.enterpriseId === need.enterpriseId);
}

/** The need's side or the programme's staff (ADMIN, ANALYST): the policy's `needSideOrStaff`. */
export function needSideOrStaff(viewer: Viewer, need: { enterpriseId: number }): boolean {
  return ownsNeed(viewer, need) || seesEverything(viewer);
}

/**
 * Budgets: on PUBLIC needs every signed-in user sees them (anonymous callers never do); on MEMBERS and
 * CONFIDENTIAL needs only the owner, ADMIN and ANALYST (issue 4: "budgets of non-public needs" are private).
 */
export function mayReadBudget(viewer: Viewer, need: { enterpriseId: number; visibility: string }): boolean {
  if (viewer.kind === "anonymous") return false;
  if (need.visibility === "PUBLIC") return true;
  return seesEverything(viewer) || ownsNeed(viewer, need);
}

/** Who posted a need is hidden from anonymous callers (they see the content of PUBLIC needs only). */
export function mayReadNeedEnterprise(viewer: Viewer): boolean {
  return viewer.kind === "user";
}
