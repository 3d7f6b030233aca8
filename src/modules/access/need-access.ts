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

/** Budgets are shown to signed-in users on PUBLIC/MEMBERS needs; on CONFIDENTIAL ones to owner, ADMIN, ANALYST. */
export function mayReadBudget(viewer: Viewer, need: { enterpriseId: number; visibility: string }): boolean {
  if (viewer.kind === "anonymous") return false;
  if (need.visibility !== "CONFIDENTIAL") return true;
  return seesEverything(viewer) || ownsNeed(viewer, need);
}
