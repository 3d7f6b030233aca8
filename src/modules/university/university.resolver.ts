import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import { toConnection } from "../../infra/relay/connection";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { Contact } from "../contact";
import type { ContactJson } from "../contact";
import { CreateUniversityInput, UpdateUniversityInput } from "./university.input";
import type { UniversityRow } from "./university.service";
import { University, UniversityConnection } from "./university.type";

@Resolver(() => University)
export class UniversityResolver {
  @Query(() => UniversityConnection, { description: "Active universities and research institutes (高校院所), oldest first." })
  async universities(@Args() page: ConnectionArgs, @Arg("text", () => String, { nullable: true, description: "in the name, or a discipline" }) text: string | null, @Ctx() ctx: Context) {
    return toConnection(await ctx.services.universities.list(ctx, page, text ?? null));
  }

  @Mutation(() => University, { description: "ADMIN only. The new institute is matched against open needs." })
  createUniversity(@Arg("input", () => CreateUniversityInput) input: CreateUniversityInput, @Ctx() ctx: Context) {
    return ctx.services.universities.create(ctx, input);
  }

  @Mutation(() => University, { description: "ADMIN only; a changed text, chains or activity match it afresh." })
  updateUniversity(@Arg("id", () => ID) id: string, @Arg("input", () => UpdateUniversityInput) input: UpdateUniversityInput, @Ctx() ctx: Context) {
    return ctx.services.universities.update(ctx, idOf("University", id, "id"), input);
  }

  @FieldResolver(() => ID)
  id(@Root() university: UniversityRow) {
    return toGlobalId("University", university.id);
  }

  @FieldResolver(() => [String])
  industryChainCodes(@Root() university: UniversityRow) {
    return university.chainCodes;
  }

  @FieldResolver(() => Contact, { nullable: true, description: "Private: ADMIN only (no user acts for an institute yet); null for others." })
  contact(@Root() university: UniversityRow): ContactJson | null {
    return (university.contact as ContactJson | null) ?? null;
  }
}
