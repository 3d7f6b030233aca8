import type { Context } from "../../context/context";
import { requireRole } from "../../infra/auth/guards";
import type { UserViewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { MatchRow } from "../../infra/db/rows";
import { badInput, forbidden, notFound } from "../../infra/errors";
import type { MatchStatus } from "../../generated/prisma/enums";
import { ownsNeed, readableNeeds } from "../access/need-access";
import { recordAudit } from "../audit/audit.service";
import { MATCHABLE_NEED_STATUSES } from "../need/need-status";
import { matchTransition, nextMatchStatuses, type MatchParty } from "./match-status";
import type { SupplierRef } from "./supplier-docs";

export class MatchService {
  constructor(private readonly prisma: Prisma) {}

  /** The open needs (that the viewer may see) that fit a supplier, best first. */
  forSupplier(ctx: Context, supplier: SupplierRef | null, first: number): Promise<MatchRow[]> {
    if (first < 0 || first > 100) throw badInput("first", "first must be between 0 and 100");
    if (!supplier) return Promise.resolve([]);
    return this.prisma.match.findMany({
      where: {
        ...supplierColumn(supplier),
        need: { status: { in: MATCHABLE_NEED_STATUSES }, AND: [readableNeeds(ctx.viewer)] },
      },
      orderBy: [{ score: "desc" }, { id: "asc" }],
      take: first,
    });
  }

  async setStatus(ctx: Context, matchId: number | null, status: MatchStatus, reason: string | null): Promise<MatchRow> {
    const viewer = requireRole(ctx.viewer);
    const match =
      matchId === null ? null : await this.prisma.match.findFirst({ where: { id: matchId, need: readableNeeds(viewer) }, include: { need: true } });
    if (!match) throw notFound("Match");
    const parties = await this.partiesOf(viewer, match);
    const allowedBy = matchTransition(match.status, status);
    if (!allowedBy.length) {
      const next = nextMatchStatuses(match.status);
      throw badInput("status", `A ${match.status} match cannot become ${status}${next.length ? ` (allowed: ${next.join(", ")})` : " (it is final)"}`);
    }
    if (!allowedBy.some((p) => parties.includes(p))) throw forbidden(`Only the ${allowedBy.join(" or ")} side may set ${status}`);
    if (status === "REJECTED" && !reason?.trim()) throw badInput("reason", "A rejection needs a reason");
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.match.update({ where: { id: match.id }, data: { status, statusReason: reason?.trim() || null } });
      await recordAudit(tx, ctx, "match.status", { type: "Match", id: match.id }, { from: match.status, to: status, reason });
      return updated;
    });
  }

  private async partiesOf(viewer: UserViewer, match: MatchRow & { need: { enterpriseId: number } }): Promise<MatchParty[]> {
    const parties: MatchParty[] = [];
    if (ownsNeed(viewer, match.need)) parties.push("need");
    if (viewer.role === "ADMIN" || (await this.actsForSupplier(viewer, match))) parties.push("supplier");
    return parties;
  }

  private async actsForSupplier(viewer: UserViewer, match: MatchRow): Promise<boolean> {
    if (match.expertId !== null && viewer.expertId === match.expertId) return true;
    if (match.platformId !== null && viewer.platformId === match.platformId) return true;
    if (viewer.societyId === null) return false;
    if (match.societyId === viewer.societyId) return true;
    return match.expertId !== null && (await this.prisma.societyMembership.count({ where: { societyId: viewer.societyId, expertId: match.expertId } })) > 0;
  }
}

function supplierColumn(ref: SupplierRef) {
  return ref.kind === "EXPERT" ? { expertId: ref.id } : ref.kind === "PLATFORM" ? { platformId: ref.id } : { societyId: ref.id };
}
