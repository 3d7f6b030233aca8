import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { loadSupplier } from "../supplier";
import { supplierOfRow } from "../supplier";
import type { Context } from "../../context/context";
import { toGlobalId } from "../../infra/relay/global-id";
import { Supplier } from "../match";
import { TechNeed } from "../need";
import type { DockingRow } from "./docking-access";
import { ScheduleDockingInput } from "./docking.input";
import { Docking, DockingOutcome } from "./docking.type";
import { Invitation } from "../invitation";

@Resolver(() => Docking)
export class DockingResolver {
  @Mutation(() => Docking, { description: "Either side of an ACCEPTED response or invitation, or ADMIN, arranges a docking: a start in the future, a place or an online link." })
  scheduleDocking(@Arg("input", () => ScheduleDockingInput) input: ScheduleDockingInput, @Ctx() ctx: Context) {
    return ctx.services.dockings.schedule(ctx, input);
  }

  @Mutation(() => Docking, { description: "Moves a SCHEDULED docking; a place or link left out stays as it was." })
  rescheduleDocking(
    @Arg("id", () => ID) id: string,
    @Arg("startsAt", () => Date) startsAt: Date,
    @Arg("place", () => String, { nullable: true }) place: string | null | undefined,
    @Arg("onlineUrl", () => String, { nullable: true }) onlineUrl: string | null | undefined,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.dockings.reschedule(ctx, id, startsAt, place, onlineUrl);
  }

  @Mutation(() => Docking, { description: "Cancels a SCHEDULED docking, saying why." })
  cancelDocking(@Arg("id", () => ID) id: string, @Arg("reason", () => String) reason: string, @Ctx() ctx: Context) {
    return ctx.services.dockings.cancel(ctx, id, reason);
  }

  @Mutation(() => Docking, { description: "Records a docking that took place (after its start): HELD, with its outcome and minutes." })
  recordDockingOutcome(@Arg("id", () => ID) id: string, @Arg("outcome", () => DockingOutcome) outcome: DockingOutcome, @Arg("minutes", () => String) minutes: string, @Ctx() ctx: Context) {
    return ctx.services.dockings.recordOutcome(ctx, id, outcome, minutes);
  }

  @FieldResolver(() => ID)
  id(@Root() d: DockingRow) {
    return toGlobalId("Docking", d.id);
  }

  @FieldResolver(() => TechNeed)
  need(@Root() d: DockingRow, @Ctx() ctx: Context) {
    return ctx.loaders.need.load(d.needId);
  }

  @FieldResolver(() => Supplier)
  async supplier(@Root() d: DockingRow, @Ctx() ctx: Context) {
    return loadSupplier(ctx.loaders.supplierRow, supplierOfRow(d));
  }

  @FieldResolver(() => Invitation, { nullable: true, description: "The ACCEPTED invitation it was arranged from (null for a response)." })
  invitation(@Root() d: DockingRow, @Ctx() ctx: Context) {
    return d.invitationId === null ? null : ctx.loaders.invitation.load(d.invitationId);
  }
}
