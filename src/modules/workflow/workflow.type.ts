import { Field, Int, ObjectType } from "type-graphql";
import { MatchStatus, NeedStatus, ResponseStatus } from "../../schema/enums";
import { DeclineReason } from "./workflow.enums";
import type { MatchRow, ResponseRow } from "../../infra/db/rows";

@ObjectType({ simpleResolvers: true, description: "Why a response was declined: seen by the responding society, the need's enterprise, ADMIN and ANALYST." })
export class DeclineNote {
  @Field(() => DeclineReason)
  code!: DeclineReason;

  @Field(() => String, { nullable: true })
  text!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "One step of a need's lifecycle." })
export class NeedStep {
  @Field(() => NeedStatus, { nullable: true, description: "null for the first step" })
  from!: NeedStatus | null;

  @Field(() => NeedStatus)
  status!: NeedStatus;

  @Field(() => Date)
  at!: Date;

  @Field({ description: "false when the hub made the step itself (the expiry sweep)" })
  byUser!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "One step of a response's lifecycle; a decline's reason only for those who may read it." })
export class ResponseStep {
  @Field(() => ResponseStatus, { nullable: true })
  from!: ResponseStatus | null;

  @Field(() => ResponseStatus)
  status!: ResponseStatus;

  @Field(() => Date)
  at!: Date;

  @Field(() => DeclineReason, { nullable: true })
  reasonCode!: DeclineReason | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  /** The response this step belongs to: not a GraphQL field, read by the policy's rule for the reasons. */
  of!: ResponseRow;
}

@ObjectType({ simpleResolvers: true, description: "One step of a match's lifecycle; a rejection's reason only for those who may read it." })
export class MatchStep {
  @Field(() => MatchStatus, { nullable: true })
  from!: MatchStatus | null;

  @Field(() => MatchStatus)
  status!: MatchStatus;

  @Field(() => Date)
  at!: Date;

  @Field(() => DeclineReason, { nullable: true })
  reasonCode!: DeclineReason | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  /** The match this step belongs to: not a GraphQL field, read by the policy's rule for the reasons. */
  of!: MatchRow;
}

@ObjectType({ simpleResolvers: true, description: "A need's lifecycle times and the durations analysts report (seconds)." })
export class NeedTimers {
  @Field(() => Date, { nullable: true })
  openedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  firstResponseAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "the first decision of the need's side on a response or match" })
  firstDecisionAt!: Date | null;

  @Field(() => Date, { nullable: true })
  dockedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  expiredAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "openedAt → firstResponseAt" })
  secondsToFirstResponse!: number | null;

  @Field(() => Int, { nullable: true, description: "openedAt → firstDecisionAt" })
  secondsToDecision!: number | null;

  @Field(() => Int, { nullable: true, description: "openedAt → dockedAt" })
  secondsToDocking!: number | null;
}
