import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context/context";
import type { ResponseRow } from "../../infra/db/rows";
import { idOf, toGlobalId } from "../../infra/relay/global-id";
import { Expert } from "../expert";
import { TechNeed } from "../need";
import { Society } from "../society";
import { DeclineReason } from "../workflow";
import { DeclineNote, ResponseStep } from "../workflow";
import { RespondInput } from "./response.input";
import { Response } from "./response.type";

@Resolver(() => Response)
export class ResponseResolver {
  @Mutation(() => Response, { description: "ADMIN, or SOCIETY for its own society." })
  respondToNeed(@Arg("input", () => RespondInput) input: RespondInput, @Ctx() ctx: Context) {
    return ctx.services.responses.respond(ctx, input);
  }

  @Mutation(() => Response, { description: "The need's enterprise or ADMIN (ADMIN alone on a challenge, after submissions close): SUBMITTED → SHORTLISTED." })
  shortlistResponse(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.responses.move(ctx, idOf("Response", id, "id"), "SHORTLISTED");
  }

  @Mutation(() => Response, { description: "The need's enterprise or ADMIN: SUBMITTED or SHORTLISTED → ACCEPTED; an OPEN need goes IN_DOCKING." })
  acceptResponse(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.responses.move(ctx, idOf("Response", id, "id"), "ACCEPTED");
  }

  @Mutation(() => Response, { description: "The need's enterprise or ADMIN, with a reason code (OTHER needs a text) that the society sees." })
  declineResponse(
    @Arg("id", () => ID) id: string,
    @Arg("reasonCode", () => DeclineReason) reasonCode: DeclineReason,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.responses.move(ctx, idOf("Response", id, "id"), "DECLINED", { reasonCode, reason });
  }

  @Mutation(() => Response, { description: "The responding society (or ADMIN), before a final decision." })
  withdrawResponse(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.responses.move(ctx, idOf("Response", id, "id"), "WITHDRAWN");
  }

  @FieldResolver(() => ID)
  id(@Root() response: ResponseRow) {
    return toGlobalId("Response", response.id);
  }

  @FieldResolver(() => TechNeed)
  need(@Root() response: ResponseRow, @Ctx() ctx: Context) {
    return ctx.loaders.need.load(response.needId);
  }

  @FieldResolver(() => Society)
  society(@Root() response: ResponseRow, @Ctx() ctx: Context) {
    return ctx.loaders.society.load(response.societyId);
  }

  @FieldResolver(() => [Expert])
  experts(@Root() response: ResponseRow, @Ctx() ctx: Context) {
    return ctx.loaders.expertsOfResponse.load(response.id);
  }

  @FieldResolver(() => Date, { nullable: true, description: "When the status last changed (null while SUBMITTED)." })
  statusChangedAt(@Root() response: ResponseRow) {
    return response.statusChangedAt;
  }

  @FieldResolver(() => DeclineNote, { nullable: true, description: "Why it was declined: for the responding society, the need's enterprise, ADMIN and ANALYST only." })
  decline(@Root() response: ResponseRow): DeclineNote | null {
    if (response.status !== "DECLINED" || !response.declineCode) return null;
    return { code: response.declineCode, text: response.declineReason };
  }

  @FieldResolver(() => [ResponseStep], { description: "Every status step, oldest first; reasons as `decline` shows them." })
  async history(@Root() response: ResponseRow, @Ctx() ctx: Context): Promise<ResponseStep[]> {
    const steps = await ctx.loaders.historyOfResponse.load(response.id);
    // `of`: the step's response, for the rule of its reasons (access/policy.table.ts).
    return steps.map((s) => ({
      from: s.fromStatus as ResponseStep["from"],
      status: s.toStatus as ResponseStep["status"],
      at: s.at,
      reasonCode: s.reasonCode,
      reason: s.reason,
      of: response,
    }));
  }
}
