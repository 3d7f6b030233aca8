import type { Context } from "../../context/context";
import { requireRole } from "../../infra/auth/guards";
import type { Prisma } from "../../infra/db/database";
import type { ResponseRow } from "../../infra/db/rows";
import { badInput, conflict, forbidden, notFound } from "../../infra/errors";
import type { HubPubSub } from "../../infra/pubsub/pubsub";
import { idOf } from "../../infra/relay/global-id";
import { readableNeeds } from "../access/need-access";
import { recordAudit } from "../audit/audit.service";
import { MATCHABLE_NEED_STATUSES } from "../need/need-status";
import type { RespondInput } from "./response.input";

export class ResponseService {
  constructor(
    private readonly prisma: Prisma,
    private readonly pubsub: HubPubSub,
  ) {}

  /** ADMIN, or SOCIETY for its own society; one open response per society per need; experts must be members. */
  async respond(ctx: Context, input: RespondInput): Promise<ResponseRow> {
    const viewer = requireRole(ctx.viewer, "ADMIN", "SOCIETY");
    const needId = idOf("TechNeed", input.needId, "input.needId");
    const societyId = idOf("Society", input.societyId, "input.societyId");
    const need = needId === null ? null : await this.prisma.techNeed.findFirst({ where: { id: needId, AND: [readableNeeds(viewer)] } });
    if (!need) throw notFound("TechNeed");
    const society = societyId === null ? null : await this.prisma.society.findFirst({ where: { id: societyId, active: true } });
    if (!society) throw notFound("Society");
    if (viewer.role === "SOCIETY" && viewer.societyId !== society.id) throw forbidden("A society may respond for itself only");
    if (!MATCHABLE_NEED_STATUSES.includes(need.status)) throw badInput("input.needId", `The need is ${need.status} and takes no responses`);
    const expertIds = [...new Set((input.expertIds ?? []).map((gid, i) => idOf("Expert", gid, `input.expertIds.${i}`) ?? -1))];
    const members = await this.prisma.societyMembership.count({ where: { societyId: society.id, expertId: { in: expertIds } } });
    if (members !== expertIds.length) throw badInput("input.expertIds", "Every expert offered must be a member of the responding society");
    const open = await this.prisma.response.count({ where: { needId: need.id, societyId: society.id, status: { in: ["SUBMITTED", "SHORTLISTED", "ACCEPTED"] } } });
    if (open) throw conflict("input.societyId", "This society has an open response to this need already");
    const response = await this.prisma.$transaction(async (tx) => {
      const created = await tx.response.create({
        data: { needId: need.id, societyId: society.id, proposal: input.proposal.trim(), experts: { create: expertIds.map((expertId) => ({ expertId })) } },
      });
      if (!need.firstResponseAt) await tx.techNeed.update({ where: { id: need.id }, data: { firstResponseAt: created.createdAt } });
      await recordAudit(tx, ctx, "response.submit", { type: "Response", id: created.id }, { needId: need.id, societyId: society.id, expertIds });
      return created;
    });
    this.pubsub.publish([{ topic: "responseReceived", payload: { responseId: response.id, needId: need.id } }]);
    return response;
  }
}
