import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import type { NeedRow, ResponseRow } from "../../infra/db/rows";
import { readableResponses } from "../access";
import { Expert } from "../expert";
import { TechNeed } from "../need";
import { Response } from "../response";
import { Society } from "../society";
import {
  ChallengeAcceptance,
  ChallengeCriterion,
  ChallengeCriterionInput,
  ChallengeMilestone,
  ChallengeNotice,
  ChallengeObjection,
  ChallengePanelist,
  ChallengeReview,
  ScoreSolutionInput,
  SolutionRank,
  SolutionScore,
} from "./challenge.type";
import { toGlobalId } from "../../infra/relay/global-id";

/** 揭榜挂帅 review and delivery: the mutations (thin; review.service.ts and delivery.service.ts hold the rules). */
@Resolver()
export class ChallengeReviewResolver {
  @Mutation(() => TechNeed, { description: "The challenge's enterprise or ADMIN: weighted criteria (weights sum to 100), replaced whole, until the panel's first score." })
  setChallengeCriteria(@Arg("needId", () => ID) needId: string, @Arg("criteria", () => [ChallengeCriterionInput]) criteria: ChallengeCriterionInput[], @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.setCriteria(ctx, needId, criteria);
  }

  @Mutation(() => ChallengePanelist, { description: "ADMIN, after submissions close and before the notice: an expert with a conflict of interest is refused (BAD_USER_INPUT says why)." })
  appointChallengePanelist(@Arg("needId", () => ID) needId: string, @Arg("expertId", () => ID) expertId: string, @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.appoint(ctx, needId, expertId);
  }

  @Mutation(() => Boolean, { description: "ADMIN, before the notice: the panelist's scores go with them." })
  removeChallengePanelist(@Arg("needId", () => ID) needId: string, @Arg("expertId", () => ID) expertId: string, @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.removePanelist(ctx, needId, expertId);
  }

  @Mutation(() => [SolutionScore], { description: "A panelist of the solution's challenge: 0–10 on every criterion; again to correct, until the notice." })
  scoreSolution(@Arg("input", () => ScoreSolutionInput) input: ScoreSolutionInput, @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.score(ctx, input);
  }

  @Mutation(() => ChallengeNotice, {
    description: "ADMIN, once every panelist scored every solution: publishes the top-ranked solution (responseId: one of those tied at the top) for workingDays working days (default 5).",
  })
  publishChallengeNotice(
    @Arg("needId", () => ID) needId: string,
    @Arg("responseId", () => ID, { nullable: true }) responseId: string | null,
    @Arg("workingDays", () => Int, { nullable: true }) workingDays: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.challengeReviews.publishNotice(ctx, needId, responseId, workingDays);
  }

  @Mutation(() => ChallengeObjection, { description: "Any signed-in user who may read the challenge, while its notice runs." })
  lodgeChallengeObjection(@Arg("needId", () => ID) needId: string, @Arg("text", () => String) text: string, @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.lodgeObjection(ctx, needId, text);
  }

  @Mutation(() => ChallengeObjection, { description: "ADMIN: an upheld objection withdraws the notice (the review resumes); a dismissed one leaves it." })
  resolveChallengeObjection(@Arg("id", () => ID) id: string, @Arg("uphold", () => Boolean) uphold: boolean, @Arg("resolution", () => String) resolution: string, @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.resolveObjection(ctx, id, uphold, resolution);
  }

  @Mutation(() => ChallengeMilestone, { description: "The challenge's enterprise or ADMIN, after the award and before acceptance." })
  addChallengeMilestone(@Arg("needId", () => ID) needId: string, @Arg("title", () => String) title: string, @Arg("dueOn", () => Date) dueOn: Date, @Ctx() ctx: Context) {
    return ctx.services.challengeDelivery.addMilestone(ctx, needId, { title, dueOn });
  }

  @Mutation(() => ChallengeMilestone, { description: "The winner's society or ADMIN reports a milestone done." })
  completeChallengeMilestone(@Arg("id", () => ID) id: string, @Arg("note", () => String) note: string, @Ctx() ctx: Context) {
    return ctx.services.challengeDelivery.completeMilestone(ctx, id, note);
  }

  @Mutation(() => ChallengeReview, { description: "ADMIN, 验收 once every milestone is done: passed, the award counts as paid in programmeStats; failed, it can be asked again." })
  acceptChallenge(@Arg("needId", () => ID) needId: string, @Arg("passed", () => Boolean) passed: boolean, @Arg("note", () => String) note: string, @Ctx() ctx: Context) {
    return ctx.services.challengeDelivery.accept(ctx, needId, passed, note);
  }
}

