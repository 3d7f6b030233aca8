// Database row types under names that do not collide with the GraphQL classes of the same domain word.
export type {
  Enterprise as EnterpriseRow,
  Expert as ExpertRow,
  IndustryChain as IndustryChainRow,
  InnovationPlatform as PlatformRow,
  Invitation as InvitationRow,
  Conflict as ConflictRow,
  Match as MatchRow,
  Region as RegionRow,
  Response as ResponseRow,
  Society as SocietyRow,
  TechNeed as NeedRow,
  User as UserRow,
} from "../../generated/prisma/client";
export type { Prisma as PrismaTypes } from "../../generated/prisma/client";
