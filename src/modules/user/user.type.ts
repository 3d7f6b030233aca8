import { createUnionType, Field, ID, ObjectType } from "type-graphql";
import { Role } from "../../schema/enums";
import { connectionType } from "../../infra/relay/connection";
import { Enterprise } from "../enterprise";
import { Node, resolveTypename } from "../node";
import { InnovationPlatform } from "../platform";
import { Society } from "../society";

export const Organization = createUnionType({
  name: "Organization",
  types: () => [Enterprise, Society, InnovationPlatform] as const,
  resolveType: resolveTypename,
});

@ObjectType({ simpleResolvers: true, implements: Node })
export class User implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => Role)
  role!: Role;

  @Field({ description: "false once deactivated: the user can no longer sign in" })
  active!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: "A read-only display token for the dashboard's 大屏 (kiosk) mode, issued by an ADMIN.", simpleResolvers: true })
export class DisplayToken {
  @Field({ description: "For the dashboard's 大屏 mode: open /dashboard?kiosk=1#display=<token>. Reads the statistics (stats, programmeStats) and nothing else" })
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

@ObjectType({ simpleResolvers: true })
export class AuthPayload {
  @Field({ description: "JWT; send as `Authorization: Bearer <token>`, or as connectionParams.authorization over WebSocket" })
  token!: string;

  @Field(() => User)
  user!: unknown;
}

export const UserConnection = connectionType(User, "User");
