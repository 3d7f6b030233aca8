import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { loadSupplier } from "../supplier";
import { supplierOfRow } from "../supplier";
import type { Context } from "../../context/context";
import type { InvitationRow, NeedRow } from "../../infra/db/rows";
import { ConnectionArgs } from "../../infra/relay/connection.args";
import { toConnection } from "../../infra/relay/connection";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { InvitationDeclineCode, InvitationStatus } from "../../schema/enums";
import { Match, Supplier } from "../match";
import { NeedTeaser, teaserOf, TechNeed } from "../need";
import { Invitation, InvitationConnection } from "./invitation.type";

@Resolver(() => Invitation)
export class InvitationResolver {
  @Query(() => InvitationConnection, {
    description: "Invitations the viewer sent (enterprise) or received (supplier side: expert, platform, society incl. its experts).",
  })
  async invitations(
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
    @Arg("status", () => [InvitationStatus], { nullable: true }) status: InvitationStatus[] | null,
  ) {
    return toConnection(await ctx.services.invitations.list(ctx, page, status ?? null));
  }

  @Mutation(() => Invitation, { description: "The need's enterprise invites a matched supplier (not one at capacity or in conflict)." })
  inviteSupplier(@Arg("matchId", () => ID) matchId: string, @Ctx() ctx: Context, @Arg("message", () => String, { nullable: true }) message: string | null) {
    return ctx.services.invitations.invite(ctx, idOf("Match", matchId, "matchId"), message ?? null);
  }

  @Mutation(() => Invitation, { description: "The invited supplier's side answers; declining needs a code." })
  answerInvitation(
    @Arg("id", () => ID) id: string,
    @Arg("accept", () => Boolean) accept: boolean,
    @Ctx() ctx: Context,
    @Arg("declineCode", () => InvitationDeclineCode, { nullable: true }) declineCode: InvitationDeclineCode | null,
    @Arg("declineText", () => String, { nullable: true }) declineText: string | null,
  ) {
    return ctx.services.invitations.answer(ctx, idOf("Invitation", id, "id"), accept, declineCode ?? null, declineText ?? null);
  }

  @Mutation(() => Invitation, { description: "The need's enterprise takes back a PENDING invitation." })
  withdrawInvitation(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.invitations.withdraw(ctx, idOf("Invitation", id, "id"));
  }

  @FieldResolver(() => ID)
  id(@Root() invitation: InvitationRow) {
    return toGlobalId("Invitation", invitation.id);
  }

  @FieldResolver(() => TechNeed, { nullable: true, description: "null for the supplier's side until it may read the need (a CONFIDENTIAL need: once it accepted)" })
  need(@Root() invitation: InvitationRow, @Ctx() ctx: Context) {
    return ctx.loaders.need.load(invitation.needId);
  }

  @FieldResolver(() => Match)
  match(@Root() invitation: InvitationRow, @Ctx() ctx: Context) {
    // Whoever may read the invitation may read its match (readableMatches covers both parties).
    return ctx.loaders.match.load(invitation.matchId);
  }

  @FieldResolver(() => Supplier)
  async supplier(@Root() invitation: InvitationRow, @Ctx() ctx: Context) {
    return loadSupplier(ctx.loaders.supplierRow, supplierOfRow(invitation));
  }

  @FieldResolver(() => NeedTeaser, { nullable: true, description: "The need's teaser (CONFIDENTIAL needs), what the invited side reads before it accepts" })
  async teaser(@Root() invitation: InvitationRow, @Ctx() ctx: Context) {
    const need = await ctx.loaders.anyNeed.load(invitation.needId);
    return need ? teaserOf(need, ctx.loaders) : null;
  }
}

/** The programme's fields on TechNeed that come with invitations. */
@Resolver(() => TechNeed)
export class NeedInvitationResolver {
  @FieldResolver(() => [Invitation], { description: "The need's invitations the viewer may see (its enterprise: all; a supplier's side: its own)" })
  invitations(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return ctx.loaders.invitationsOfNeed.load(need.id);
  }

  @FieldResolver(() => NeedTeaser, { nullable: true, description: "For CONFIDENTIAL needs: what is sought, without names (null for PUBLIC and MEMBERS needs)" })
  teaser(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return teaserOf(need, ctx.loaders);
  }
}
