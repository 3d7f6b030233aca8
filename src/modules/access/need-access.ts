import type { PrismaTypes } from "../../infra/db/rows";
import { seesEverything, type Viewer } from "../../infra/auth/viewer";

type NeedWhere = PrismaTypes.TechNeedWhereInput;

/**
 * The one rule for which needs a viewer may see, as a Prisma `where` fragment so lists, counts, loaders and
 * `node(id:)` all filter in SQL (core.graphql, `Visibility`):
 * - anonymous callers: PUBLIC needs only (never drafts);
 * - ADMIN, ANALYST: everything;
 * - the enterprise's own users: all of its needs, drafts included;
 * - other signed-in users: PUBLIC and MEMBERS needs that are not drafts, and CONFIDENTIAL ones their supplier
 *   is matched to or responded to (a society counts as matched when one of its experts is).
 */
export function readableNeeds(viewer: Viewer): NeedWhere {
  if (viewer.kind === "anonymous") return { visibility: "PUBLIC", status: { not: "DRAFT" } };
  if (seesEverything(viewer)) return {};
  const ownEnterprise: NeedWhere[] = viewer.enterpriseId ? [{ enterpriseId: viewer.enterpriseId }] : [];
  const linked = supplierLink(viewer);
  return {
    OR: [
      ...ownEnterprise,
      { status: { not: "DRAFT" }, visibility: { in: ["PUBLIC", "MEMBERS"] } },
      ...(linked ? [{ status: { not: "DRAFT" as const }, visibility: "CONFIDENTIAL" as const, ...linked }] : []),
    ],
  };
}

/**
 * The same rule as `readableNeeds`, decided on a loaded row where it can be: "yes"/"no", or "ask" when only
 * the database knows (a CONFIDENTIAL need of another enterprise, visible to its matched or responding
 * suppliers). Loaders use it so that a public need costs no per-viewer query.
 */
export function readableWithoutLinks(viewer: Viewer, need: { enterpriseId: number; visibility: string; status: string }): "yes" | "no" | "ask" {
  if (viewer.kind === "anonymous") return need.visibility === "PUBLIC" && need.status !== "DRAFT" ? "yes" : "no";
  if (seesEverything(viewer) || (viewer.enterpriseId !== null && viewer.enterpriseId === need.enterpriseId)) return "yes";
  if (need.status === "DRAFT") return "no";
  if (need.visibility !== "CONFIDENTIAL") return "yes";
  return viewer.societyId || viewer.expertId || viewer.platformId ? "ask" : "no";
}

/** A match is seen exactly when its need is (every signed-in reader of a need may see who was suggested for it). */
export function readableMatches(viewer: Viewer): PrismaTypes.MatchWhereInput {
  return { need: readableNeeds(viewer) };
}

/** Needs the viewer's supplier (society, expert or platform) is matched to or responded to. */
function supplierLink(viewer: Viewer & { kind: "user" }): NeedWhere | null {
  const links: NeedWhere[] = [];
  if (viewer.societyId) {
    const societyId = viewer.societyId;
    links.push(
      { matches: { some: { societyId } } },
      { matches: { some: { expert: { memberships: { some: { societyId } } } } } },
      { responses: { some: { societyId } } },
    );
  }
  if (viewer.expertId) {
    const expertId = viewer.expertId;
    links.push({ matches: { some: { expertId } } }, { responses: { some: { experts: { some: { expertId } } } } });
  }
  if (viewer.platformId) links.push({ matches: { some: { platformId: viewer.platformId } } });
  return links.length ? { OR: links } : null;
}

/** Whether the viewer acts for the need's enterprise (or is ADMIN): may change it, sees its private fields. */
export function ownsNeed(viewer: Viewer, need: { enterpriseId: number }): boolean {
  if (viewer.kind === "anonymous") return false;
  return viewer.role === "ADMIN" || (viewer.role === "ENTERPRISE" && viewer.enterpriseId === need.enterpriseId);
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
