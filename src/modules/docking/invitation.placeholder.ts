import { Field, ID, ObjectType } from "type-graphql";

/**
 * PLACEHOLDER until the invitations branch is merged: Docking.invitation needs a type named Invitation. At the merge
 * delete this file and import the real Invitation in docking.resolver.ts (the field then loads the docking's
 * invitationId through the invitation row rule).
 */
@ObjectType("Invitation", { description: "An invitation to a supplier (the full type comes with the invitations branch)." })
export class DockingInvitationPlaceholder {
  @Field(() => ID)
  id!: string;
}
