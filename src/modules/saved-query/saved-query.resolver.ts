import { print, getOperationAST } from "graphql";
import type { GraphQLResolveInfo } from "graphql";
import { JSONObjectResolver } from "graphql-scalars";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import { notFound } from "../../infra/errors";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { User } from "../user";
import { SaveQueryInput } from "./saved-query.input";
import { documentOf, runSavedQuery } from "./saved-query.runner";
import type { SavedQueryRow } from "./saved-query.service";
import { SavedQuery, SavedQueryConnection, SavedQueryRun, SavedQueryVariable } from "./saved-query.type";

@ArgsType()
export class SavedQueryArgs extends ConnectionArgs {
  @Field(() => Boolean, { nullable: true, description: "Only the caller's own" })
  mine?: boolean | null;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@ArgsType()
export class RunSavedQueryArgs {
  @Field({ description: "The saved query's name: the caller's own first, else the one shared query by that name" })
  name!: string;

  @Field(() => ID, { nullable: true, description: "Whose query (a User ID), when several shared ones have the name" })
  owner?: string | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: "Values for the variables the operation declares" })
  variables?: Record<string, unknown> | null;
}

@Resolver(() => SavedQuery)
export class SavedQueryResolver {
  @Query(() => SavedQueryConnection, { description: "Saved queries the caller may run: its own and the shared ones (ADMIN: all)." })
  async savedQueries(@Args() args: SavedQueryArgs, @Ctx() ctx: Context) {
    return toConnection(await ctx.services.savedQueries.list(ctx, args, { mine: args.mine, name: args.name }));
  }

  @Query(() => SavedQueryRun, { description: "Runs a saved query by name with the caller's rights, limits and budget." })
  async runSavedQuery(@Args() args: RunSavedQueryArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const row = await ctx.services.savedQueries.byName(ctx.viewer, args.name, ownerIdOf(args.owner));
    return runSavedQuery(ctx, info.schema, ctx.services.queryBudget, row, args.variables ?? {});
  }

  @Mutation(() => SavedQuery, { description: "ANALYST and ADMIN. Saves (or replaces, by name) a query after validating it against the schema and limits." })
  saveQuery(@Arg("input", () => SaveQueryInput) input: SaveQueryInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.services.savedQueries.save(ctx, info.schema, input);
  }

  @Mutation(() => ID, { description: "Its owner (or ADMIN) deletes a saved query; returns its ID." })
  async deleteSavedQuery(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    const dbId = idOf("SavedQuery", id, "id");
    if (dbId === null) throw notFound("Saved query");
    await ctx.services.savedQueries.remove(ctx, dbId);
    return id;
  }

  @FieldResolver(() => ID)
  id(@Root() row: SavedQueryRow) {
    return toGlobalId("SavedQuery", row.id);
  }

  @FieldResolver(() => String)
  documentId(@Root() row: SavedQueryRow) {
    return `sha256:${row.documentHash}`;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who saved it, when the caller may see that user" })
  owner(@Root() row: SavedQueryRow, @Ctx() ctx: Context) {
    return ctx.loaders.user.load(row.ownerId);
  }

  @FieldResolver(() => Boolean, { description: "Whether the caller saved it (and may replace or delete it)" })
  mine(@Root() row: SavedQueryRow, @Ctx() ctx: Context) {
    return ctx.viewer.kind === "user" && ctx.viewer.userId === row.ownerId;
  }

  @FieldResolver(() => [SavedQueryVariable], { description: "The variables the operation declares" })
  variables(@Root() row: SavedQueryRow): SavedQueryVariable[] {
    const operation = getOperationAST(documentOf(row), row.operationName ?? undefined);
    return (operation?.variableDefinitions ?? []).map((v) => ({
      name: v.variable.name.value,
      type: print(v.type),
      defaultValue: v.defaultValue ? print(v.defaultValue) : null,
    }));
  }
}

export function ownerIdOf(owner: string | null | undefined): number | null {
  return owner ? (idOf("User", owner, "owner") ?? -1) : null;
}
