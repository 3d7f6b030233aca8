import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context/context";
import { AwardChallengeInput, Deal } from "../deal";

@Resolver()
export class ChallengeResolver {
  @Mutation(() => Deal, {
    description:
      "揭榜挂帅, ADMIN only, once the notice (公示) proposing this solution has ended with no objection open: it wins (ACCEPTED), the other open ones are declined (ALREADY_SOLVED), the award is recorded and the need RESOLVED; milestones and acceptance (验收) follow.",
  })
  awardChallenge(@Arg("input", () => AwardChallengeInput) input: AwardChallengeInput, @Ctx() ctx: Context) {
    return ctx.services.challenges.award(ctx, input);
  }
}
