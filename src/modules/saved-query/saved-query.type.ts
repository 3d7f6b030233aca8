import { Field, Int, ObjectType } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import { connectionType } from "../../infra/relay/connection";
import { Node } from "../node";

@ObjectType({ simpleResolvers: true, description: "A variable the saved operation declares: what `variables` may give when it is run." })
export class SavedQueryVariable {
  @Field()
  name!: string;

  @Field({ description: 'GraphQL type, e.g. "Int" or "String!"' })
  type!: string;

  @Field(() => String, { nullable: true, description: "Default value as GraphQL source, when declared" })
  defaultValue!: string | null;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: "An analyst's named query: validated when saved, run by name, optionally shared read-only." })
export class SavedQuery extends Node {
  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field({ description: "The GraphQL document as saved" })
  document!: string;

  @Field(() => String, { nullable: true })
  operationName!: string | null;

  @Field({ description: '"sha256:<hex>": run it as a trusted document with { documentId } over HTTP or WebSocket' })
  documentId!: string;

  @Field({ description: "Shared read-only with every signed-in user (who run it with their own rights)" })
  shared!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: "One error of a saved query's run, shaped as GraphQL errors are." })
export class SavedQueryError {
  @Field()
  message!: string;

  @Field()
  code!: string;

  @Field(() => [String], { nullable: true, description: "Where in the result (list indexes as strings)" })
  path!: string[] | null;
}

@ObjectType({ simpleResolvers: true, description: "The result of running a saved query with the caller's rights." })
export class SavedQueryRun {
  @Field(() => SavedQuery)
  savedQuery!: object;

  @Field(() => JSONObjectResolver, { nullable: true, description: "The operation's `data`, as /graphql would answer it" })
  data!: Record<string, unknown> | null;

  @Field(() => [SavedQueryError])
  errors!: SavedQueryError[];

  @Field(() => Int, { nullable: true, description: "Its cost, charged to the caller's budget (README: Query limits)" })
  cost!: number | null;

  @Field(() => Date)
  ranAt!: Date;
}

export const SavedQueryConnection = connectionType(SavedQuery, "SavedQuery");
