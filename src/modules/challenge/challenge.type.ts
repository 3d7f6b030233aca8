import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ChallengeObjectionStatus } from "../../schema/enums";
import { ChallengeStage } from "./challenge-stage";

export { ChallengeStage };

registerEnumType(ChallengeStage, {
  name: "ChallengeStage",
  description: "揭榜挂帅: SUBMISSIONS (solutions taken) → REVIEW (the panel scores) → NOTICE (公示) → AWARDED (milestones) → ACCEPTED (验收 passed: the award counts as paid); CLOSED without an award",
});

@ObjectType({ description: "One of the enterprise's weighted review criteria; a challenge's weights sum to 100." })
export class ChallengeCriterion {
  @Field(() => ID)
  id!: string;
  @Field()
  name!: string;
  @Field(() => Int, { description: "1–100; the weights of a challenge sum to 100" })
  weight!: number;
}

@InputType()
export class ChallengeCriterionInput {
  @Field()
  name!: string;
  @Field(() => Int)
  weight!: number;
}

@ObjectType({ description: "An expert on a challenge's review panel (appointed by ADMIN, with no conflict of interest)." })
export class ChallengePanelist {
  expertId!: number;
  @Field(() => Date)
  appointedAt!: Date;
  @Field(() => Int, { description: "How many of the challenge's solutions this panelist has scored on every criterion" })
  scoredSolutions!: number;
}

@ObjectType({ description: "A panelist's score of one solution on one criterion." })
export class SolutionScore {
  criterionId!: number;
  expertId!: number;
  @Field(() => Int, { description: "0–10" })
  score!: number;
  @Field(() => String, { nullable: true })
  comment!: string | null;
  @Field(() => Date)
  scoredAt!: Date;
}

@InputType()
export class CriterionScoreInput {
  @Field(() => ID, { description: "a ChallengeCriterion of the solution's challenge" })
  criterionId!: string;
  @Field(() => Int, { description: "0–10" })
  score!: number;
}

@InputType({ description: "A panelist's scores of one solution: every criterion of the challenge once." })
export class ScoreSolutionInput {
  @Field(() => ID, { description: "a solution (Response) to a challenge on whose panel the caller sits" })
  responseId!: string;
  @Field(() => [CriterionScoreInput])
  scores!: CriterionScoreInput[];
  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@ObjectType({ description: "A solution's place in the ranking by weighted total." })
export class SolutionRank {
  responseId!: number;
  societyId!: number;
  @Field(() => Int, { description: "1 for the highest total; equal totals share a rank" })
  rank!: number;
  @Field(() => Float, { description: "0–100: each panelist's Σ score × weight / 10, averaged over the panelists who scored it" })
  weightedTotal!: number;
  @Field(() => Int)
  panelistsScored!: number;
}

@ObjectType({ description: "An objection to a notice: its text and outcome, for ADMIN and the user who lodged it." })
export class ChallengeObjection {
  @Field(() => ID)
  id!: string;
  @Field()
  text!: string;
  @Field(() => ChallengeObjectionStatus)
  status!: ChallengeObjectionStatus;
  @Field(() => String, { nullable: true, description: "ADMIN's decision, once resolved" })
  resolution!: string | null;
  @Field(() => Date)
  lodgedAt!: Date;
  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;
}

@ObjectType({ description: "公示: the proposed winner, published for a number of working days (HUB_TIME_ZONE, Monday–Friday)." })
export class ChallengeNotice {
  id!: number;
  needId!: number;
  responseId!: number;
  societyId!: number;
  @Field(() => Float, { description: "the proposed winner's weighted total" })
  weightedTotal!: number;
  @Field(() => Int)
  workingDays!: number;
  @Field(() => Date)
  startsAt!: Date;
  @Field(() => Date, { description: "objections are taken until then; the award only afterwards" })
  endsAt!: Date;
  @Field(() => Date, { nullable: true, description: "set when an upheld objection withdrew the notice" })
  withdrawnAt!: Date | null;
  @Field(() => Int, { description: "objections still open: the award waits for them" })
  openObjections!: number;
}

@ObjectType({ description: "A milestone of an awarded challenge." })
export class ChallengeMilestone {
  @Field(() => ID)
  id!: string;
  @Field()
  title!: string;
  @Field(() => Date)
  dueOn!: Date;
  @Field(() => Date, { nullable: true })
  doneAt!: Date | null;
  @Field(() => String, { nullable: true, description: "what the winner's side reported when done" })
  doneNote!: string | null;
  @Field({ description: "past its due date and not done" })
  overdue!: boolean;
}

@ObjectType({ description: "A 验收 decision on an awarded challenge." })
export class ChallengeAcceptance {
  @Field()
  passed!: boolean;
  @Field()
  note!: string;
  @Field(() => Date)
  decidedAt!: Date;
}

@ObjectType({ description: "揭榜挂帅 to its end: criteria, panel, ranking, notice (公示), milestones and acceptance (验收)." })
export class ChallengeReview {
  needId!: number;
  enterpriseId!: number;
  dealId!: number | null;
  winnerSocietyId!: number | null;
  @Field(() => ChallengeStage)
  stage!: ChallengeStage;
  @Field(() => [ChallengeCriterion], { description: "Public with the challenge" })
  criteria!: ChallengeCriterion[];
  @Field(() => ChallengeNotice, { nullable: true, description: "The current notice (not withdrawn), once published: public with the challenge" })
  notice!: ChallengeNotice | null;
  @Field(() => Date, { nullable: true, description: "When 验收 passed: from then on the award counts as paid" })
  acceptedAt!: Date | null;
}
