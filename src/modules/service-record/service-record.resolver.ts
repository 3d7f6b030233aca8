import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId, type NodeType } from "../../infra/relay/global-id";
import { Enterprise } from "../enterprise";
import { Expert } from "../expert";
import { TechNeed } from "../need";
import { Society } from "../society";
import { ExpertWorkstation } from "../workstation";
import { LogServiceInput, ServiceRecordFilter } from "./service-record.input";
import type { ServiceRecordRow } from "./service-record.service";
import { ServiceRecord, ServiceRecordConnection } from "./service-record.type";

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver {
  @Query(() => ServiceRecordConnection, { description: "Volunteer service, newest first: the society's own, the enterprise's own; ADMIN and ANALYST all." })
  async serviceRecords(@Args() page: ConnectionArgs, @Arg("filter", () => ServiceRecordFilter, { nullable: true }) filter: ServiceRecordFilter | null, @Ctx() ctx: Context) {
    const id = (type: NodeType, value: string | null | undefined, field: string) => (value ? (idOf(type, value, field) ?? -1) : undefined);
    return toConnection(
      await ctx.services.serviceRecords.list(ctx, page, {
        societyId: id("Society", filter?.societyId, "filter.societyId"),
        enterpriseId: id("Enterprise", filter?.enterpriseId, "filter.enterpriseId"),
        needId: id("TechNeed", filter?.needId, "filter.needId"),
        workstationId: id("ExpertWorkstation", filter?.workstationId, "filter.workstationId"),
        kind: filter?.kind ?? undefined,
      }),
    );
  }

  @Mutation(() => ServiceRecord, { description: "ADMIN, or SOCIETY for its own society: 科技咨询, 技术指导, 政策宣讲, 调研走访 or workstation service." })
  logService(@Arg("input", () => LogServiceInput) input: LogServiceInput, @Ctx() ctx: Context) {
    return ctx.services.serviceRecords.log(ctx, input);
  }

  @Mutation(() => ServiceRecord, { description: "the enterprise served (its users) or ADMIN" })
  confirmServiceRecord(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.serviceRecords.confirm(ctx, idOf("ServiceRecord", id, "id"));
  }

  @FieldResolver(() => [Expert], { description: "the experts who served" })
  async participants(@Root() record: ServiceRecordRow, @Ctx() ctx: Context) {
    const rows = await ctx.services.prisma.serviceRecordExpert.findMany({ where: { serviceRecordId: record.id }, orderBy: { expertId: "asc" }, select: { expertId: true } });
    return (await Promise.all(rows.map((r) => ctx.loaders.expert.load(r.expertId)))).filter((e) => e !== null && e !== undefined);
  }

  @FieldResolver(() => ID)
  id(@Root() record: ServiceRecordRow) {
    return toGlobalId("ServiceRecord", record.id);
  }

  @FieldResolver(() => Society)
  society(@Root() record: ServiceRecordRow, @Ctx() ctx: Context) {
    return ctx.loaders.society.load(record.societyId);
  }

  @FieldResolver(() => Enterprise)
  enterprise(@Root() record: ServiceRecordRow, @Ctx() ctx: Context) {
    return ctx.loaders.enterprise.load(record.enterpriseId);
  }

  @FieldResolver(() => TechNeed, { nullable: true, description: "null when there is none or the caller may not see it" })
  need(@Root() record: ServiceRecordRow, @Ctx() ctx: Context) {
    return record.needId === null ? null : ctx.loaders.need.load(record.needId);
  }

  @FieldResolver(() => ExpertWorkstation, { nullable: true })
  workstation(@Root() record: ServiceRecordRow, @Ctx() ctx: Context) {
    return record.workstationId === null ? null : ctx.services.prisma.expertWorkstation.findUnique({ where: { id: record.workstationId } });
  }
}