@Resolver(() => TechNeed)
export class NeedChallengeReviewResolver {
  @FieldResolver(() => ChallengeReview, { nullable: true, description: "揭榜挂帅: criteria, panel, ranking, notice, milestones, acceptance (null for other needs)" })
  challengeReview(@Root() need: NeedRow, @Ctx() ctx: Context) {
    return need.isChallenge ? ctx.services.challengeReviews.review(need) : null;
  }
}

@Resolver(() => ChallengeReview)
export class ChallengeReviewFieldsResolver {
  @FieldResolver(() => [ChallengePanelist], { nullable: true, description: "ADMIN, ANALYST and the panelists (null for others)" })
  panel(@Root() review: ChallengeReview, @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.panel(review.needId);
  }

  @FieldResolver(() => [SolutionRank], { nullable: true, description: "ADMIN, ANALYST and the panelists at any time; the challenge's other readers once the notice is published (null before)" })
  ranking(@Root() review: ChallengeReview, @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.ranking(review.needId);
  }

  @FieldResolver(() => [ChallengeMilestone], { nullable: true, description: "The award's enterprise, the winner's society, ADMIN and ANALYST (null for others)" })
  milestones(@Root() review: ChallengeReview, @Ctx() ctx: Context) {
    return review.dealId === null ? [] : ctx.services.challengeDelivery.milestones(review.dealId);
  }

  @FieldResolver(() => [ChallengeAcceptance], { nullable: true, description: "Every 验收 decision, oldest first: as milestones" })
  acceptances(@Root() review: ChallengeReview, @Ctx() ctx: Context) {
    return review.dealId === null ? [] : ctx.services.challengeDelivery.acceptances(review.dealId);
  }

  @FieldResolver(() => Boolean, { description: "The award counts as paid: 验收 passed" })
  paid(@Root() review: ChallengeReview) {
    return review.acceptedAt !== null;
  }
}

@Resolver(() => ChallengeNotice)
export class ChallengeNoticeResolver {
  @FieldResolver(() => Society, { description: "The proposed winner's society: public with the notice" })
  proposedSociety(@Root() notice: ChallengeNotice, @Ctx() ctx: Context) {
    return ctx.loaders.society.load(notice.societyId);
  }

  @FieldResolver(() => Response, { nullable: true, description: "The proposed solution, for those who may read it" })
  proposedWinner(@Root() notice: ChallengeNotice, @Ctx() ctx: Context) {
    return visibleResponse(ctx, notice.responseId);
  }

  @FieldResolver(() => [ChallengeObjection], { description: "ADMIN and ANALYST: all; others: those they lodged" })
  objections(@Root() notice: ChallengeNotice, @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.objections(ctx.viewer, notice.id);
  }
}

@Resolver(() => ChallengePanelist)
export class ChallengePanelistResolver {
  @FieldResolver(() => Expert)
  expert(@Root() panelist: ChallengePanelist, @Ctx() ctx: Context) {
    return ctx.loaders.expert.load(panelist.expertId);
  }
}

@Resolver(() => SolutionRank)
export class SolutionRankResolver {
  @FieldResolver(() => Response, { nullable: true, description: "The solution, for those who may read it (its society, the enterprise, the panel, ADMIN, ANALYST)" })
  solution(@Root() rank: SolutionRank, @Ctx() ctx: Context) {
    return visibleResponse(ctx, rank.responseId);
  }

  @FieldResolver(() => Society)
  society(@Root() rank: SolutionRank, @Ctx() ctx: Context) {
    return ctx.loaders.society.load(rank.societyId);
  }
}

@Resolver(() => SolutionScore)
export class SolutionScoreResolver {
  @FieldResolver(() => ChallengeCriterion)
  async criterion(@Root() score: SolutionScore, @Ctx() ctx: Context) {
    const c = await ctx.services.prisma.challengeCriterion.findUniqueOrThrow({ where: { id: score.criterionId } });
    return { id: toGlobalId("ChallengeCriterion", c.id), name: c.name, weight: c.weight };
  }

  @FieldResolver(() => Expert, { nullable: true, description: "Who gave it: for ADMIN, ANALYST and the panelist themself (null for others)" })
  panelist(@Root() score: SolutionScore, @Ctx() ctx: Context) {
    return score.expertId ? ctx.loaders.expert.load(score.expertId) : null;
  }
}

@Resolver(() => Response)
export class ResponseScoresResolver {
  @FieldResolver(() => [SolutionScore], {
    nullable: true,
    description: "揭榜挂帅 scores of this solution: ADMIN and ANALYST all; a panelist their own; from the notice on, the solution's readers all (without names); null otherwise",
  })
  scores(@Root() response: ResponseRow, @Ctx() ctx: Context) {
    return ctx.services.challengeReviews.scoresOf(ctx.viewer, response);
  }
}

async function visibleResponse(ctx: Context, id: number) {
  return ctx.services.prisma.response.findFirst({ where: { id, AND: [readableResponses(ctx.viewer)] } });
}
