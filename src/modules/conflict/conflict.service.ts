import { speaksFor } from "../supplier";
import type { Context } from "../../context/context";
import { actingUser } from "../../infra/auth/guards";
import type { UserViewer } from "../../infra/auth/viewer";
import type { Prisma } from "../../infra/db/database";
import type { ConflictRow, EnterpriseRow, PrismaTypes } from "../../infra/db/rows";
import { badInput, forbidden, notFound } from "../../infra/errors";
import { decodeGlobalId } from "../../infra/relay/global-id";
import type { ConflictParty, ConflictSource } from "../../generated/prisma/enums";
import { recordAudit } from "../audit";
import { rerank } from "../match";
import { unitOfWork } from "../../infra/db/unit-of-work";

type Tx = PrismaTypes.TransactionClient;

/** The party a global ID names, for declareConflict (suppliers) and excludeOrganization (any organisation). */
const PARTY_OF_TYPE: Record<string, ConflictParty> = { Expert: "EXPERT", InnovationPlatform: "PLATFORM", Society: "SOCIETY" };

export interface Party {
  kind: ConflictParty;
  id: number;
}

/**
 * Conflicts of interest (programme.graphql "Conflict of interest"). A conflicted party is never matched to the
 * enterprise's needs (the matching engine's candidate search, conflict-rules.ts), cannot be invited, and is not shown
 * its MEMBERS / CONFIDENTIAL needs (need-access.ts). Declaring one removes the party's SUGGESTED matches to that
 * enterprise's needs and withdraws its PENDING invitations, in the same transaction.
 */
export class ConflictService {
  constructor(private readonly prisma: Prisma) {}

  /** The supplier's side (its expert, its platform, its society; a society also for its member experts) or ADMIN. */
  async declare(ctx: Context, supplierGlobalId: string, enterpriseGlobalId: string, reason: string): Promise<boolean> {
    const viewer = actingUser(ctx.viewer);
    const party = partyOf(supplierGlobalId, "supplierId");
    if (!(await this.actsFor(viewer, party))) throw forbidden("Only the supplier's side or an ADMIN may declare its conflicts");
    if (!(await this.exists(party))) throw notFound("Supplier");
    const enterprise = await this.enterprise(enterpriseGlobalId, "enterpriseId");
    const text = reason.trim();
    if (!text) throw badInput("reason", "A conflict needs a reason");
    if (text.length > 1000) throw badInput("reason", "reason must be at most 1000 characters");
    await this.record(ctx, viewer, enterprise.id, party, "DECLARED", text);
    return true;
  }

  /** The enterprise's users or ADMIN exclude a supplier organisation (a society, a platform) or an expert, e.g. a competitor's. */
  async exclude(ctx: Context, enterpriseGlobalId: string, organizationGlobalId: string): Promise<EnterpriseRow> {
    const viewer = actingUser(ctx.viewer);
    const enterprise = await this.enterprise(enterpriseGlobalId, "enterpriseId");
    if (!(viewer.role === "ADMIN" || (viewer.role === "ENTERPRISE" && viewer.enterpriseId === enterprise.id))) {
      throw forbidden("Only the enterprise's users or an ADMIN may exclude an organisation");
    }
    const party = partyOf(organizationGlobalId, "organizationId");
    if (!(await this.exists(party))) throw notFound("Organization");
    await this.record(ctx, viewer, enterprise.id, party, "EXCLUDED", null);
    return enterprise;
  }

  /** The organisations an enterprise excluded, oldest first. */
  excluded(enterpriseId: number): Promise<ConflictRow[]> {
    return this.prisma.conflict.findMany({ where: { enterpriseId, source: "EXCLUDED" }, orderBy: { id: "asc" } });
  }

  private async record(ctx: Context, viewer: UserViewer, enterpriseId: number, party: Party, source: ConflictSource, reason: string | null): Promise<void> {
    await unitOfWork(this.prisma, null, async (tx) => {
      const key = { enterpriseId, partyKind: party.kind, partyId: party.id, source };
      await tx.conflict.upsert({
        where: { enterpriseId_partyKind_partyId_source: key },
        create: { ...key, reason, createdById: viewer.userId },
        update: { reason },
      });
      const removed = await dropTies(tx, enterpriseId, party);
      await recordAudit(tx, ctx, source === "DECLARED" ? "conflict.declare" : "conflict.exclude", { type: "Enterprise", id: enterpriseId }, { party, reason, ...removed });
    });
  }

  private async actsFor(viewer: UserViewer, party: Party): Promise<boolean> {
    if (viewer.role === "ADMIN") return true;
    return speaksFor(viewer, party, async (expertId, societyId) => (await this.prisma.societyMembership.count({ where: { societyId, expertId } })) > 0);
  }

  private async enterprise(globalId: string, field: string): Promise<EnterpriseRow> {
    const decoded = decodeGlobalId(globalId);
    if (!decoded) throw badInput(field, `${field} is not a valid ID`);
    const enterprise = decoded.type === "Enterprise" ? await this.prisma.enterprise.findUnique({ where: { id: decoded.id } }) : null;
    if (!enterprise) throw notFound("Enterprise");
    return enterprise;
  }

  private async exists(party: Party): Promise<boolean> {
    // Every supplier of every kind has its row there (kept by its kind table's triggers).
    return (await this.prisma.supplier.count({ where: { kind: party.kind, id: party.id } })) > 0;
  }
}

/** The party's SUGGESTED matches to the enterprise's needs go, its PENDING invitations are withdrawn. */
async function dropTies(tx: Tx, enterpriseId: number, party: Party): Promise<{ suggestionsRemoved: number; invitationsWithdrawn: number }> {
  const where = { supplierKind: party.kind, supplierId: party.id, status: "SUGGESTED" as const, need: { enterpriseId } };
  const gone = await tx.match.findMany({ where, select: { needId: true } });
  const removed = await tx.match.deleteMany({ where });
  await rerank(tx, [...new Set(gone.map((m) => m.needId))]);
  const withdrawn = await tx.invitation.updateMany({
    where: { supplierKind: party.kind, supplierId: party.id, status: "PENDING", need: { enterpriseId } },
    data: { status: "WITHDRAWN", answeredAt: new Date() },
  });
  return { suggestionsRemoved: removed.count, invitationsWithdrawn: withdrawn.count };
}

/** A supplier (expert, platform, society) named by a global ID; anything else is bad input. */
function partyOf(globalId: string, field: string): Party {
  const decoded = decodeGlobalId(globalId);
  const kind = decoded ? PARTY_OF_TYPE[decoded.type] : undefined;
  if (!decoded || !kind) throw badInput(field, `${field} must be the ID of an expert, an innovation platform or a society`);
  return { kind, id: decoded.id };
}
