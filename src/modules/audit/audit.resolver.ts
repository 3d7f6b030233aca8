import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { toGlobalId, type NodeType } from "../../infra/relay/global-id";
import { User } from "../user";
import { AuditEventFilter } from "./audit.input";
import { decodeEntityId, type AuditRow } from "./audit.service";
import { AuditEvent, AuditEventConnection } from "./audit.type";

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: "ADMIN only. Every write to the hub, newest first." })
  async auditEvents(@Args() page: ConnectionArgs, @Arg("filter", () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null, @Ctx() ctx: Context) {
    const actor = filter?.actorId ? decodeEntityId(filter.actorId, "filter.actorId") : undefined;
    const query = {
      entityType: filter?.entityType,
      entity: filter?.entityId ? decodeEntityId(filter.entityId, "filter.entityId") : undefined,
      actorId: actor === undefined ? undefined : actor.type === "User" ? actor.id : null,
      action: filter?.action,
    };
    return toConnection(await ctx.services.audit.list(ctx, page, query));
  }

  @FieldResolver(() => ID)
  id(@Root() event: AuditRow) {
    return Buffer.from(`AuditEvent:${event.id}`).toString("base64url");
  }

  @FieldResolver(() => ID, { description: "The global ID of the thing changed" })
  entityId(@Root() event: AuditRow) {
    return toGlobalId(event.entityType as NodeType, event.entityId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who made the change; null for the system (start-up, migrations)" })
  actor(@Root() event: AuditRow, @Ctx() ctx: Context) {
    return event.actorId === null ? null : ctx.loaders.user.load(event.actorId);
  }
}
