import { Field, ID, ObjectType } from "type-graphql";
import { JSONResolver } from "graphql-scalars";
import { connectionType } from "../../infra/relay/connection";

@ObjectType({ simpleResolvers: true, description: "One write to the hub: who changed what, when, with a before/after summary. ADMIN only." })
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field({ description: 'e.g. "need.post", "match.status", "user.deactivate"' })
  action!: string;

  @Field({ description: "The GraphQL type of the thing changed, e.g. TechNeed" })
  entityType!: string;

  @Field(() => JSONResolver, { nullable: true, description: "What changed (before/after, or the new thing's key facts)" })
  summary!: unknown;

  @Field(() => String, { nullable: true, description: "The request that made the change (x-request-id)" })
  requestId!: string | null;
}

export const AuditEventConnection = connectionType(AuditEvent, "AuditEvent");
