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

/**
 * The fields of a step whose move may carry a decision's reason (a response declined, a match rejected), for the
 * enum of that lifecycle's statuses. Never in the schema itself: each lifecycle's step type extends it.
 */
function stepWithReason<S extends object>(statuses: S) {
  @ObjectType({ simpleResolvers: true })
  abstract class StepWithReason {
    @Field(() => statuses, { nullable: true })
    from!: S[keyof S] | null;

    @Field(() => statuses)
    status!: S[keyof S];

    @Field(() => Date)
    at!: Date;

    @Field(() => DeclineReason, { nullable: true })
    reasonCode!: DeclineReason | null;

    @Field(() => String, { nullable: true })
    reason!: string | null;
  }
  return StepWithReason;
}

@ObjectType({ simpleResolvers: true, description: "One step of a response's lifecycle; a decline's reason only for those who may read it." })
export class ResponseStep extends stepWithReason(ResponseStatus) {
  /** The response this step belongs to: not a GraphQL field, read by the policy's rule for the reasons. */
  of!: ResponseRow;
}

@ObjectType({ simpleResolvers: true, description: "One step of a match's lifecycle; a rejection's reason only for those who may read it." })
export class MatchStep extends stepWithReason(MatchStatus) {
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
